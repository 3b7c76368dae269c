import { FAILOVER_DEFAULTS, FAILOVER_TIER_DEFAULTS } from "../../core/defaults.js";
import type { ServiceBase } from "../../core/spec/service.js";
import type { DatabaseInput } from "./schema.js";
import { databaseIdentifier, isProduction } from "../../core/conventions.js";
import { enginePort, isAurora, type Engine } from "../../core/engines.js";

/** `spec.database` with every default applied: what the database planner and the budget read. */
export interface DatabaseSettings {
  /** Engine. */
  readonly engine: Engine;
  /** Engine version. */
  readonly version: string;
  /** Instance class in every region. */
  readonly instanceClass: string;
  /** Region of the writer. */
  readonly primaryRegion: string;
  /** Regions holding a replica (Aurora secondary cluster or RDS cross-region read replica). */
  readonly secondaryRegions: readonly string[];
  /** Aurora instances per region (non-Aurora: always one instance per region). */
  readonly instances: number;
  /** Initial database name, when set. */
  readonly databaseName?: string;
  /** Storage of a non-Aurora instance, GiB. */
  readonly allocatedStorageGb: number;
  /** Days of automated backups. */
  readonly backupRetentionDays: number;
  /** Whether secondaries forward writes to the primary (Aurora global write forwarding). */
  readonly writeForwarding: boolean;
  /** RDS deletion protection (and Pulumi `protect`/`retainOnDelete`). */
  readonly deletionProtection: boolean;
  /** Performance Insights on every instance. */
  readonly performanceInsights: boolean;
  /** Enhanced monitoring interval, seconds (0: off). */
  readonly monitoringIntervalSeconds: number;
  /** Engine port. */
  readonly port: number;
  /** Whether the environment is production. */
  readonly production: boolean;
  /** Global cluster identifier (Aurora) or the base of instance identifiers. */
  readonly identifier: string;
}

/** Applies the tier and environment defaults to `spec.database`. */
export function resolveDatabase(db: DatabaseInput, service: ServiceBase): DatabaseSettings {
  const tier = FAILOVER_TIER_DEFAULTS[service.tier];
  const production = isProduction(service.environment);
  return {
    engine: db.engine,
    version: db.version,
    instanceClass: db.instanceClass,
    primaryRegion: db.primaryRegion,
    secondaryRegions: db.secondaryRegions ?? [],
    instances: isAurora(db.engine) ? (db.instances ?? tier.instances) : 1,
    ...(db.databaseName ? { databaseName: db.databaseName } : {}),
    allocatedStorageGb: db.allocatedStorageGb ?? FAILOVER_DEFAULTS.allocatedStorageGb,
    backupRetentionDays: db.backupRetentionDays ?? tier.backupRetentionDays,
    writeForwarding: db.writeForwarding ?? false,
    deletionProtection: db.deletionProtection ?? production,
    performanceInsights: db.performanceInsights ?? tier.performanceInsights,
    monitoringIntervalSeconds: db.monitoringIntervalSeconds ?? tier.monitoringIntervalSeconds,
    port: enginePort(db.engine),
    production,
    identifier: databaseIdentifier(service.name, service.environment),
  };
}

/** Every region the database lives in, primary first. */
export function databaseRegions(settings: DatabaseSettings): string[] {
  return [settings.primaryRegion, ...settings.secondaryRegions];
}
