import { z } from "zod";
import { defineAction } from "./action.js";
import { httpPath, inboundRequests, latency } from "./fields.js";

/**
 * `http-delay`: delays requests to the service's port (HTTPChaos `delay`; HTTP/1 services only).
 * @see https://chaos-mesh.org/docs/simulate-http-chaos-on-kubernetes/
 */
export const httpDelay = defineAction({
  action: "http-delay",
  kind: "HTTPChaos",
  field: "httpChaos",
  instant: false,
  disruptive: false,
  targeted: "never",
  params: z.strictObject({ latency, httpPath }),
  defaults: {
    /** @default "100ms" — added to every request. */
    latency: "100ms",
    /** @default "*" — every path. */
    httpPath: "*",
  },
  render: (p, context) => ({ ...inboundRequests(p.httpPath, context), delay: p.latency }),
});
