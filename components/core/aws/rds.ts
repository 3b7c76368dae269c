/**
 * What the RDS API accepts for the inputs the database planner sets: identifiers, backup
 * retention, enhanced monitoring, Performance Insights retention, instance classes and windows.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateGlobalCluster.html
 */

import { intIn, type AwsLimit } from "./limit.js";

/** Longest DB instance, DB cluster (Aurora) and global cluster identifier. */
export const RDS_IDENTIFIER_MAX = 63;

/** Longest DB snapshot identifier (the final snapshot). */
export const RDS_SNAPSHOT_IDENTIFIER_MAX = 255;

/**
 * An RDS identifier: 1 to `max` letters, digits or hyphens, a letter first, no two consecutive hyphens, no trailing hyphen.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
 */
export function rdsIdentifierLimit(identifier: string, max = RDS_IDENTIFIER_MAX): AwsLimit | undefined {
  const ok =
    identifier.length >= 1 &&
    identifier.length <= max &&
    /^[A-Za-z][A-Za-z0-9-]*$/.test(identifier) &&
    !identifier.includes("--") &&
    !identifier.endsWith("-");
  if (ok) return undefined;
  return {
    must: `be 1 to ${max} letters, digits or hyphens, starting with a letter, without two consecutive hyphens or a trailing hyphen (${identifier.length} characters)`,
    because: "RDS rejects any other identifier",
  };
}

/** Automated backups an Aurora cluster keeps, days (an RDS instance may also use 0, which turns backups off). */
export const BACKUP_RETENTION_DAYS = { min: 1, max: 35 } as const;

/**
 * Backup retention: 1–35 days for an Aurora cluster; 0–35 for an instance, which must keep backups (≥ 1) to be the source of read replicas.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html
 */
export function backupRetentionLimit(days: unknown, cluster: boolean, replicated: boolean): AwsLimit | undefined {
  const min = cluster || replicated ? BACKUP_RETENTION_DAYS.min : 0;
  if (intIn(days, min, BACKUP_RETENTION_DAYS.max)) return undefined;
  const why = cluster
    ? "RDS accepts 1 to 35 days for an Aurora cluster"
    : replicated
      ? "a read replica's source must keep automated backups, and RDS accepts at most 35 days"
      : "RDS accepts 0 to 35 days";
  return { must: `be an integer between ${min} and ${BACKUP_RETENTION_DAYS.max} days`, because: why };
}

/** Enhanced monitoring intervals RDS accepts, seconds (0 turns it off). */
export const MONITORING_INTERVALS = [0, 1, 5, 10, 15, 30, 60] as const;

/**
 * Enhanced monitoring interval: one of the accepted values.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
 */
export function monitoringIntervalLimit(interval: unknown): AwsLimit | undefined {
  if ((MONITORING_INTERVALS as readonly unknown[]).includes(interval)) return undefined;
  return {
    must: `set monitoringInterval to one of ${MONITORING_INTERVALS.join(", ")}`,
    because: "RDS accepts no other enhanced monitoring interval",
  };
}

/** Enhanced monitoring role: set exactly when the interval is not 0. */
export function monitoringRoleLimit(interval: unknown, hasRole: boolean): AwsLimit | undefined {
  if (interval !== 0 && !hasRole)
    return {
      must: "set monitoringRoleArn when monitoringInterval is not 0",
      because: "RDS needs a role to publish enhanced monitoring metrics",
    };
  if (interval === 0 && hasRole)
    return {
      must: "not set monitoringRoleArn when monitoringInterval is 0",
      because: "RDS rejects a monitoring role without a monitoring interval",
    };
  return undefined;
}

/**
 * Performance Insights retention: 7, 31 × months (1–23) or 731 days.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
 */
export function performanceInsightsRetentionLimit(days: unknown): AwsLimit | undefined {
  const ok = days === 7 || days === 731 || (typeof days === "number" && days % 31 === 0 && intIn(days / 31, 1, 23));
  return ok
    ? undefined
    : {
        must: "be 7, 31 × months (1 to 23 months, e.g. 93) or 731 days",
        because: "Performance Insights accepts no other retention",
      };
}

/**
 * Instance classes Aurora runs on at all: memory-optimized (db.r*, db.x2g) and the burstable db.t3/db.t4g medium and large.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.DBInstanceClass.SupportAurora.html
 */
