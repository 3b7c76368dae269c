/**
 * Cross-field rules for `spec.database`: regions the stack can host, the tier's replication
 * requirement and write forwarding support.
 */

import { isProduction } from "../../core/conventions.js";
import { isAurora, supportsWriteForwarding, WRITE_FORWARDING_VERSIONS } from "../../core/engines.js";
import { quote } from "../../core/spec/errors.js";
import type { PathSegment } from "../../core/spec/positions.js";
import type { CheckContext, SpecCheck, SpecIssue } from "../../core/spec/checks.js";

const DB: PathSegment[] = ["spec", "database"];

/** Aurora Global Database allows at most this many secondary regions. @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html */
const MAX_AURORA_SECONDARIES = 10;

const databaseRegionsHosted: SpecCheck = ({ service, input, stack }) => {
  const db = input.spec.database;
  if (!db) return [];
  const issues: SpecIssue[] = [];
  if (!service.regions.includes(db.primaryRegion)) {
    issues.push({
      path: [...DB, "primaryRegion"],
      message: `must be one of the service's regions (${quote(service.regions)}), got ${quote(db.primaryRegion)}`,
    });
  }
  (db.secondaryRegions ?? []).forEach((region, i) => {
    const path = [...DB, "secondaryRegions", i];
    if (region === db.primaryRegion)
      issues.push({
        path,
        message: `must differ from primaryRegion (a secondary holds a copy in another region), got ${quote(region)}`,
      });
    else if ((db.secondaryRegions ?? []).indexOf(region) !== i)
      issues.push({ path, message: `must not list a region twice, got ${quote(region)}` });
  });
  if (!stack) return issues;
  const defined = Object.keys(stack.regions);
  [db.primaryRegion, ...(db.secondaryRegions ?? [])].forEach((region, i) => {
    const path = i === 0 ? [...DB, "primaryRegion"] : [...DB, "secondaryRegions", i - 1];
    if (!defined.includes(region))
      issues.push({
        path,
        message: `must be a region the stack ${stack.stack} defines (${defined.join(", ")}), got ${quote(region)}`,
      });
    else if (!stack.regions[region]?.database) {
      issues.push({
        path,
        message: `must be a region with database networking in stack ${stack.stack} (reliability:regions.<region>.database), got ${quote(region)}`,
      });
    }
  });
  return issues;
};

const tierReplication: SpecCheck = ({ service, input }) => {
  const db = input.spec.database;
  if (!db || service.tier !== "critical" || !isProduction(service.environment)) return [];
  const secondaries = db.secondaryRegions ?? [];
  if (secondaries.length > 0) return [];
  return [
    {
      path: [...DB, "secondaryRegions"],
      message: `must list at least one secondary region for a critical service in ${service.environment}, so a regional outage loses neither the data nor the writer; got []`,
    },
  ];
};

const engineOptions: SpecCheck = ({ input }) => {
  const db = input.spec.database;
  if (!db) return [];
  const aurora = isAurora(db.engine);
  const issues: SpecIssue[] = [];
  if (db.writeForwarding && !aurora)
    issues.push({
      path: [...DB, "writeForwarding"],
      message: `must be false for ${db.engine} (write forwarding is an Aurora global database feature), got true`,
    });
  else if (db.writeForwarding && (db.secondaryRegions ?? []).length === 0)
    issues.push({
      path: [...DB, "writeForwarding"],
      message: "must be false without secondary regions (only secondaries forward writes), got true",
    });
  else if (db.writeForwarding && !supportsWriteForwarding(db.engine, db.version)) {
    issues.push({
      path: [...DB, "writeForwarding"],
      message: `must be false for ${db.engine} ${db.version}: global write forwarding needs ${WRITE_FORWARDING_VERSIONS}; got true`,
    });
  }
  if (db.instances !== undefined && !aurora)
    issues.push({
      path: [...DB, "instances"],
      message: `must not be set for ${db.engine} (one Multi-AZ instance per region), got ${db.instances}`,
    });
  if (db.allocatedStorageGb !== undefined && aurora)
    issues.push({
      path: [...DB, "allocatedStorageGb"],
      message: `must not be set for ${db.engine} (Aurora storage grows by itself), got ${db.allocatedStorageGb}`,
    });
  if (aurora && (db.secondaryRegions ?? []).length > MAX_AURORA_SECONDARIES) {
    issues.push({
      path: [...DB, "secondaryRegions"],
      message: `must list at most ${MAX_AURORA_SECONDARIES} regions (Aurora global database limit), got ${(db.secondaryRegions ?? []).length}`,
    });
  }
  return issues;
};

const zeroRpoNeedsSynchronousCopy: SpecCheck = ({ service, input }) => {
  const db = input.spec.database;
  const secondaries = db?.secondaryRegions ?? [];
  if (!db || secondaries.length === 0 || service.objectives.rpoMs > 0 || input.spec.objectives.rpo === undefined)
    return [];
  return [
    {
      path: ["spec", "objectives", "rpo"],
      related: [[...DB, "secondaryRegions"]],
      message: `must be more than 0s when the database replicates to ${secondaries.join(", ")}, because ${isAurora(db.engine) ? "Aurora Global Database" : "a cross-region read replica"} copies asynchronously and an unplanned failover loses the writes not yet copied, so declare the loss you accept (such as 5s); got ${input.spec.objectives.rpo}`,
    },
  ];
};

/** Every database check. */
export const databaseChecks: readonly SpecCheck[] = [
  databaseRegionsHosted,
  tierReplication,
  engineOptions,
  zeroRpoNeedsSynchronousCopy,
];

export type { CheckContext };
