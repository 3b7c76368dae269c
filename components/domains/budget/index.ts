/**
 * The failover budget: worst-case detection, failover and data loss computed from the planned
 * settings, against the declared RTO and RPO, and the failover runbook.
 */

import type { DomainModule } from "../../core/module.js";
import { failoverPlanner } from "./plan.js";
import { BUDGET_SECTION } from "./report.js";
import { BUDGET_RULES } from "./rules.js";
import type { FailoverBudget, FailoverRunbook } from "./types.js";

declare module "../../core/plan/types.js" {
  interface ServiceAnalysis {
    /** Worst-case recovery time and data loss against RTO/RPO. */
    readonly budget?: FailoverBudget;
    /** The failover steps in order, with their worst-case times. */
    readonly runbook?: FailoverRunbook;
  }
}

/** The failover-budget domain module. */
export const budget: DomainModule = {
  name: "budget",
  sections: {},
  resolve: () => ({}),
  checks: [],
  plan: failoverPlanner,
  rules: BUDGET_RULES,
  reportSections: [BUDGET_SECTION],
};
