/** Documentation of `spec.dns`: meaning, default per tier and the Route 53 resources each field drives. */

import { FAILOVER_DEFAULTS, FAILOVER_TIER_DEFAULTS } from "../../core/defaults.js";
import { always, byTier, doc, required, under, unset, type FieldDocs } from "../../core/spec/field-docs.js";

/** Documentation of the DNS domain's section. */
export const DNS_FIELD_DOCS: FieldDocs = under("dns", {
  "": doc(
    "A public name with Route 53 health checks and failover or latency routing between the regions.",
    unset("no DNS records"),
    "Route 53 health checks, records and alarms; detection and DNS time in the failover budget",
  ),
  zone: doc("Hosted zone the name lives in, such as acme.example.", required, "the zone the records are created in"),
  name: doc("Fully qualified name clients use, within zone.", required, "record name; default status endpoint"),
  routing: doc(
    "failover (primary, then secondaries) or latency (nearest healthy region).",
    required,
    "record routing policy",
  ),
  ttl: doc(
    `Record TTL in seconds; at most ${FAILOVER_DEFAULTS.maxHealthCheckedTtl} when health-checked.`,
    always(FAILOVER_DEFAULTS.dnsTtlSeconds),
    "record TTL; DNS time in the failover budget",
  ),
  primaryRegion: doc(
    "Region that takes traffic while healthy (failover routing).",
    unset("database.primaryRegion, else the first of spec.regions"),
    "PRIMARY failover record",
  ),
  healthCheck: doc("How Route 53 checks each region.", unset("the defaults of each field"), "Route 53 health checks"),
  "healthCheck.protocol": doc(
    "HTTPS, HTTP or TCP.",
    always(FAILOVER_DEFAULTS.healthCheckProtocol),
    "health check type",
  ),
  "healthCheck.path": doc(
    "Path requested (HTTP and HTTPS).",
    unset("the readiness probe's HTTP path, else /"),
    "health check resourcePath",
  ),
  "healthCheck.port": doc("Port checked.", unset("443 for HTTPS and TCP, 80 for HTTP"), "health check port"),
  "healthCheck.intervalSeconds": doc(
    "Seconds between checks from each checker: 10 (fast) or 30.",
    byTier((tier) => FAILOVER_TIER_DEFAULTS[tier].dnsIntervalSeconds),
    "health check requestInterval; detection time in the failover budget",
  ),
  "healthCheck.failureThreshold": doc(
    "Consecutive failed checks before a region is unhealthy.",
    always(FAILOVER_DEFAULTS.healthCheckFailureThreshold),
    "health check failureThreshold; detection time in the failover budget",
  ),
  "healthCheck.regions": doc(
    "Route 53 checker regions to check from.",
    unset("Route 53's default checker regions"),
    "health check regions",
  ),
  "healthCheck.measureLatency": doc(
    "Record latency graphs in CloudWatch.",
    always(false),
    "health check measureLatency",
  ),
  clientCacheSeconds: doc(
    "Seconds clients may cache a record beyond its TTL (JVMs, stub resolvers).",
    always(FAILOVER_DEFAULTS.clientCacheSeconds),
    "DNS time in the failover budget",
  ),
});
