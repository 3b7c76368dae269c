/**
 * What a change does to one service beyond its resources: tier, regions and objectives, chaos
 * experiments, alerts and the RTO/RPO budget, read from the two plans' analysis and PrometheusRules.
 */

import { ALERT_LABELS } from "../../core/conventions.js";
import { KUBE } from "../../core/policy/kube.js";
import type { ServicePlan } from "../../core/plan/types.js";
import { humanDuration } from "../../core/units.js";
import type { AlertChange, BudgetChange, BudgetSide, MovedExperiment, ServiceDiff, ValueChange } from "./types.js";

/** Labels every alert of a service carries alike: left out of an alert's identity. */
const COMMON_LABELS = new Set<string>([
  ALERT_LABELS.service,
  ALERT_LABELS.namespace,
  ALERT_LABELS.team,
  ALERT_LABELS.region,
]);

type Side = ServicePlan | undefined;

/** The values read from the alerts analysis's objectives. */
const OBJECTIVES_FROM_ALERTS = new Set(["availability", "latency", "window"]);

/** Tier, regions and objectives before → after, as text. */
export function valueChanges(a: Side, b: Side): ValueChange[] {
  const values = (s: Side): Record<string, string | undefined> => {
    const objectives = s?.analysis.alerts?.objectives;
    const budget = s?.analysis.budget;
    return {
      tier: s?.tier,
      regions: s?.regions.join(", "),
      availability: objectives ? `${objectives.availability}%` : undefined,
      latency: objectives?.latency
        ? `${objectives.latency.percent}% < ${humanDuration(objectives.latency.thresholdMs)}`
        : undefined,
      window: objectives ? humanDuration(objectives.windowMs) : undefined,
      rto: budget ? humanDuration(budget.rto.objectiveMs) : undefined,
      rpo: budget ? humanDuration(budget.rpo.objectiveMs) : undefined,
    };
  };
  const before = values(a);
  const after = values(b);
  // A plan.json written before the alerts analysis recorded objectives says nothing about them.
  const unknown = a && b && !a.analysis.alerts?.objectives !== !b.analysis.alerts?.objectives;
  return Object.keys(after)
    .filter((name) => before[name] !== after[name])
    .filter((name) => !(unknown && OBJECTIVES_FROM_ALERTS.has(name)))
    .map((name) => ({
      name,
      ...(before[name] === undefined ? {} : { before: before[name] }),
      ...(after[name] === undefined ? {} : { after: after[name] }),
    }));
}

/** Chaos experiments added, removed, or whose runs moved (another schedule or another region offset). */
export function chaosChanges(a: Side, b: Side): ServiceDiff["chaos"] {
  const runs = (s: Side) =>
    new Map(
      (s?.analysis.chaos?.enabled === false ? [] : (s?.analysis.chaos?.experiments ?? [])).map((e) => [
        e.name,
        e.regions.flatMap((r) => r.schedules.map((x) => `${r.region}: ${x.schedule}`)),
      ]),
    );
  const before = runs(a);
  const after = runs(b);
  const moved: MovedExperiment[] = [];
  for (const [name, schedules] of after) {
    const was = before.get(name);
    if (was && JSON.stringify(was) !== JSON.stringify(schedules)) moved.push({ name, before: was, after: schedules });
  }
  return {
    added: [...after.keys()].filter((n) => !before.has(n)),
    removed: [...before.keys()].filter((n) => !after.has(n)),
    moved,
  };
}

/** Alerting rules of a service's PrometheusRules: identity → regions. */
function alertsOf(s: Side): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of s?.resources ?? []) {
    if (r.type !== KUBE.prometheusRule) continue;
    const groups = (
      r.props.spec as { groups?: { rules?: { alert?: string; labels?: Record<string, string> }[] }[] } | undefined
    )?.groups;
    for (const rule of (groups ?? []).flatMap((g) => g.rules ?? [])) {
      if (!rule.alert) continue;
      const labels = Object.entries(rule.labels ?? {})
        .filter(([k]) => !COMMON_LABELS.has(k))
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
      const id = labels.length > 0 ? `${rule.alert}{${labels.join(",")}}` : rule.alert;
      out.set(id, (out.get(id) ?? new Set()).add(r.region));
    }
  }
  return out;
}

/** Alerts added and removed, per region. */
export function alertChanges(a: Side, b: Side): ServiceDiff["alerts"] {
  const before = alertsOf(a);
  const after = alertsOf(b);
  const minus = (x: Map<string, Set<string>>, y: Map<string, Set<string>>): AlertChange[] =>
    [...x].flatMap(([alert, regions]) => {
      const gone = [...regions].filter((region) => !y.get(alert)?.has(region));
      return gone.length > 0 ? [{ alert, regions: gone.sort() }] : [];
    });
  return { added: minus(after, before), removed: minus(before, after) };
}

/** RTO and RPO budgets that changed, and whether each newly fails. */
export function budgetChanges(a: Side, b: Side): BudgetChange[] {
  const x = a?.analysis.budget;
  const y = b?.analysis.budget;
  if (!x && !y) return [];
  return (["rto", "rpo"] as const).flatMap((measure) => {
    const before = x ? side(x[measure]) : undefined;
    const after = y ? side(y[measure]) : undefined;
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
    const newlyFails = after?.status === "FAIL" && before?.status !== "FAIL";
    const enforced = (y ?? x)?.enforced === true;
    return [{ measure, ...(before ? { before } : {}), ...(after ? { after } : {}), newlyFails, enforced }];
  });
}

function side(v: BudgetSide): BudgetSide {
  return { objectiveMs: v.objectiveMs, worstMs: v.worstMs, status: v.status };
}
