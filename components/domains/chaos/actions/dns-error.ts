import { z } from "zod";
import { defineAction } from "./action.js";
import { containerNames, containersOf } from "./fields.js";

/**
 * `dns-error`: fails the service's DNS lookups, of its `target`'s host or of every name (DNSChaos
 * `error`; needs Chaos Mesh's DNS server, `dnsServer.create=true`).
 * @see https://chaos-mesh.org/docs/simulate-dns-chaos-on-kubernetes/
 */
export const dnsError = defineAction({
  action: "dns-error",
  kind: "DNSChaos",
  field: "dnsChaos",
  instant: false,
  disruptive: false,
  targeted: "optional",
  params: z.strictObject({ containerNames }),
  defaults: {},
  render: (p, { service, target }) => ({
    action: "error",
    containerNames: containersOf(p.containerNames, service),
    ...(target?.host ? { patterns: [target.host] } : {}),
  }),
});
