/**
 * Routing against the database: latency or weighted routing sends users to every region at once,
 * which only works when every region can write. In front of a single-writer database (one RDS
 * primary, or an Aurora global cluster without write forwarding) it must be failover routing.
 * @see https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-write-forwarding.html
 */

import { z } from "zod";
import { databases, writerRegion } from "../database/rules.js";
import { describe, must, ofType, serviceRule } from "../../core/policy/framework.js";
import type { Finding, Subject } from "../../core/policy/types.js";
import { at, isSet, isUnknown } from "../../core/policy/values.js";
import { ROUTE53_RECORD } from "./rules.js";

const ACTIVE_ACTIVE = ["latencyRoutingPolicies", "weightedRoutingPolicies"] as const;

/** The region a routed record sends users to: its latency region, else the last segment of its key. */
function targetRegion(r: Subject): string {
  const latency = at(r.props, "latencyRoutingPolicies.0.region");
  return typeof latency === "string" ? latency : (r.key.split("/").pop() ?? r.region);
}

function activeActive(r: Subject): string | undefined {
  return ACTIVE_ACTIVE.find((p) => {
    const v = r.props[p];
    return !isUnknown(v) && isSet(v) && !(Array.isArray(v) && v.length === 0);
  });
}

/** Active-active routing only over a database every region can write to. */
export const dnsActiveActiveNeedsWriters = serviceRule("dns", {
  name: "dns-active-active-needs-writers",
  enforcement: "production",
  fix: "Set spec.dns.routing: failover (primaryRegion: the database's primaryRegion), or set spec.database.writeForwarding: true on an Aurora global database.",
  anchor:
    "AWS multi-Region guidance (active-active needs multi-writer data): latency routing in front of one writer sends writes to read-only replicas or across regions.",
  description:
    "Latency or weighted DNS routing is not put in front of a single-writer database (one writer region, no Aurora write forwarding).",
  config: z.object({}),
  check: (service) => {
    const writer = writerRegion(service);
    const dbs = databases(service);
    if (writer === undefined || dbs.length === 0) return [];
    const secondaries = dbs.filter((d) => d.region !== writer && d.type === "aws:rds/cluster:Cluster");
    const forwarding =
      secondaries.length > 0 && secondaries.every((d) => d.props["enableGlobalWriteForwarding"] === true);
    if (forwarding) return [];
    return ofType(service, ROUTE53_RECORD).flatMap((r): Finding[] => {
      const policy = activeActive(r);
      const region = targetRegion(r);
      if (policy === undefined || region === writer) return [];
      return [
        {
          resource: r.key,
          path: "spec.dns.routing",
          message: must(
            describe(r),
            `not route users to ${region} with ${policy.replace("RoutingPolicies", "")} routing while the database's only writer is in ${writer}`,
            `writes reaching ${region} find a read-only replica (or cross regions to the writer), so active-active routing needs a database every region can write to`,
          ),
        },
      ];
    });
  },
});

/** The routing rules. */
export const DNS_ROUTING_RULES = [dnsActiveActiveNeedsWriters];
