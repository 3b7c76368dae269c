import type { BudgetVerdict } from "../plan/budget/types.js";
import type { Plan } from "../plan/types.js";

/**
 * The recovery budget table: per service, worst-case failover time and data loss against the
 * declared RTO and RPO, as the budget planner computed them.
 */

/** Column headings of the budget table. */
export const BUDGET_HEAD = ["service", "scenario", "worst-case recovery", "RTO", "worst-case data loss", "RPO", "verdict"] as const;

/** A duration for people: `2m36s`, `5s`, `4h`. */
export function humanDuration(ms: number | null): string {
  if (ms === null) return "—";
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, size] of [["d", 86_400], ["h", 3_600], ["m", 60], ["s", 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.length > 0 ? parts.join("") : "0s";
}

function status(v: BudgetVerdict): string {
  return v.status === "PASS" ? "✅" : v.status === "FAIL" ? "❌" : "n/a";
}

/** One row per service that has a budget analysis. */
export function budgetRows(plan: Plan): string[][] {
  return plan.services.flatMap((s) => {
    const b = s.analysis.budget;
    if (!b) return [];
    const verdict = `RTO ${status(b.rto)} · RPO ${status(b.rpo)}`;
    return [[s.service, b.scenario, humanDuration(b.rto.worstMs), humanDuration(b.rto.objectiveMs), humanDuration(b.rpo.worstMs), humanDuration(b.rpo.objectiveMs), verdict]];
  });
}
