import { FAILOVER_DEFAULTS } from "../../core/defaults.js";
import type { ResolvedService } from "../../core/spec/service.js";
import { databaseIdentifier, databaseSecretName } from "../../core/conventions.js";
import type { DomainPlanner } from "../../core/module.js";
import type { PlannedResource } from "../../core/plan/types.js";
import { planAurora } from "./aurora.js";
import { kmsKey, masterSecret, monitoringRole } from "./common.js";
import { isAurora } from "../../core/engines.js";
import { planRdsInstances } from "./rds.js";
import { databaseRegions, type DatabaseSettings } from "./settings.js";
import type { DatabaseSummary } from "./types.js";

/**
 * The database planner: `spec.database` → KMS keys, the master secret, the monitoring role and the
 * Aurora global cluster or RDS instances with cross-region replicas. Pure.
 */
export const databasePlanner: DomainPlanner = (service, stack) => {
  const db = service.database;
  if (!db) return { resources: [] };
  const keys = new Map(databaseRegions(db).map((region) => [region, kmsKey(service, db, region)]));
  const [role, ...roleRest] = monitoringRole(service, db);
  const shared = { keys, ...(role ? { role } : {}) };
  const resources: PlannedResource[] = [
    ...keys.values(),
    ...masterSecret(service, db, keys),
    ...(role ? [role, ...roleRest] : []),
    ...(isAurora(db.engine) ? planAurora(service, stack, db, shared) : planRdsInstances(service, stack, db, shared)),
  ];
  return { resources, analysis: { database: summarizeDatabase(service, db) } };
};

/** Database facts for `plan.json`, the budget and the policies. */
export function summarizeDatabase(service: ResolvedService, db: DatabaseSettings): DatabaseSummary {
  const global = db.secondaryRegions.length > 0;
  const topology = isAurora(db.engine) ? (global ? "aurora-global" : "aurora") : global ? "rds-replicas" : "rds";
  const regions = databaseRegions(db);
  return {
    engine: db.engine,
    version: db.version,
    topology,
    primaryRegion: db.primaryRegion,
    secondaryRegions: db.secondaryRegions,
    instancesPerRegion: db.instances,
    backupRetentionDays: db.backupRetentionDays,
    writeForwarding: db.writeForwarding,
    deletionProtection: db.deletionProtection,
    ...(topology === "aurora-global" ? { globalIdentifier: db.identifier } : {}),
    identifiers: Object.fromEntries(regions.map((r) => [r, databaseIdentifier(service.name, service.environment, r)])),
    secret: {
      name: databaseSecretName(service.name, service.environment),
      regions,
      username: FAILOVER_DEFAULTS.masterUsername,
    },
  };
}

export { databaseRegions, resolveDatabase, type DatabaseSettings } from "./settings.js";
export type { DatabaseSummary } from "./types.js";
