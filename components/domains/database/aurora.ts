/**
 * Aurora: a global cluster with the primary cluster in the primary region and a secondary cluster in
 * each secondary region (or one regional cluster when there are no secondaries), instances per region.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-getting-started.html
 * @see https://www.pulumi.com/registry/packages/aws/api-docs/rds/globalcluster/
 */

import { FAILOVER_CONSTANTS, FAILOVER_DEFAULTS } from "../../core/defaults.js";
import type { ResolvedService } from "../../core/spec/service.js";
import type { StackConfig } from "../../core/stack/config.js";
import { CLOUDWATCH_ALARMS, databaseIdentifier } from "../../core/conventions.js";
import { alarmNotifications } from "../notify/actions.js";
import type { PlannedResource } from "../../core/plan/types.js";
import { finalSnapshot, keyIn, masterPassword, observability, parameterGroup, protection } from "./common.js";
import { logExports } from "../../core/engines.js";
import { awsResource, ref } from "../../core/plan/aws.js";
import type { DatabaseSettings } from "./settings.js";

const ORIGIN = "spec.database";

/** Resources shared by every region: the KMS keys and the monitoring role. */
export interface SharedDatabaseResources {
  /** KMS key per database region. */
  readonly keys: ReadonlyMap<string, PlannedResource>;
  /** Enhanced-monitoring role, when monitoring is on. */
  readonly role?: PlannedResource;
}

/** Plans the Aurora clusters and instances. */
export function planAurora(
  service: ResolvedService,
  stack: StackConfig,
  db: DatabaseSettings,
  shared: SharedDatabaseResources,
): PlannedResource[] {
  const global = db.secondaryRegions.length > 0 ? globalCluster(service, db) : undefined;
  const primary = regionCluster(service, stack, db, shared, { region: db.primaryRegion, global, after: [] });
  const resources: PlannedResource[] = [...(global ? [global] : []), ...primary];
  const primaryInstances = primary
    .filter((r) => r.type === "aws:rds/clusterInstance:ClusterInstance")
    .map((r) => r.key);
  for (const region of db.secondaryRegions) {
    resources.push(...regionCluster(service, stack, db, shared, { region, global, after: primaryInstances }));
    resources.push(lagAlarm(service, stack, db, region));
  }
  return resources;
}

function globalCluster(service: ResolvedService, db: DatabaseSettings): PlannedResource {
  return awsResource(
    service,
    {
      region: db.primaryRegion,
      kind: "GlobalCluster",
      type: "aws:rds/globalCluster:GlobalCluster",
      origin: ORIGIN,
      opts: protection(db),
    },
    {
      globalClusterIdentifier: db.identifier,
      engine: db.engine,
      engineVersion: db.version,
      storageEncrypted: true,
      deletionProtection: db.deletionProtection,
      ...(db.databaseName ? { databaseName: db.databaseName } : {}),
    },
  );
}

interface ClusterPlacement {
  readonly region: string;
  readonly global: PlannedResource | undefined;
  /** Keys the cluster waits for (a secondary waits for the primary's instances). */
  readonly after: readonly string[];
}

function regionCluster(
  service: ResolvedService,
  stack: StackConfig,
  db: DatabaseSettings,
  shared: SharedDatabaseResources,
  at: ClusterPlacement,
): PlannedResource[] {
  const params = parameterGroup(service, db, at.region);
  const cluster = clusterResource(service, stack, db, keyIn(shared.keys, at.region), params, at);
  return [params, cluster, ...clusterInstances(service, db, shared, at.region, cluster)];
}

