import { z } from "zod";
import { num } from "../../../core/spec/fields.js";
import { defineAction } from "./action.js";
import { networkTarget } from "./fields.js";

/**
 * `network-loss`: drops a share of the service's outgoing packets, to its `target` or to everything
 * (NetworkChaos `loss`).
 * @see https://chaos-mesh.org/docs/simulate-network-chaos-on-kubernetes/
 */
export const networkLoss = defineAction({
  action: "network-loss",
  kind: "NetworkChaos",
  field: "networkChaos",
  instant: false,
  disruptive: false,
  targeted: "optional",
  params: z.strictObject({ lossPercent: num(1, 100).optional() }),
  defaults: {
    /** @default 10 — percentage of packets dropped. */
    lossPercent: 10,
  },
  render: (p, context) => ({ action: "loss", loss: { loss: String(p.lossPercent) }, ...networkTarget(context) }),
});
