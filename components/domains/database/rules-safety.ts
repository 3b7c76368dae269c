/**
 * Database rules a reviewer holds production data to: enough days of backups for critical data,
 * a reader to fail over to in every Aurora region, and instances that are private and Multi-AZ
 * whatever a transformation or a later override does to the planned inputs.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html
 * @see https://docs.aws.amazon.com/config/latest/developerguide/rds-instance-public-access-check.html
 * @see https://docs.aws.amazon.com/config/latest/developerguide/rds-multi-az-support.html
 */

import { z } from "zod";
import { isProduction } from "../../core/conventions.js";
import { POLICY_LIMITS } from "../../core/defaults.js";
import { describe, must, ofType, resourceRule, serviceRule } from "../../core/policy/framework.js";
import type { Finding } from "../../core/policy/types.js";
import { isUnknown, num } from "../../core/policy/values.js";
import { RDS } from "./rules.js";

/** Type token of an Aurora cluster instance. */
export const CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";

/** Critical data keeps at least a week of automated backups. */
export const databaseBackupRetention = resourceRule("database", {
  name: "database-backup-retention",
  fix: "Set spec.database.backupRetentionDays to at least 7 for a critical service.",
  anchor:
    "AWSGuard rds-instance-backup-enabled / AWS backup guidance: a day of backups cannot recover from corruption found on the next working day.",
  description: `A critical service's clusters and instances keep at least ${POLICY_LIMITS.criticalBackupRetentionDays} days of automated backups.`,
  types: [RDS.cluster, RDS.instance],
  config: z.object({}),
  check: (subject, _config, context) => {
    const days = num(subject.props, "backupRetentionPeriod");
    const floor = POLICY_LIMITS.criticalBackupRetentionDays;
    if (context.tier !== "critical" || days === undefined || isUnknown(days) || days >= floor) return [];
    return [
      {
        resource: subject.key,
        path: "spec.database.backupRetentionDays",
        message: must(
          describe(subject),
          `keep at least ${floor} days of backups (spec.database.backupRetentionDays, e.g. 14), got ${days}`,
          "corruption or a bad migration is often found days later, and a point-in-time restore can only go back as far as the backups",
        ),
      },
    ];
  },
});

/** Every Aurora region has a reader to promote in production. */
export const auroraReaderPerRegion = serviceRule("database", {
  name: "aurora-reader-per-region",
  fix: "Set spec.database.instances to at least 2 so every region has a writer and a reader.",
  anchor:
    "AWS Aurora high availability guidance: a single instance per region means a failover within the region has no reader to promote.",
  description: `In production, an Aurora cluster has at least ${POLICY_LIMITS.minAuroraInstancesInProduction} instances in every region.`,
  config: z.object({}),
  enforcement: "production",
  check: (service) => {
    if (!isProduction(service.environment)) return [];
    const floor = POLICY_LIMITS.minAuroraInstancesInProduction;
    return ofType(service, RDS.cluster).flatMap((cluster): Finding[] => {
      const count = ofType(service, CLUSTER_INSTANCE, cluster.region).length;
      if (count >= floor) return [];
      return [
        {
          resource: cluster.key,
          path: "spec.database.instances",
          message: must(
            `${describe(cluster)} in ${cluster.region}`,
            `run at least ${floor} instances (spec.database.instances: ${floor}), got ${count}`,
            "with a single instance a failed instance or a maintenance reboot takes the region's database down until it is replaced (about ten minutes) instead of failing over to a reader",
          ),
        },
      ];
    });
  },
});

/** No database instance is reachable from the internet; an RDS instance is Multi-AZ. */
export const databasePrivateMultiAz = resourceRule("database", {
  name: "database-private-multi-az",
  fix: "Remove the override: keep publiclyAccessible: false and multiAz: true on the database instances.",
  anchor: "AWSGuard rds-instance-public-access, rds-instance-multi-az-enabled.",
  description: "In production, no database instance is publicly accessible and every RDS instance is Multi-AZ.",
  types: [RDS.instance, CLUSTER_INSTANCE],
  config: z.object({}),
  enforcement: "production",
  check: (subject, _config, context) => {
    if (!isProduction(context.environment)) return [];
    const out: Finding[] = [];
    if (subject.props["publiclyAccessible"] === true)
      out.push({
        resource: subject.key,
        path: "spec.database",
        message: must(
          describe(subject),
          "set publiclyAccessible: false (remove the override that sets it)",
          "a public address exposes the database's port to the whole internet, one leaked password away from the data",
        ),
      });
    if (subject.type === RDS.instance && subject.props["multiAz"] === false)
      out.push({
        resource: subject.key,
        path: "spec.database",
        message: must(
          describe(subject),
          "set multiAz: true (remove the override that sets it)",
          "a single-AZ instance is down for the whole recovery when its zone or host fails, instead of failing over in one to two minutes",
        ),
      });
    return out;
  },
});

/** The database safety rules. */
export const DATABASE_SAFETY_RULES = [databaseBackupRetention, auroraReaderPerRegion, databasePrivateMultiAz];
