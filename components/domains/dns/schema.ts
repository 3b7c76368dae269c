/**
 * `spec.dns`: Route 53 health checks and failover or latency records.
 * @see https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover.html
 */

import { z } from "zod";
import { HEALTH_CHECK_INTERVALS, HEALTH_CHECKER_REGIONS, MIN_HEALTH_CHECKER_REGIONS } from "../../core/aws/route53.js";
import { awsRegion, bool, httpPath, int, oneOf, pattern } from "../../core/spec/fields.js";

/** `spec.dns.healthCheck` */
const healthCheckSchema = z.strictObject({
  protocol: oneOf(["HTTPS", "HTTP", "TCP"]).optional(),
  path: httpPath.optional(),
  port: int(1, 65535).optional(),
  intervalSeconds: z
    .literal(HEALTH_CHECK_INTERVALS, {
      error: `must be ${HEALTH_CHECK_INTERVALS.join(" or ")} (the intervals Route 53 supports)`,
    })
    .optional(),
  failureThreshold: int(1, 10).optional(),
  regions: z
    .array(oneOf(HEALTH_CHECKER_REGIONS))
    .min(MIN_HEALTH_CHECKER_REGIONS, {
      error: `must list at least ${MIN_HEALTH_CHECKER_REGIONS} Route 53 health-checker regions`,
    })
    .optional(),
  measureLatency: bool().optional(),
});

/** `spec.dns` */
export const dnsSchema = z.strictObject({
  zone: pattern(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/, "must be a DNS zone such as acme.example"),
  name: pattern(
    /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/,
    "must be a fully qualified name such as checkout.acme.example",
  ),
  routing: oneOf(["failover", "latency"]),
  ttl: int(0, 86_400).optional(),
  primaryRegion: awsRegion.optional(),
  healthCheck: healthCheckSchema.optional(),
  clientCacheSeconds: int(0, 3600).optional(),
});

/** `spec.dns` as written. */
export type DnsInput = z.output<typeof dnsSchema>;
