/**
 * Resources every database topology shares: a KMS key per region, the master password in Secrets
 * Manager (replicated to every database region), the enhanced-monitoring role and parameter groups.
 */

import { FAILOVER_DEFAULTS } from "../../core/defaults.js";
import type { ResolvedService } from "../../core/spec/service.js";
import { databasePasswordSecret, databaseSecretName, isProduction } from "../../core/conventions.js";
import type { PlannedResource, SecretRef } from "../../core/plan/types.js";
import { isAurora, parameterFamily, tlsParameter } from "../../core/engines.js";
import { awsResource, ref, type AwsProps } from "../../core/plan/aws.js";
import type { DatabaseSettings } from "./settings.js";

const ORIGIN = "spec.database";

/** The generated master password, as the plan shows it: a reference, never a value. */
export function masterPassword(service: ResolvedService): SecretRef {
  return {
    secret: databasePasswordSecret(service.name),
    source: "generated-password",
    length: FAILOVER_DEFAULTS.passwordLength,
    specialCharacters: FAILOVER_DEFAULTS.passwordSpecialCharacters,
    ...(isProduction(service.environment) ? { protect: true } : {}),
  };
}

/**
 * A customer-managed KMS key in one region: an encrypted replica needs a key valid in its own region.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-getting-started.html
 */
export function kmsKey(service: ResolvedService, db: DatabaseSettings, region: string): PlannedResource {
  return awsResource(
    service,
    { region, kind: "KmsKey", type: "aws:kms/key:Key", origin: ORIGIN, opts: protection(db) },
    {
      description: `${db.identifier} database encryption in ${region}`,
      enableKeyRotation: true,
      deletionWindowInDays: db.production
        ? FAILOVER_DEFAULTS.kmsDeletionWindowDaysProd
        : FAILOVER_DEFAULTS.kmsDeletionWindowDays,
    },
  );
}

/**
 * The master credentials secret in the primary region with a replica in each secondary region, and its value.
 * @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/create-manage-multi-region-secrets.html
 */
export function masterSecret(
  service: ResolvedService,
  db: DatabaseSettings,
  keys: ReadonlyMap<string, PlannedResource>,
): PlannedResource[] {
  const region = db.primaryRegion;
  const secret = awsResource(
    service,
    { region, kind: "Secret", type: "aws:secretsmanager/secret:Secret", origin: ORIGIN },
    {
      name: databaseSecretName(service.name, service.environment),
      description: `Master password of ${db.identifier} (user ${FAILOVER_DEFAULTS.masterUsername})`,
      kmsKeyId: ref(keyIn(keys, region), "arn"),
      recoveryWindowInDays: db.production ? FAILOVER_DEFAULTS.secretRecoveryWindowDaysProd : 0,
      replicas: db.secondaryRegions.map((r) => ({ region: r, kmsKeyId: ref(keyIn(keys, r), "arn") })),
    },
  );
  const version = awsResource(
    service,
    { region, kind: "SecretVersion", type: "aws:secretsmanager/secretVersion:SecretVersion", origin: ORIGIN },
    {
      secretId: ref(secret, "id"),
      secretString: masterPassword(service),
    },
    false,
  );
  return [secret, version];
}

/**
 * The IAM role RDS enhanced monitoring publishes with (IAM is global: one role for every region).
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Enabling.html
 */
export function monitoringRole(service: ResolvedService, db: DatabaseSettings): PlannedResource[] {
  if (db.monitoringIntervalSeconds === 0) return [];
  const region = db.primaryRegion;
  const role = awsResource(
    service,
    { region, kind: "MonitoringRole", type: "aws:iam/role:Role", origin: ORIGIN },
    {
      description: `RDS enhanced monitoring for ${db.identifier}`,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "monitoring.rds.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      }),
    },
  );
  const attachment = awsResource(
    service,
    { region, kind: "MonitoringPolicy", type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", origin: ORIGIN },
    {
      role: ref(role, "name"),
      policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
    },
    false,
  );
  return [role, attachment];
}

/** A parameter group in one region that enforces TLS (cluster parameter group for Aurora). */
export function parameterGroup(service: ResolvedService, db: DatabaseSettings, region: string): PlannedResource {
  const aurora = isAurora(db.engine);
  return awsResource(
    service,
    {
      region,
      kind: "ParameterGroup",
      type: aurora ? "aws:rds/clusterParameterGroup:ClusterParameterGroup" : "aws:rds/parameterGroup:ParameterGroup",
      origin: ORIGIN,
    },
    {
      family: parameterFamily(db.engine, db.version),
      description: `${db.identifier}: TLS required`,
      parameters: [tlsParameter(db.engine)],
    },
  );
}

type ObservabilityField =
  | "performanceInsightsEnabled"
  | "performanceInsightsKmsKeyId"
  | "performanceInsightsRetentionPeriod"
  | "monitoringInterval"
  | "monitoringRoleArn";

/** Monitoring inputs, valid on an RDS instance and on an Aurora cluster instance alike. */
export type Observability = Pick<AwsProps<"aws:rds/instance:Instance">, ObservabilityField> &
  Pick<AwsProps<"aws:rds/clusterInstance:ClusterInstance">, ObservabilityField>;

/** Instance settings every region shares: monitoring, Performance Insights (encrypted with the region's key). */
export function observability(
  db: DatabaseSettings,
  key: PlannedResource,
  role: PlannedResource | undefined,
): Observability {
  return {
    ...(db.performanceInsights
      ? {
          performanceInsightsEnabled: true,
          performanceInsightsKmsKeyId: ref(key, "arn"),
          performanceInsightsRetentionPeriod: FAILOVER_DEFAULTS.performanceInsightsRetentionDays,
        }
      : { performanceInsightsEnabled: false }),
    monitoringInterval: db.monitoringIntervalSeconds,
    ...(role ? { monitoringRoleArn: ref(role, "arn") } : {}),
  };
}

/** Pulumi options that keep production data: `protect` and `retainOnDelete`. */
export function protection(db: DatabaseSettings): { protect?: boolean; retainOnDelete?: boolean } {
  return db.production ? { protect: true, retainOnDelete: true } : {};
}

type SnapshotField = "skipFinalSnapshot" | "finalSnapshotIdentifier";

/** Final-snapshot inputs, valid on an RDS instance and on an Aurora cluster alike. */
export type FinalSnapshot = Pick<AwsProps<"aws:rds/instance:Instance">, SnapshotField> &
  Pick<AwsProps<"aws:rds/cluster:Cluster">, SnapshotField>;

/** Final-snapshot settings: production keeps one, elsewhere deletion skips it. */
export function finalSnapshot(db: DatabaseSettings, identifier: string): FinalSnapshot {
  return db.production
    ? { skipFinalSnapshot: false, finalSnapshotIdentifier: `${identifier}-final` }
    : { skipFinalSnapshot: true };
}

/** The KMS key planned for a region. */
export function keyIn(keys: ReadonlyMap<string, PlannedResource>, region: string): PlannedResource {
  const key = keys.get(region);
  if (!key) throw new Error(`internal: no KMS key planned for ${region}`);
  return key;
}
