/**
 * DNS rules (over a service's records: Route 53 records carry no tags, so their environment and
 * tier come from the service they belong to): every routed record is health-checked, health-checked records have a short TTL, and
 * failover sends traffic first to the region that holds the database writer.
 * @see https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-complex-configs.html
 * @see https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-how-route-53-chooses-records.html
 */

import { z } from "zod";
import { dnsSetIdentifier } from "../../core/conventions.js";
import { writerRegion } from "../database/rules.js";
import { describe, must, ofType, serviceRule } from "../../core/policy/framework.js";
import type { Finding } from "../../core/policy/types.js";
import { at, isSet, isUnknown, list } from "../../core/policy/values.js";

/** Type token of a Route 53 record. */
export const ROUTE53_RECORD = "aws:route53/record:Record";

const ROUTING_POLICIES = [
  "failoverRoutingPolicies",
  "latencyRoutingPolicies",
  "weightedRoutingPolicies",
  "geolocationRoutingPolicies",
  "geoproximityRoutingPolicy",
  "cidrRoutingPolicy",
];

/** True when a record takes part in routing (it has a routing policy), unknown when that cannot be told. */
function isRouted(props: Readonly<Record<string, unknown>>): boolean | undefined {
  const values = ROUTING_POLICIES.map((p) => props[p]);
  if (values.some(isUnknown)) return undefined;
  return values.some((v) => isSet(v) && !(Array.isArray(v) && v.length === 0));
}

/** Every routed record has a health check. */
export const dnsHealthChecked = serviceRule("dns", {
  name: "dns-record-health-checked",
  fix: "Set spec.dns.healthCheck (e.g. { path: /ready, intervalSeconds: 10, failureThreshold: 3 }).",
  anchor:
    "AWS Route 53 failover guidance: a routed record without a health check keeps sending traffic to a dead region.",
  description: "Every Route 53 record with a routing policy (failover, latency, weighted, ...) has a health check.",
  config: z.object({}),
  check: (service) =>
    ofType(service, ROUTE53_RECORD).flatMap((subject): Finding[] => {
      if (isRouted(subject.props) !== true || isSet(subject.props["healthCheckId"])) return [];
      return [
        {
          resource: subject.key,
          path: "spec.dns.healthCheck",
          message: must(
            describe(subject),
            "have a healthCheckId",
            "Route 53 keeps answering with a dead region's address when no health check marks it unhealthy",
          ),
        },
      ];
    }),
});

/** A health-checked record's TTL is short enough for failover to take effect. */
export const dnsTtl = serviceRule("dns", {
  name: "dns-ttl-when-health-checked",
  fix: "Lower spec.dns.ttl to at most the configured maximum (e.g. 30).",
  anchor: "AWS Route 53 failover guidance: resolvers keep a long TTL's answer after the health check flips.",
  description: "A health-checked record has a TTL of at most maxTtlSeconds, so clients follow a failover quickly.",
  config: z.object({
    maxTtlSeconds: z.number().int().min(0).default(60).describe("Longest TTL allowed on a health-checked record."),
  }),
  check: (service, config) =>
    ofType(service, ROUTE53_RECORD).flatMap((subject): Finding[] => {
      const ttl = subject.props["ttl"];
      if (!isSet(subject.props["healthCheckId"]) || typeof ttl !== "number" || ttl <= config.maxTtlSeconds) return [];
      return [
        {
          resource: subject.key,
          path: "spec.dns.ttl",
          message: must(
            describe(subject),
            `have a TTL of at most ${config.maxTtlSeconds}s, got ${ttl}s`,
            "resolvers keep sending clients to the failed region for as long as the TTL",
          ),
        },
      ];
    }),
});

/** The failover primary is the database writer's region. */
export const dnsPrimaryIsDatabasePrimary = serviceRule("dns", {
  name: "dns-primary-is-db-primary",
  fix: "Set spec.dns.primaryRegion to spec.database.primaryRegion (or leave it unset to follow the database).",
  anchor: "AWS multi-Region guidance: traffic must go where the database writer is, or every write crosses regions.",
  description: "With failover routing, the PRIMARY record points at the region that holds the database writer.",
  config: z.object({}),
  check: (service) => {
    const writer = writerRegion(service);
    if (writer === undefined) return [];
    return ofType(service, ROUTE53_RECORD).flatMap((r): Finding[] => {
      const policies = list(r.props, "failoverRoutingPolicies");
      if (isUnknown(policies) || !policies.some((p) => at(p, "type") === "PRIMARY")) return [];
      const id = r.props["setIdentifier"];
      if (isUnknown(id) || typeof id !== "string") return [];
      const region = service.regions.find((reg) => dnsSetIdentifier(service.service, reg) === id);
      if (region === undefined || region === writer) return [];
      return [
        {
          resource: r.key,
          path: "spec.dns.primaryRegion",
          message: must(
            describe(r),
            `make ${writer} (the database writer) the PRIMARY, not ${region}`,
            "serving from the region without the writer sends every write across regions and fails over away from the data",
          ),
        },
      ];
    });
  },
});

/** The DNS rules. */
export const DNS_RULES = [dnsHealthChecked, dnsTtl, dnsPrimaryIsDatabasePrimary];
