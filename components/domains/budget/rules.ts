/**
 * Budget rules: the worst-case failover time fits the declared RTO and the worst-case data loss
 * fits the declared RPO, as the budget planner computed them from the planned settings. They need
 * the spec's objectives, so they judge in `reliability check`; the pack has no analysis and skips them.
 */

import { z } from "zod";
import type { BudgetVerdict } from "./types.js";
import { humanDuration } from "../../core/units.js";
import { must, serviceRule } from "../../core/policy/framework.js";
import type { Finding, ServiceSubject } from "../../core/policy/types.js";

function terms(v: BudgetVerdict): string {
  return v.terms.map((t) => `${t.name} ${humanDuration(t.ms)}`).join(" + ");
}

/**
 * How to bring a failing verdict under its objective: the dominant term, what it would have to drop
 * to (the rest unchanged), and the objective that the worst case already meets.
 */
export function budgetFix(v: BudgetVerdict, what: "rto" | "rpo"): string {
  const field = `spec.objectives.${what}`;
  if (v.worstMs === null)
    return `Bound the unbounded term (${v.reason}), or set ${field} once the worst case is known.`;
  const dominant = [...v.terms].sort((a, b) => b.ms - a.ms)[0];
  const raise = `or raise ${field} to at least ${humanDuration(v.worstMs)}`;
  if (!dominant) return `Raise ${field} to at least ${humanDuration(v.worstMs)}.`;
  const excess = v.worstMs - v.objectiveMs;
  const target = dominant.ms - excess;
  const lower =
    target > 0
      ? `lower it to at most ${humanDuration(target)} (from ${humanDuration(dominant.ms)})`
      : `no value of it alone brings the worst case under ${humanDuration(v.objectiveMs)}`;
  return `The dominant term is ${dominant.name} (${humanDuration(dominant.ms)}, from ${dominant.source}): ${lower}, ${raise}.`;
}

function verdictFinding(service: ServiceSubject, v: BudgetVerdict, what: "rto" | "rpo"): Finding[] {
  if (v.status !== "FAIL") return [];
  const worst = v.worstMs === null ? "unbounded" : humanDuration(v.worstMs);
  const subject =
    what === "rto" ? `The worst-case failover of ${service.service}` : `The worst-case data loss of ${service.service}`;
  const requirement = `be at most the declared ${what.toUpperCase()} of ${humanDuration(v.objectiveMs)}, is ${worst}${v.terms.length > 0 ? ` (${terms(v)})` : ""}`;
  return [
    {
      service: service.service,
      path: `spec.objectives.${what}`,
      fix: budgetFix(v, what),
      message: must(
        subject,
        requirement,
        `the ${what.toUpperCase()} is what ${service.service} promises (${v.reason})`,
      ),
    },
  ];
}

/** Worst-case recovery time within the RTO. */
export const failoverWithinRto = serviceRule("budget", {
  name: "failover-within-rto",
  fix: "Lower the dominant term named in the message (dns.ttl, dns.healthCheck.intervalSeconds × failureThreshold, or the database promotion), or raise spec.objectives.rto to at least the worst case.",
  anchor:
    "SRE workbook (disaster recovery): a declared RTO below the worst-case failover is a promise the design cannot keep.",
  description: "The worst-case failover time (detection, DNS, promotion) is at most the declared RTO.",
  config: z.object({}),
  check: (service) => (service.analysis?.budget ? verdictFinding(service, service.analysis.budget.rto, "rto") : []),
});

/** Worst-case data loss within the RPO. */
export const dataLossWithinRpo = serviceRule("budget", {
  name: "data-loss-within-rpo",
  fix: "Raise spec.objectives.rpo to at least the replication's worst-case lag, or use an engine with lower lag (aurora-postgresql, Aurora Global Database: about 1s).",
  anchor: "AWS multi-Region guidance: asynchronous replication loses its lag on failover.",
  description: "The worst-case data loss on failover (replication lag) is at most the declared RPO.",
  config: z.object({}),
  check: (service) => (service.analysis?.budget ? verdictFinding(service, service.analysis.budget.rpo, "rpo") : []),
});

/** The budget rules. */
export const BUDGET_RULES = [failoverWithinRto, dataLossWithinRpo];
