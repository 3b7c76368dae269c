/**
 * RDS constraints: identifiers, backup retention, enhanced monitoring, Performance Insights
 * retention, Aurora instance classes and backup/maintenance windows, as the RDS API accepts them.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html
 */

import {
  auroraInstanceClassLimit,
  backupRetentionLimit,
  monitoringIntervalLimit,
  monitoringRoleLimit,
  performanceInsightsRetentionLimit,
  rdsIdentifierLimit,
  RDS_SNAPSHOT_IDENTIFIER_MAX,
  windowsLimit,
} from "../../core/aws/rds.js";
import { isRef } from "../../core/plan/types.js";
import type { ServiceSubject, Subject } from "../../core/policy/types.js";
import { isSet } from "../../core/policy/values.js";
import {
  AWS_TYPES,
  awsRule,
  breach,
  known,
  type AwsConstraint,
  type Breach,
} from "../../core/policy/aws-constraint.js";

const { globalCluster, cluster, clusterInstance, instance } = AWS_TYPES;

/** The identifier input of each RDS type. */
const IDENTIFIER_FIELD: Readonly<Record<string, string>> = {
  [globalCluster]: "globalClusterIdentifier",
  [cluster]: "clusterIdentifier",
  [clusterInstance]: "identifier",
  [instance]: "identifier",
};

function identifiers(r: Subject): Breach[] {
  const field = IDENTIFIER_FIELD[r.type] ?? "identifier";
  const id = r.props[field];
  const snapshot = r.props["finalSnapshotIdentifier"];
  return [
    ...(typeof id === "string" ? breach(rdsIdentifierLimit(id), id) : []),
    ...(typeof snapshot === "string"
      ? breach(rdsIdentifierLimit(snapshot, RDS_SNAPSHOT_IDENTIFIER_MAX), snapshot)
      : []),
  ];
}

/** True when another instance of the service replicates this one (offline, where references are plain). */
function isReplicated(r: Subject, service: ServiceSubject): boolean {
  return service.resources.some(
    (x) => x.type === instance && isRef(x.props["replicateSourceDb"]) && x.props["replicateSourceDb"].ref === r.key,
  );
}

function backups(r: Subject, service: ServiceSubject): Breach[] {
  const days = r.props["backupRetentionPeriod"];
  if (days === undefined || !known(days) || (r.type === instance && isSet(r.props["replicateSourceDb"]))) return [];
  return breach(backupRetentionLimit(days, r.type === cluster, r.type === instance && isReplicated(r, service)), days);
}

function monitoring(r: Subject): Breach[] {
  const interval = r.props["monitoringInterval"];
  const role = r.props["monitoringRoleArn"];
  if (interval === undefined || !known(interval)) return [];
  const limit =
    monitoringIntervalLimit(interval) ?? (known(role) ? monitoringRoleLimit(interval, isSet(role)) : undefined);
  return breach(limit, interval);
}

function insightsRetention(r: Subject): Breach[] {
  const days = r.props["performanceInsightsRetentionPeriod"];
  return days === undefined || !known(days) ? [] : breach(performanceInsightsRetentionLimit(days), days);
}

function auroraClass(r: Subject, service: ServiceSubject): Breach[] {
  const engine = r.props["engine"];
  const instanceClass = r.props["instanceClass"];
  if (typeof engine !== "string" || !engine.startsWith("aurora") || typeof instanceClass !== "string") return [];
  const global = service.resources.some((x) => x.type === globalCluster);
  return breach(auroraInstanceClassLimit(instanceClass, global), instanceClass);
}

function windows(r: Subject): Breach[] {
  const backup = r.props["preferredBackupWindow"];
  const maintenance = r.props["preferredMaintenanceWindow"];
  if (!known([backup, maintenance])) return [];
  const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
  return breach(
    windowsLimit(text(backup), text(maintenance)),
    [backup, maintenance].filter((v) => v !== undefined).join(" / "),
  );
}

const constraints: AwsConstraint[] = [
  {
    id: "rds-identifier",
    types: [globalCluster, cluster, clusterInstance, instance],
    path: "metadata.name",
    check: identifiers,
  },
  { id: "rds-backup-retention", types: [cluster, instance], path: "spec.database.backupRetentionDays", check: backups },
  {
    id: "rds-enhanced-monitoring",
    types: [clusterInstance, instance],
    path: "spec.database.monitoringIntervalSeconds",
    check: monitoring,
  },
  {
    id: "rds-performance-insights-retention",
    types: [clusterInstance, instance, cluster],
    path: "spec.database.performanceInsights",
    check: insightsRetention,
  },
  {
    id: "rds-aurora-instance-class",
    types: [clusterInstance],
    path: "spec.database.instanceClass",
    check: auroraClass,
  },
  { id: "rds-windows", types: [cluster, clusterInstance, instance], path: "spec.database", check: windows },
];

/** RDS and Aurora inputs as the RDS API accepts them. */
export const awsRds = awsRule(
  "aws-rds",
  "Every RDS global cluster, cluster and instance has inputs the RDS API accepts: identifiers, backup retention, enhanced monitoring interval and role, Performance Insights retention, an Aurora instance class, backup and maintenance windows.",
  constraints,
);
