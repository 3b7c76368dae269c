/** Documentation of `spec.database`: meaning, default per tier and the AWS resources each field drives. */

import { FAILOVER_DEFAULTS, FAILOVER_TIER_DEFAULTS } from "../../core/defaults.js";
import { DATABASE_ENGINES } from "../../core/engines.js";
import { always, byTier, doc, required, under, unset, type FieldDocs } from "../../core/spec/field-docs.js";

/** Documentation of the database domain's section. */
export const DATABASE_FIELD_DOCS: FieldDocs = under("database", {
  "": doc(
    "A multi-region database: Aurora Global Database or RDS with cross-region read replicas.",
    unset("no database"),
    "RDS/Aurora clusters and instances, KMS keys, secrets, replication alarms; RPO and RTO budget",
  ),
  engine: doc(
    `Database engine: ${DATABASE_ENGINES.join(", ")}.`,
    required,
    "cluster or instance engine; Aurora global vs RDS replicas",
  ),
  version: doc("Engine version, such as 16.4.", required, "engineVersion"),
  instanceClass: doc("RDS instance class, such as db.r6g.large.", required, "instanceClass of every instance"),
  primaryRegion: doc(
    "Region of the writer; one of spec.regions.",
    required,
    "primary cluster or instance; DNS primary region",
  ),
  secondaryRegions: doc(
    "Regions holding read replicas that can be promoted on failover.",
    always([]),
    "secondary clusters or cross-region replicas; replication-lag alarms; RPO budget",
  ),
  instances: doc(
    "Instances per region (Aurora: writer plus readers); RDS always has one.",
    byTier((tier) => FAILOVER_TIER_DEFAULTS[tier].instances),
    "Aurora cluster instances; in-region failover time",
  ),
  databaseName: doc(
    "Name of the database created in the cluster.",
    unset("no database created"),
    "databaseName / dbName",
  ),
  allocatedStorageGb: doc(
    "Storage of a non-Aurora instance, GiB.",
    always(FAILOVER_DEFAULTS.allocatedStorageGb),
    "RDS allocatedStorage",
  ),
  backupRetentionDays: doc(
    "Days of automated backups (point-in-time restore window).",
    byTier((tier) => FAILOVER_TIER_DEFAULTS[tier].backupRetentionDays),
    "backupRetentionPeriod; backup policy",
  ),
  writeForwarding: doc(
    "Let Aurora secondaries forward writes to the primary.",
    always(false),
    "enableGlobalWriteForwarding",
  ),
  deletionProtection: doc(
    "Refuse deletion of the database.",
    unset("true in production, false elsewhere"),
    "deletionProtection; deletion policy",
  ),
  performanceInsights: doc(
    "Performance Insights on every instance.",
    byTier((tier) => FAILOVER_TIER_DEFAULTS[tier].performanceInsights),
    "performanceInsightsEnabled",
  ),
  monitoringIntervalSeconds: doc(
    "Enhanced monitoring interval in seconds; 0 turns it off.",
    byTier((tier) => FAILOVER_TIER_DEFAULTS[tier].monitoringIntervalSeconds),
    "monitoringInterval and its IAM role",
  ),
});