const AURORA_CLASS = /^db\.(r\d+[a-z]*\.[a-z0-9]+|x2g\.[a-z0-9]+|t3\.(medium|large)|t4g\.(medium|large))$/;

/** Memory-optimized classes, the only ones an Aurora global database accepts. */
const MEMORY_OPTIMIZED_CLASS = /^db\.(r\d+[a-z]*|x2g)\.[a-z0-9]+$/;

/**
 * An Aurora instance class: one Aurora supports; memory-optimized for a global database.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.configuration.requirements.html
 */
export function auroraInstanceClassLimit(instanceClass: string, global: boolean): AwsLimit | undefined {
  if (!AURORA_CLASS.test(instanceClass)) {
    return {
      must: "be an instance class Aurora supports: db.r* or db.x2g (memory-optimized), or db.t3/db.t4g medium or large",
      because: "Aurora runs on no other class",
    };
  }
  if (global && !MEMORY_OPTIMIZED_CLASS.test(instanceClass)) {
    return {
      must: "be a memory-optimized instance class (db.r* or db.x2g) for an Aurora global database",
      because: "an Aurora global database requires memory-optimized classes",
    };
  }
  return undefined;
}

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** Minutes since Monday 00:00 UTC of `ddd:hh24:mi`, or of `hh24:mi` on Monday. */
function minuteOf(text: string): number | undefined {
  const match = /^(?:(mon|tue|wed|thu|fri|sat|sun):)?([01]\d|2[0-3]):([0-5]\d)$/i.exec(text);
  if (!match) return undefined;
  const day = match[1] ? DAYS.indexOf(match[1].toLowerCase()) : 0;
  return day * 1440 + Number(match[2]) * 60 + Number(match[3]);
}

/** A window as [start, end) minutes of the week (a daily window as Monday's), or undefined when malformed. */
function windowOf(text: string, weekly: boolean): readonly [number, number] | undefined {
  const parts = text.split("-");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  const hasDay = (part: string): boolean => /^[a-z]{3}:/i.test(part);
  if (hasDay(parts[0]) !== weekly || hasDay(parts[1]) !== weekly) return undefined;
  const start = minuteOf(parts[0]);
  const end = minuteOf(parts[1]);
  if (start === undefined || end === undefined) return undefined;
  const period = weekly ? 7 * 1440 : 1440;
  return [start, end > start ? end : end + period];
}

/** Shortest backup or maintenance window, minutes. */
export const MIN_WINDOW_MINUTES = 30;

/**
 * `preferredBackupWindow` (`hh24:mi-hh24:mi`, UTC, at least 30 minutes) and `preferredMaintenanceWindow`
 * (`ddd:hh24:mi-ddd:hh24:mi`, at least 30 minutes), which must not overlap.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html
 */
export function windowsLimit(backup: string | undefined, maintenance: string | undefined): AwsLimit | undefined {
  const b = backup === undefined ? undefined : windowOf(backup, false);
  const m = maintenance === undefined ? undefined : windowOf(maintenance, true);
  if (backup !== undefined && (!b || b[1] - b[0] < MIN_WINDOW_MINUTES))
    return {
      must: "set preferredBackupWindow as hh24:mi-hh24:mi (UTC) spanning at least 30 minutes",
      because: "RDS rejects any other backup window",
    };
  if (maintenance !== undefined && (!m || m[1] - m[0] < MIN_WINDOW_MINUTES))
    return {
      must: "set preferredMaintenanceWindow as ddd:hh24:mi-ddd:hh24:mi (UTC) spanning at least 30 minutes",
      because: "RDS rejects any other maintenance window",
    };
  if (b && m && overlapsDaily(b, m))
    return {
      must: "keep preferredBackupWindow and preferredMaintenanceWindow apart",
      because: "RDS rejects a backup window that overlaps the maintenance window",
    };
  return undefined;
}

/** True when a daily window, repeated every day, meets a weekly window. */
function overlapsDaily(daily: readonly [number, number], weekly: readonly [number, number]): boolean {
  const week = 7 * 1440;
  for (let day = -1; day <= 7; day++) {
    const start = daily[0] + day * 1440;
    const end = daily[1] + day * 1440;
    for (const shift of [-week, 0, week]) if (start < weekly[1] + shift && weekly[0] + shift < end) return true;
  }
  return false;
}
