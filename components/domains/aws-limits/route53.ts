/**
 * Route 53 constraints: health-check inputs within what `CreateHealthCheck` accepts, and records
 * shaped as `ChangeResourceRecordSets` requires (alias targets in their canonical hosted zone).
 * @see https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html
 * @see https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html
 */

import { aliasTargetProblem, parseLoadBalancerName } from "../../core/aws/elb.js";
import {
  failoverTypeLimit,
  HEALTH_CHECK_FIELDS,
  latencyRegionLimit,
  recordLimits,
  type RecordShape,
} from "../../core/aws/route53.js";
import type { Subject } from "../../core/policy/types.js";
import { at, isObject, isUnknown } from "../../core/policy/values.js";
import {
  AWS_TYPES,
  awsRule,
  breach,
  known,
  type AwsConstraint,
  type Breach,
} from "../../core/policy/aws-constraint.js";

const healthCheckConstraints: AwsConstraint[] = HEALTH_CHECK_FIELDS.map(([field, check]) => ({
  id: `route53-health-check-${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
  types: [AWS_TYPES.healthCheck],
  path: "spec.dns.healthCheck",
  check: (r: Subject): Breach[] => {
    const value = r.props[field];
    return known(value) ? breach(check(value), value) : [];
  },
}));

const ROUTING = [
  ["failoverRoutingPolicies", "failover"],
  ["latencyRoutingPolicies", "latency"],
  ["weightedRoutingPolicies", "weighted"],
  ["geolocationRoutingPolicies", "geolocation"],
  ["geoproximityRoutingPolicy", "other"],
  ["cidrRoutingPolicy", "other"],
] as const;

/** Whether a record is an alias and which routing policy it uses; undefined while that is unknown. */
function shapeOf(props: Readonly<Record<string, unknown>>): RecordShape | undefined {
  const aliases = props["aliases"];
  if (isUnknown(aliases) || ROUTING.some(([key]) => isUnknown(props[key]))) return undefined;
  const set = (v: unknown): boolean => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
  return { alias: set(aliases), routing: ROUTING.find(([key]) => set(props[key]))?.[1] };
}

const recordConstraints: AwsConstraint[] = [
  {
    id: "route53-record-shape",
    types: [AWS_TYPES.record],
    path: "spec.dns",
    check: (r) => {
      const shape = shapeOf(r.props);
      if (!shape || !known([r.props["ttl"], r.props["records"], r.props["setIdentifier"]])) return [];
      return recordLimits(r.props, shape).map((limit) => ({ limit }));
    },
  },
  {
    id: "route53-record-routing",
    types: [AWS_TYPES.record],
    path: "spec.dns.routing",
    check: (r) => {
      const failover = at(r.props, "failoverRoutingPolicies.0");
      const latency = at(r.props, "latencyRoutingPolicies.0");
      if (isObject(failover) && known(failover["type"]))
        return breach(failoverTypeLimit(failover["type"]), failover["type"]);
      if (isObject(latency) && known(latency["region"]))
        return breach(latencyRegionLimit(latency["region"]), latency["region"]);
      return [];
    },
  },
  {
    id: "route53-alias-hosted-zone",
    types: [AWS_TYPES.record],
    path: "spec.dns",
    check: (r) => {
      const alias = at(r.props, "aliases.0");
      if (!isObject(alias) || typeof alias["name"] !== "string" || typeof alias["zoneId"] !== "string") return [];
      const parsed = parseLoadBalancerName(alias["name"]);
      if (!parsed) return [];
      const problem = aliasTargetProblem(parsed.region, { dnsName: alias["name"], hostedZoneId: alias["zoneId"] });
      return breach(problem, problem?.field === "dnsName" ? alias["name"] : alias["zoneId"]);
    },
  },
];

/** Route 53 health checks as `CreateHealthCheck` accepts them. */
export const awsRoute53HealthCheck = awsRule(
  "aws-route53-health-check",
  "Every Route 53 health check has inputs CreateHealthCheck accepts (type, interval 10 or 30, threshold 1-10, port, resource path and FQDN of at most 255 characters, at least 3 checker regions).",
  healthCheckConstraints,
);

/** Route 53 records as `ChangeResourceRecordSets` accepts them. */
export const awsRoute53Record = awsRule(
  "aws-route53-record",
  "Every Route 53 record is shaped as ChangeResourceRecordSets accepts: an alias without TTL or records in its target's canonical hosted zone, a routed record with a setIdentifier of at most 128 characters, a failover type or latency region, a TTL within range.",
  recordConstraints,
);