/** The cluster of one region: the primary holds the credentials, a secondary joins the global cluster. */
function clusterResource(
  service: ResolvedService,
  stack: StackConfig,
  db: DatabaseSettings,
  key: PlannedResource,
  params: PlannedResource,
  at: ClusterPlacement,
): PlannedResource {
  const { region } = at;
  const network = stack.regions[region]?.database;
  if (!network) throw new Error(`internal: stack ${stack.stack} has no database network for ${region}`);
  const identifier = databaseIdentifier(service.name, service.environment, region);
  const isPrimary = region === db.primaryRegion;
  const opts = {
    ...protection(db),
    ...(at.after.length > 0 ? { dependsOn: at.after } : {}),
    ...(isPrimary
      ? { additionalSecretOutputs: ["masterPassword"] }
      : { ignoreChanges: ["replicationSourceIdentifier"] }),
  };
  return awsResource(
    service,
    { region, kind: "Cluster", type: "aws:rds/cluster:Cluster", origin: ORIGIN, opts },
    {
      clusterIdentifier: identifier,
      engine: db.engine,
      engineVersion: db.version,
      ...(at.global ? { globalClusterIdentifier: ref(at.global, "id") } : {}),
      ...(isPrimary
        ? {
            masterUsername: FAILOVER_DEFAULTS.masterUsername,
            masterPassword: masterPassword(service),
            ...(db.databaseName ? { databaseName: db.databaseName } : {}),
          }
        : {}),
      ...(!isPrimary && db.writeForwarding ? { enableGlobalWriteForwarding: true } : {}),
      dbSubnetGroupName: network.subnetGroupName,
      vpcSecurityGroupIds: network.securityGroupIds,
      dbClusterParameterGroupName: ref(params, "name"),
      port: db.port,
      storageEncrypted: true,
      kmsKeyId: ref(key, "arn"),
      backupRetentionPeriod: db.backupRetentionDays,
      copyTagsToSnapshot: true,
      deletionProtection: db.deletionProtection,
      enabledCloudwatchLogsExports: logExports(db.engine),
      ...finalSnapshot(db, identifier),
    },
  );
}

/** The instances of one region's cluster; the first is the preferred writer (promotion tier 0). */
function clusterInstances(
  service: ResolvedService,
  db: DatabaseSettings,
  shared: SharedDatabaseResources,
  region: string,
  cluster: PlannedResource,
): PlannedResource[] {
  const identifier = databaseIdentifier(service.name, service.environment, region);
  const key = keyIn(shared.keys, region);
  return Array.from({ length: db.instances }, (_, i) =>
    awsResource(
      service,
      {
        region,
        kind: "ClusterInstance",
        type: "aws:rds/clusterInstance:ClusterInstance",
        suffix: String(i + 1),
        origin: ORIGIN,
        opts: protection(db),
      },
      {
        identifier: `${identifier}-${i + 1}`,
        clusterIdentifier: ref(cluster, "id"),
        engine: db.engine,
        instanceClass: db.instanceClass,
        promotionTier: i,
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
        copyTagsToSnapshot: true,
        ...observability(db, key, shared.role),
      },
    ),
  );
}

/**
 * Alarm when a secondary lags the primary by more than the bound the failover budget assumes.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.AuroraMonitoring.Metrics.html
 */
function lagAlarm(service: ResolvedService, stack: StackConfig, db: DatabaseSettings, region: string): PlannedResource {
  return awsResource(
    service,
    { region, kind: "ReplicationLagAlarm", type: "aws:cloudwatch/metricAlarm:MetricAlarm", origin: ORIGIN },
    {
      name: CLOUDWATCH_ALARMS.replicationLag(service.name, service.environment, region),
      alarmDescription: `${service.name}: Aurora global replication lag to ${region} exceeds the ${FAILOVER_CONSTANTS.auroraGlobalLagMs} ms the RPO budget assumes`,
      namespace: "AWS/RDS",
      metricName: "AuroraGlobalDBReplicationLag",
      dimensions: { DBClusterIdentifier: databaseIdentifier(service.name, service.environment, region) },
      statistic: "Maximum",
      period: FAILOVER_DEFAULTS.alarmPeriodSeconds,
      evaluationPeriods: FAILOVER_DEFAULTS.lagAlarmEvaluationPeriods,
      threshold: FAILOVER_CONSTANTS.auroraGlobalLagMs,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "missing",
      ...alarmNotifications(service, stack, region, true),
    },
  );
}
