/**
 * `diffPlans(before, after)`: what a change does to a stack's plan, as data. Pure: the CLI plans
 * the base and the working tree; the renderers turn the result into text, JSON or Markdown.
 */

import { replacementFacts } from "../../core/aws/replacement.js";
import type { Plan, PlannedResource, ServicePlan } from "../../core/plan/types.js";
import { Cascade, pairChanges } from "./resources.js";
import { alertChanges, budgetChanges, chaosChanges, valueChanges } from "./services.js";
import type { DiffTotals, PlanDiff, ResourceAction, ResourceChange, Risk, ServiceDiff } from "./types.js";

export type * from "./types.js";
export { MASKED } from "./types.js";

/** The base of a diff, read one service at a time in its own order (a large `plan.json` is never held whole). */
export interface DiffBase {
  /** Each service's plan, in the base's order. */
  readonly services: Iterable<ServicePlan>;
  /** The resources the base's stack shares; read once its services have been. */
  readonly shared: () => readonly PlannedResource[];
}

/** The change a base is compared with: each service planned when asked for, never the whole stack at once. */
export interface DiffChange {
  /** Stack name. */
  readonly stack: string;
  /** Environment. */
  readonly environment: string;
  /** Every service's name, in the change's order. */
  readonly names: readonly string[];
  /** One service's plan (asked for once per service). */
  readonly service: (name: string) => ServicePlan;
  /** The resources the change's stack shares. */
  readonly shared: readonly PlannedResource[];
}

/** Compares the plan of a base with the plan of the change. `base` names the base for the report. */
export function diffPlans(before: Plan, after: Plan, base: string): PlanDiff {
  return diffStreams(
    { services: before.services, shared: () => before.shared?.resources ?? [] },
    planChange(after),
    base,
  );
}

/** A plan held whole, read as the change a base is compared with. */
export function planChange(plan: Plan): DiffChange {
  const byName = new Map(plan.services.map((s) => [s.service, s] as const));
  return {
    stack: plan.stack,
    environment: plan.environment,
    names: [...byName.keys()],
    service: (name) => byName.get(name)!,
    shared: plan.shared?.resources ?? [],
  };
}

/** Where a resource stands in its side's order: its service's place, then its own within the service. */
const orderOf = (service: number, resource: number): number => service * 1_000_000 + resource;

/** What the diff keeps until the cascade across the stack has run: little more than what changed. */
interface Kept {
  /** Each service's changes beyond its resources, by name. */
  readonly values: Map<string, Omit<ServiceDiff, "resources">>;
  /** Each direct change's key, with its resource's place in the change. */
  readonly direct: { readonly order: number; readonly key: string }[];
  /** Each deletion, with its resource's place in the base. */
  readonly deleted: { readonly order: number; readonly change: ResourceChange }[];
}

/**
 * {@link diffPlans} holding one service of each side at a time: each service of the base is
 * compared with the change's service of the same name as it is read, then each service the base
 * does not have, then what the stacks share; only what changed is kept. The result is the same as
 * comparing the two whole plans.
 */
export function diffStreams(before: DiffBase, after: DiffChange, base: string): PlanDiff {
  const cascade = new Cascade();
  const kept: Kept = { values: new Map(), direct: [], deleted: [] };
  const place = new Map(after.names.map((name, i) => [name, i] as const));
  let read = 0;
  const compare = (a: { at: number; resources: readonly PlannedResource[] }, b: typeof a) => {
    const { changed, deleted } = pairChanges(a.resources, b.resources);
    for (const { at, change } of changed) {
      cascade.changes.set(change.key, change);
      kept.direct.push({ order: orderOf(b.at, at), key: change.key });
    }
    for (const { at, change } of deleted) kept.deleted.push({ order: orderOf(a.at, at), change });
    b.resources.forEach((r, i) => cascade.see(r, orderOf(b.at, i)));
  };
  const removed: string[] = [];
  for (const a of before.services) {
    const at = place.get(a.service);
    const b = at === undefined ? undefined : after.service(a.service);
    if (at === undefined) removed.push(a.service);
    kept.values.set(a.service, serviceValues(a.service, a, b));
    compare({ at: read++, resources: a.resources }, { at: at ?? -1, resources: b?.resources ?? [] });
  }
  for (const [at, name] of after.names.entries()) {
    if (kept.values.has(name)) continue;
    const b = after.service(name);
    kept.values.set(name, serviceValues(name, undefined, b));
    compare({ at: -1, resources: [] }, { at, resources: b.resources });
  }
  compare({ at: read, resources: before.shared() }, { at: after.names.length, resources: after.shared });
  return assemble(after, base, cascade, kept, [...after.names, ...removed]);
}

/** The diff once every service has been compared: the cascade runs, and each service gets its resources in the plans' order. */
function assemble(after: DiffChange, base: string, cascade: Cascade, kept: Kept, names: readonly string[]): PlanDiff {
  const added = cascade.run();
  const all = [
    ...kept.direct.sort((x, y) => x.order - y.order).map((d) => cascade.changes.get(d.key)!),
    ...added.map((key) => cascade.changes.get(key)!),
    ...kept.deleted.sort((x, y) => x.order - y.order).map((d) => d.change),
  ];
  const byService = new Map<string, ResourceChange[]>();
  for (const r of all) {
    const list = byService.get(r.service);
    if (list) list.push(r);
    else byService.set(r.service, [r]);
  }
  const services = names.flatMap((name) => {
    const d: ServiceDiff = { ...kept.values.get(name)!, resources: byService.get(name) ?? [] };
    return touched(d) ? [d] : [];
  });
  const risks = services.flatMap(serviceRisks);
  const totals = countTotals(services, names.length, all);
  const verdict = risks.length > 0 ? "risky" : services.length === 0 ? "no-changes" : "changes";
  return { stack: after.stack, environment: after.environment, base, verdict, risks, totals, services };
}

function serviceValues(
  name: string,
  a: ServicePlan | undefined,
  b: ServicePlan | undefined,
): Omit<ServiceDiff, "resources"> {
  return {
    service: name,
    status: !a ? "added" : !b ? "removed" : "changed",
    values: valueChanges(a, b),
    chaos: chaosChanges(a, b),
    alerts: alertChanges(a, b),
    budget: budgetChanges(a, b),
  };
}

function touched(d: ServiceDiff): boolean {
  return (
    d.status !== "changed" ||
    d.values.length + d.budget.length + d.resources.length > 0 ||
    d.chaos.added.length + d.chaos.removed.length + d.chaos.moved.length > 0 ||
    d.alerts.added.length + d.alerts.removed.length > 0
  );
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
