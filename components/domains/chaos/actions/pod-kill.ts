import { z } from "zod";
import { defineAction } from "./action.js";

/**
 * `pod-kill`: kills pods of the service (PodChaos `pod-kill`). Instantaneous: `duration` is how long
 * its effect is watched.
 * @see https://chaos-mesh.org/docs/simulate-pod-chaos-on-kubernetes/
 */
export const podKill = defineAction({
  action: "pod-kill",
  kind: "PodChaos",
  field: "podChaos",
  instant: true,
  disruptive: true,
  targeted: "never",
  params: z.strictObject({}),
  defaults: {},
  render: () => ({ action: "pod-kill" }),
});
