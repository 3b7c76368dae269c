import { isProduction } from "../../core/conventions.js";
import { dnsSettings } from "../dns/settings.js";
import type { DomainPlanner } from "../../core/module.js";
import { computeBudget } from "./compute.js";
import { failoverRunbook } from "./runbook.js";

/**
 * The failover planner: no resources, only facts — the worst-case budget against the objectives
 * and the failover/failback runbook, computed from the same settings the database and DNS planners use.
 */
export const failoverPlanner: DomainPlanner = (service, stack) => {
  const database = service.database;
  const dns = dnsSettings(service, stack);
  const budget = computeBudget({
    objectives: service.objectives,
    regions: service.regions,
    ...(database ? { database } : {}),
    ...(dns ? { dns } : {}),
    enforced: isProduction(service.environment),
  });
  const runbook = failoverRunbook(service, database, dns);
  return { resources: [], analysis: { budget, ...(runbook ? { runbook } : {}) } };
};

export { computeBudget, detectionTerms, dnsFailoverTerms, verdict, type BudgetInput } from "./compute.js";
export { failoverRunbook } from "./runbook.js";
export type { BudgetTerm, BudgetVerdict, FailoverBudget, FailoverRunbook, RunbookStep } from "./types.js";
