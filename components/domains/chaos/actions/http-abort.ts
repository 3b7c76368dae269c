import { z } from "zod";
import { defineAction } from "./action.js";
import { httpPath, inboundRequests } from "./fields.js";

/**
 * `http-abort`: aborts requests to the service's port (HTTPChaos `abort`; HTTP/1 services only).
 * @see https://chaos-mesh.org/docs/simulate-http-chaos-on-kubernetes/
 */
export const httpAbort = defineAction({
  action: "http-abort",
  kind: "HTTPChaos",
  field: "httpChaos",
  instant: false,
  disruptive: false,
  targeted: "never",
  params: z.strictObject({ httpPath }),
  defaults: {
    /** @default "*" — every path. */
    httpPath: "*",
  },
  render: (p, context) => ({ ...inboundRequests(p.httpPath, context), abort: true }),
});
