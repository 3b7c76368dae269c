/**
 * `spec.database`: multi-region RDS / Aurora.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html
 */

import { z } from "zod";
import { BACKUP_RETENTION_DAYS, MONITORING_INTERVALS } from "../../core/aws/rds.js";
import { DATABASE_ENGINES } from "../../core/engines.js";
import { awsRegion, bool, int, oneOf, pattern } from "../../core/spec/fields.js";

export { DATABASE_ENGINES };

/** `spec.database` */
export const databaseSchema = z.strictObject({
  engine: oneOf(DATABASE_ENGINES),
  version: pattern(
    /^\d+(\.\d+){0,2}([.-][\w.]+)?$/,
    "must be an engine version such as 16.4 or 8.0.mysql_aurora.3.05.2",
  ),
  instanceClass: pattern(/^db\.[a-z0-9]+\.[a-z0-9]+$/, "must be an RDS instance class such as db.r6g.large"),
  primaryRegion: awsRegion,
  secondaryRegions: z.array(awsRegion, { error: "must be a list of AWS regions" }).optional(),
  instances: int(1, 15).optional(),
  databaseName: pattern(
    /^[A-Za-z][A-Za-z0-9_]{0,62}$/,
    "must be a database name: a letter, then letters, digits or _",
  ).optional(),
  allocatedStorageGb: int(20, 65_536).optional(),
  backupRetentionDays: int(BACKUP_RETENTION_DAYS.min, BACKUP_RETENTION_DAYS.max).optional(),
  writeForwarding: bool().optional(),
  deletionProtection: bool().optional(),
  performanceInsights: bool().optional(),
  monitoringIntervalSeconds: z
    .literal(MONITORING_INTERVALS, { error: `must be one of ${MONITORING_INTERVALS.join(", ")}` })
    .optional(),
});

/** `spec.database` as written. */
export type DatabaseInput = z.output<typeof databaseSchema>;
