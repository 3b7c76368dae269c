import { z } from "zod";
import { defineAction } from "./action.js";

/**
 * `pod-failure`: makes pods of the service unavailable for `duration` (PodChaos `pod-failure`,
 * which always needs a duration).
 * @see https://chaos-mesh.org/docs/simulate-pod-chaos-on-kubernetes/
 */
export const podFailure = defineAction({
  action: "pod-failure",
  kind: "PodChaos",
  field: "podChaos",
  instant: false,
  disruptive: true,
  targeted: "never",
  params: z.strictObject({}),
  defaults: {},
  render: () => ({ action: "pod-failure" }),
});
