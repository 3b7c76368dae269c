/** The DNS domain: Route 53 health checks and failover or latency records (GSLB). */

import { DNS_FIELD_DOCS } from "./field-docs.js";
import type { DomainModule } from "../../core/module.js";
import { dnsChecks } from "./checks.js";
import { dnsPlanner } from "./plan.js";
import { DNS_RULES } from "./rules.js";
import { DNS_ROUTING_RULES } from "./rules-routing.js";
import { DNS_HEALTH_RULES } from "./rules-health.js";
import { resolveDns, type ResolvedDns } from "./settings.js";
import { dnsSchema, type DnsInput } from "./schema.js";
import type { DnsSummary } from "./types.js";

declare module "../../core/spec/service.js" {
  interface SpecSections {
    /** Zone, name, routing, TTL and health check. */
    readonly dns?: DnsInput;
  }
  interface ResolvedSections {
    /** DNS settings with every default applied. */
    readonly dns?: ResolvedDns;
  }
}

declare module "../../core/plan/types.js" {
  interface ServiceAnalysis {
    /** The records, their targets and the health checks. */
    readonly dns?: DnsSummary;
  }
}

/** The DNS domain module. */
export const dns: DomainModule = {
  name: "dns",
  sections: { dns: dnsSchema.optional() },
  fieldDocs: DNS_FIELD_DOCS,
  resolve: (input, { base }) => {
    const resolved = resolveDns(input, base.tier);
    return resolved ? { dns: resolved } : {};
  },
  checks: dnsChecks,
  plan: dnsPlanner,
  rules: [...DNS_RULES, ...DNS_ROUTING_RULES, ...DNS_HEALTH_RULES],
};
