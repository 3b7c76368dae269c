import { z } from "zod";
import { defineAction } from "./action.js";
import { networkTarget } from "./fields.js";

/**
 * `network-partition`: cuts the service off from its `target`, which it must name (partitioning
 * from everything is an outage, not an experiment; NetworkChaos `partition`).
 * @see https://chaos-mesh.org/docs/simulate-network-chaos-on-kubernetes/
 */
export const networkPartition = defineAction({
  action: "network-partition",
  kind: "NetworkChaos",
  field: "networkChaos",
  instant: false,
  disruptive: false,
  targeted: "required",
  params: z.strictObject({}),
  defaults: {},
  render: (_p, context) => ({ action: "partition", ...networkTarget(context) }),
});
