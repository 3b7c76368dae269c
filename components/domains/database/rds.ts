/**
 * PostgreSQL / MySQL on RDS: a Multi-AZ primary instance and a cross-region read replica in each
 * secondary region (`replicateSourceDb` = the primary's ARN, encrypted with the replica region's key).
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html
 * @see https://www.pulumi.com/registry/packages/aws/api-docs/rds/instance/
 */

import { FAILOVER_CONSTANTS, FAILOVER_DEFAULTS } from "../../core/defaults.js";
import type { ResolvedService } from "../../core/spec/service.js";
import type { StackConfig } from "../../core/stack/config.js";
import { CLOUDWATCH_ALARMS, databaseIdentifier } from "../../core/conventions.js";
import { alarmNotifications } from "../notify/actions.js";
import type { PlannedResource } from "../../core/plan/types.js";
import type { SharedDatabaseResources } from "./aurora.js";
import { finalSnapshot, keyIn, masterPassword, observability, parameterGroup, protection } from "./common.js";
import { logExports } from "../../core/engines.js";
import { awsResource, ref, type AwsProps } from "../../core/plan/aws.js";
import type { DatabaseSettings } from "./settings.js";

const ORIGIN = "spec.database";

/** Plans the primary instance and its cross-region replicas. */
export function planRdsInstances(
  service: ResolvedService,
  stack: StackConfig,
  db: DatabaseSettings,
  shared: SharedDatabaseResources,
): PlannedResource[] {
  const region = db.primaryRegion;
  const params = parameterGroup(service, db, region);
  const identifier = databaseIdentifier(service.name, service.environment, region);
  const primary = awsResource(
    service,
    {
      region,
      kind: "Instance",
      type: "aws:rds/instance:Instance",
      origin: ORIGIN,
      opts: { ...protection(db), additionalSecretOutputs: ["password"] },
    },
    {
      identifier,
      engine: db.engine,
      engineVersion: db.version,
      username: FAILOVER_DEFAULTS.masterUsername,
      password: masterPassword(service),
      ...(db.databaseName ? { dbName: db.databaseName } : {}),
      allocatedStorage: db.allocatedStorageGb,
      ...finalSnapshot(db, identifier),
      ...common(stack, db, region, params, shared),
    },
  );
  const resources = [params, primary];
  for (const r of db.secondaryRegions) resources.push(...replica(service, stack, db, shared, r, primary));
  return resources;
}

function replica(
  service: ResolvedService,
  stack: StackConfig,
  db: DatabaseSettings,
  shared: SharedDatabaseResources,
  region: string,
  source: PlannedResource,
): PlannedResource[] {
  const params = parameterGroup(service, db, region);
  const identifier = databaseIdentifier(service.name, service.environment, region);
  const instance = awsResource(
    service,
    {
      region,
      kind: "Instance",
      type: "aws:rds/instance:Instance",
      origin: ORIGIN,
      opts: { ...protection(db), ignoreChanges: ["replicateSourceDb"] },
    },
    {
      identifier,
      replicateSourceDb: ref(source, "arn"),
      skipFinalSnapshot: true,
      ...common(stack, db, region, params, shared),
    },
  );
  return [params, instance, lagAlarm(service, stack, region, identifier)];
}

type InstanceProps = AwsProps<"aws:rds/instance:Instance">;

/** Settings the primary and its replicas share; the KMS key and network are the region's own. */
function common(
  stack: StackConfig,
  db: DatabaseSettings,
  region: string,
  params: PlannedResource,
  shared: SharedDatabaseResources,
): Pick<InstanceProps, "instanceClass"> & Partial<InstanceProps> {
  const network = stack.regions[region]?.database;
  if (!network) throw new Error(`internal: stack ${stack.stack} has no database network for ${region}`);
  const key = keyIn(shared.keys, region);
  return {
    instanceClass: db.instanceClass,
    multiAz: true,
    storageType: "gp3",
    storageEncrypted: true,
    kmsKeyId: ref(key, "arn"),
    dbSubnetGroupName: network.subnetGroupName,
    vpcSecurityGroupIds: network.securityGroupIds,
    parameterGroupName: ref(params, "name"),
    port: db.port,
    backupRetentionPeriod: db.backupRetentionDays,
    copyTagsToSnapshot: true,
    deletionProtection: db.deletionProtection,
    publiclyAccessible: false,
    autoMinorVersionUpgrade: true,
    enabledCloudwatchLogsExports: logExports(db.engine),
    ...observability(db, key, shared.role),
  };
}

/**
 * Alarm when a replica lags by more than the bound the failover budget assumes (`ReplicaLag` is in seconds).
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-metrics.html
 */
function lagAlarm(service: ResolvedService, stack: StackConfig, region: string, identifier: string): PlannedResource {
  return awsResource(
    service,
    { region, kind: "ReplicationLagAlarm", type: "aws:cloudwatch/metricAlarm:MetricAlarm", origin: ORIGIN },
    {
      name: CLOUDWATCH_ALARMS.replicationLag(service.name, service.environment, region),
      alarmDescription: `${service.name}: replica lag in ${region} exceeds the ${FAILOVER_CONSTANTS.rdsReplicaLagMs / 1000} s the RPO budget assumes`,
      namespace: "AWS/RDS",
      metricName: "ReplicaLag",
      dimensions: { DBInstanceIdentifier: identifier },
      statistic: "Maximum",
      period: FAILOVER_DEFAULTS.alarmPeriodSeconds,
      evaluationPeriods: FAILOVER_DEFAULTS.lagAlarmEvaluationPeriods,
      threshold: FAILOVER_CONSTANTS.rdsReplicaLagMs / 1000,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "missing",
      ...alarmNotifications(service, stack, region, true),
    },
  );
}
