import { z } from "zod";
import { duration } from "../../../core/spec/fields.js";
import { defineAction } from "./action.js";
import { latency, networkTarget } from "./fields.js";

/**
 * `network-delay`: delays the service's outgoing packets, to its `target` or to everything
 * (NetworkChaos `delay`).
 * @see https://chaos-mesh.org/docs/simulate-network-chaos-on-kubernetes/
 */
export const networkDelay = defineAction({
  action: "network-delay",
  kind: "NetworkChaos",
  field: "networkChaos",
  instant: false,
  disruptive: false,
  targeted: "optional",
  params: z.strictObject({ latency, jitter: duration(0, 60_000, " of at most 60s").optional() }),
  defaults: {
    /** @default "100ms" — added to every packet. */
    latency: "100ms",
  },
  render: (p, context) => ({
    action: "delay",
    delay: { latency: p.latency, ...(p.jitter ? { jitter: p.jitter } : {}) },
    ...networkTarget(context),
  }),
});
