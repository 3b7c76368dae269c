import { z } from "zod";
import { defineAction } from "./action.js";
import { containerNames, containersOf } from "./fields.js";

/**
 * `container-kill`: kills containers of the service's pods (PodChaos `container-kill`; the webhook
 * requires a container name). Instantaneous: `duration` is how long its effect is watched.
 * @see https://chaos-mesh.org/docs/simulate-pod-chaos-on-kubernetes/
 */
export const containerKill = defineAction({
  action: "container-kill",
  kind: "PodChaos",
  field: "podChaos",
  instant: true,
  disruptive: true,
  targeted: "never",
  params: z.strictObject({ containerNames }),
  defaults: {},
  render: (p, { service }) => ({ action: "container-kill", containerNames: containersOf(p.containerNames, service) }),
});
