/**
 * `diffPlans(before, after)`: what a change does to a stack's plan, as data. Pure: the CLI plans
 * the base and the working tree; the renderers turn the result into text, JSON or Markdown.
 */

import { replacementFacts } from "../../core/aws/replacement.js";
import type { Plan, ServicePlan } from "../../core/plan/types.js";
import { resourceChanges } from "./resources.js";
import { alertChanges, budgetChanges, chaosChanges, valueChanges } from "./services.js";
import type { DiffTotals, PlanDiff, ResourceAction, ResourceChange, Risk, ServiceDiff } from "./types.js";

export type * from "./types.js";
export { MASKED } from "./types.js";

/** Compares the plan of a base with the plan of the change. `base` names the base for the report. */
export function diffPlans(before: Plan, after: Plan, base: string): PlanDiff {
  const resources = resourceChanges(before, after);
  const old = new Map(before.services.map((s) => [s.service, s]));
  const now = new Map(after.services.map((s) => [s.service, s]));
  const names = [...now.keys(), ...[...old.keys()].filter((n) => !now.has(n))];
  const services = names.flatMap((name) => {
    const d = serviceDiff(name, old.get(name), now.get(name), resources);
    return d ? [d] : [];
  });
  const risks = services.flatMap(serviceRisks);
  const totals = countTotals(services, names.length, resources);
  const verdict = risks.length > 0 ? "risky" : services.length === 0 ? "no-changes" : "changes";
  return { stack: after.stack, environment: after.environment, base, verdict, risks, totals, services };
}

function serviceDiff(
  name: string,
  a: ServicePlan | undefined,
  b: ServicePlan | undefined,
  all: readonly ResourceChange[],
): ServiceDiff | undefined {
  const d: ServiceDiff = {
    service: name,
    status: !a ? "added" : !b ? "removed" : "changed",
    values: valueChanges(a, b),
    chaos: chaosChanges(a, b),
    alerts: alertChanges(a, b),
    budget: budgetChanges(a, b),
    resources: all.filter((r) => r.service === name),
  };
  const touched =
    d.status !== "changed" ||
    d.values.length + d.budget.length + d.resources.length > 0 ||
    d.chaos.added.length + d.chaos.removed.length + d.chaos.moved.length > 0 ||
    d.alerts.added.length + d.alerts.removed.length > 0;
  return touched ? d : undefined;
}

/** The risks of one service: protected or data-holding replacements, protected removals, budgets that newly fail. */
function serviceRisks(d: ServiceDiff): Risk[] {
  const risks: Risk[] = [];
  for (const r of d.resources) {
    if (r.action === "replace" && (r.protected || holdsData(r)))
      risks.push({
        kind: "protected-replacement",
        service: d.service,
        key: r.key,
        message: `${r.key} (${r.type}) would be replaced: ${r.reason ?? "its inputs cannot change in place"}`,
      });
    const password = r.fields.find((f) => f.replaces !== undefined && f.replaces !== r.type);
    if (password && r.action !== "replace")
      risks.push({
        kind: "protected-replacement",
        service: d.service,
        key: r.key,
        message: `${r.key}: ${password.path.replace(/^props\./, "")} would be regenerated (${String(password.before)} → ${String(password.after)})`,
      });
    if (r.action === "delete" && r.protected)
      risks.push({
        kind: "protected-removal",
        service: d.service,
        key: r.key,
        message: `${r.key} (${r.type}) is protected and would be removed from the stack`,
      });
  }
  for (const b of d.budget) {
    if (b.newlyFails && b.enforced)
      risks.push({
        kind: "budget-fails",
        service: d.service,
        message: `${d.service}: the ${b.measure.toUpperCase()} budget newly fails`,
      });
  }
  return risks;
}

/** True when the replaced resource's token holds data or credentials (the replace-on-change table says so). */
function holdsData(r: ResourceChange): boolean {
  return replacementFacts(r.type)?.holdsData === true;
}

function countTotals(services: readonly ServiceDiff[], all: number, resources: readonly ResourceChange[]): DiffTotals {
  const count = (status: ServiceDiff["status"]) => services.filter((s) => s.status === status).length;
  const byAction: Record<ResourceAction, number> = { create: 0, delete: 0, update: 0, replace: 0 };
  for (const r of resources) byAction[r.action]++;
  return {
    services: {
      added: count("added"),
      removed: count("removed"),
      changed: count("changed"),
      unchanged: all - services.length,
    },
    resources: byAction,
  };
}
