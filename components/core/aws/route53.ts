/**
 * What the Route 53 API accepts for health checks and records, as the DNS planner sets them.
 * @see https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html
 * @see https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html
 */

import { intIn, type AwsLimit } from "./limit.js";

/** Route 53 is global; its API, health-check metrics and their alarms live in us-east-1. */
export const ROUTE53_REGION = "us-east-1";

/** Health-check request intervals Route 53 accepts, seconds. */
export const HEALTH_CHECK_INTERVALS = [10, 30] as const;

/** Health-check types Route 53 accepts. */
export const HEALTH_CHECK_TYPES = [
  "HTTP",
  "HTTPS",
  "HTTP_STR_MATCH",
  "HTTPS_STR_MATCH",
  "TCP",
  "CALCULATED",
  "CLOUDWATCH_METRIC",
  "RECOVERY_CONTROL",
] as const;

/** Regions Route 53 health checkers run in; a narrowed list must name at least three. */
export const HEALTH_CHECKER_REGIONS = [
  "us-east-1",
  "us-west-1",
  "us-west-2",
  "eu-west-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-northeast-1",
  "sa-east-1",
] as const;

/** Fewest health-checker regions a narrowed list may name. */
export const MIN_HEALTH_CHECKER_REGIONS = 3;

/** Longest health-check resource path and fully qualified domain name. */
export const HEALTH_CHECK_TEXT_MAX = 255;

/** Longest `setIdentifier` of a record. */
export const SET_IDENTIFIER_MAX = 128;

/** Largest record TTL, seconds. */
export const TTL_MAX = 2_147_483_647;

const because = (what: string): string => `Route 53 rejects a health check whose ${what} is anything else`;

/** Checks of one health-check input: the field and its limit. */
type HealthCheckField = readonly [field: string, check: (value: unknown) => AwsLimit | undefined];

/**
 * The health-check inputs the planner sets, each with what `CreateHealthCheck` accepts for it.
 * @see https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html
 */
export const HEALTH_CHECK_FIELDS: readonly HealthCheckField[] = [
  [
    "type",
    (v) =>
      (HEALTH_CHECK_TYPES as readonly unknown[]).includes(v)
        ? undefined
        : { must: `have type ${HEALTH_CHECK_TYPES.join(", ")}`, because: because("type") },
  ],
  [
    "requestInterval",
    (v) =>
      v === undefined || (HEALTH_CHECK_INTERVALS as readonly unknown[]).includes(v)
        ? undefined
        : { must: "have requestInterval 10 or 30", because: because("request interval") },
  ],
  [
    "failureThreshold",
    (v) =>
      v === undefined || intIn(v, 1, 10)
        ? undefined
        : { must: "have failureThreshold between 1 and 10", because: because("failure threshold") },
  ],
  [
    "port",
    (v) =>
      v === undefined || intIn(v, 1, 65535)
        ? undefined
        : { must: "have port between 1 and 65535", because: because("port") },
  ],
  [
    "resourcePath",
    (v) =>
      v === undefined || (typeof v === "string" && v.startsWith("/") && v.length <= HEALTH_CHECK_TEXT_MAX)
        ? undefined
        : {
            must: `have a resourcePath that starts with / and has at most ${HEALTH_CHECK_TEXT_MAX} characters`,
            because: because("resource path"),
          },
  ],
  [
    "fqdn",
    (v) =>
      v === undefined || (typeof v === "string" && v.length >= 1 && v.length <= HEALTH_CHECK_TEXT_MAX)
        ? undefined
        : { must: `have an fqdn of 1 to ${HEALTH_CHECK_TEXT_MAX} characters`, because: because("domain name") },
  ],
  ["regions", (v) => regionsLimit(v)],
];

function regionsLimit(value: unknown): AwsLimit | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [];
  const unknown = list.filter((r) => !(HEALTH_CHECKER_REGIONS as readonly unknown[]).includes(r));
  if (list.length >= MIN_HEALTH_CHECKER_REGIONS && unknown.length === 0) return undefined;
  return {
    must: `name at least ${MIN_HEALTH_CHECKER_REGIONS} health-checker regions, each one of ${HEALTH_CHECKER_REGIONS.join(", ")}`,
    because: because("checker region list"),
  };
}

/** What one record is, for the record checks. */
export interface RecordShape {
  /** `aliases` has an entry. */
  readonly alias: boolean;
  /** The routing policy it uses, if any. */
  readonly routing: "failover" | "latency" | "weighted" | "geolocation" | "other" | undefined;
}

/**
 * A record's inputs against the ResourceRecordSet rules: an alias has no TTL or records, a plain record
 * has both; a routed record has a setIdentifier of at most 128 characters; a latency record names its
 * region; the TTL is within 0–2147483647.
 * @see https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html
 */
export function recordLimits(props: Readonly<Record<string, unknown>>, shape: RecordShape): AwsLimit[] {
  const out: AwsLimit[] = [];
  const has = (key: string): boolean => props[key] !== undefined && props[key] !== null;
  if (shape.alias && (has("ttl") || has("records")))
    out.push({
      must: "not set ttl or records on an alias record",
      because: "Route 53 answers an alias with its target's records and TTL and rejects both",
    });
  if (!shape.alias && (!has("ttl") || !has("records")))
    out.push({
      must: "set ttl and records on a record that is not an alias",
      because: "Route 53 rejects a plain record without them",
    });
  if (has("ttl") && !intIn(props["ttl"], 0, TTL_MAX))
    out.push({ must: `have a ttl between 0 and ${TTL_MAX}`, because: "Route 53 rejects any other TTL" });
  const id = props["setIdentifier"];
  if (shape.routing && !(typeof id === "string" && id.length >= 1 && id.length <= SET_IDENTIFIER_MAX)) {
    out.push({
      must: `have a setIdentifier of 1 to ${SET_IDENTIFIER_MAX} characters`,
      because: `Route 53 tells the records of a ${shape.routing} set apart by it and rejects a missing or longer one`,
    });
  }
  return out;
}

/** A latency record's region must be set: Route 53 routes each query to the lowest-latency region it names. */
export function latencyRegionLimit(region: unknown): AwsLimit | undefined {
  return typeof region === "string" && /^[a-z]{2}(-gov)?-[a-z]+-\d+$/.test(region)
    ? undefined
    : {
        must: "name its AWS region in latencyRoutingPolicies",
        because: "Route 53 rejects a latency record without a region",
      };
}

/** Most tags a Route 53 health check may carry. @see https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeTagsForResource.html */
export const HEALTH_CHECK_TAGS_MAX = 10;

/** A failover record is PRIMARY or SECONDARY. */
export function failoverTypeLimit(type: unknown): AwsLimit | undefined {
  return type === "PRIMARY" || type === "SECONDARY"
    ? undefined
    : { must: "have failover type PRIMARY or SECONDARY", because: "Route 53 rejects any other failover type" };
}
