/**
 * The recovery budget table: per service, worst-case failover time and data loss against the
 * declared RTO and RPO, as the budget planner computed them.
 */

import type { ReportSection } from "../../core/module.js";
import type { Plan } from "../../core/plan/types.js";
import { humanDuration } from "../../core/units.js";
import type { BudgetVerdict } from "./types.js";

/** Column headings of the budget table. */
export const BUDGET_HEAD = [
  "service",
  "scenario",
  "worst-case recovery",
  "RTO",
  "worst-case data loss",
  "RPO",
  "verdict",
] as const;

function status(v: BudgetVerdict): string {
  return v.status === "PASS" ? "✅" : v.status === "FAIL" ? "❌" : "n/a";
}

/** One row per service that has a budget analysis. */
export function budgetRows(plan: Plan): string[][] {
  return plan.services.flatMap((s) => {
    const b = s.analysis.budget;
    if (!b) return [];
    const verdict = `RTO ${status(b.rto)} · RPO ${status(b.rpo)}`;
    return [
      [
        s.service,
        b.scenario,
        humanDuration(b.rto.worstMs),
        humanDuration(b.rto.objectiveMs),
        humanDuration(b.rpo.worstMs),
        humanDuration(b.rpo.objectiveMs),
        verdict,
      ],
    ];
  });
}

/** The recovery budget section of the pull-request comment. */
export const BUDGET_SECTION: ReportSection = { title: "Recovery budget", head: BUDGET_HEAD, rows: budgetRows };
