import { z } from "zod";
import { BACKUP_RETENTION_DAYS, MONITORING_INTERVALS } from "../../core/aws/rds.js";
import { HEALTH_CHECK_INTERVALS, HEALTH_CHECKER_REGIONS, MIN_HEALTH_CHECKER_REGIONS } from "../../core/aws/route53.js";
import { DATABASE_ENGINES } from "../../core/engines.js";
import { awsRegion, bool, httpPath, int, oneOf, pattern } from "../../core/spec/fields.js";

/**
 * `spec.database` (multi-region RDS / Aurora) and `spec.dns` (Route 53 health checks and records).
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html
 * @see https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover.html
 */

export { DATABASE_ENGINES };

/** `spec.database` */
export const databaseSchema = z.strictObject({
  engine: oneOf(DATABASE_ENGINES),
  version: pattern(/^\d+(\.\d+){0,2}([.-][\w.]+)?$/, "must be an engine version such as 16.4 or 8.0.mysql_aurora.3.05.2"),
  instanceClass: pattern(/^db\.[a-z0-9]+\.[a-z0-9]+$/, "must be an RDS instance class such as db.r6g.large"),
  primaryRegion: awsRegion,
  secondaryRegions: z.array(awsRegion, { error: "must be a list of AWS regions" }).optional(),
  instances: int(1, 15).optional(),
  databaseName: pattern(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, "must be a database name: a letter, then letters, digits or _").optional(),
  allocatedStorageGb: int(20, 65_536).optional(),
  backupRetentionDays: int(BACKUP_RETENTION_DAYS.min, BACKUP_RETENTION_DAYS.max).optional(),
  writeForwarding: bool().optional(),
  deletionProtection: bool().optional(),
  performanceInsights: bool().optional(),
  monitoringIntervalSeconds: z.literal(MONITORING_INTERVALS, { error: `must be one of ${MONITORING_INTERVALS.join(", ")}` }).optional(),
});

/** `spec.dns.healthCheck` */
const healthCheckSchema = z.strictObject({
  protocol: oneOf(["HTTPS", "HTTP", "TCP"]).optional(),
  path: httpPath.optional(),
  port: int(1, 65535).optional(),
  intervalSeconds: z.literal(HEALTH_CHECK_INTERVALS, { error: `must be ${HEALTH_CHECK_INTERVALS.join(" or ")} (the intervals Route 53 supports)` }).optional(),
  failureThreshold: int(1, 10).optional(),
  regions: z
    .array(oneOf(HEALTH_CHECKER_REGIONS))
    .min(MIN_HEALTH_CHECKER_REGIONS, { error: `must list at least ${MIN_HEALTH_CHECKER_REGIONS} Route 53 health-checker regions` })
    .optional(),
  measureLatency: bool().optional(),
});

/** `spec.dns` */
export const dnsSchema = z.strictObject({
  zone: pattern(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/, "must be a DNS zone such as acme.example"),
  name: pattern(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/, "must be a fully qualified name such as checkout.acme.example"),
  routing: oneOf(["failover", "latency"]),
  ttl: int(0, 86_400).optional(),
  primaryRegion: awsRegion.optional(),
  healthCheck: healthCheckSchema.optional(),
  clientCacheSeconds: int(0, 3600).optional(),
});
