/**
 * Prepares rule groups for `promtool test rules`: leaves out the recordings no kept alert reads
 * (directly or through other recordings), and makes groups with a slower `interval` behave as
 * Prometheus evaluates them, because promtool evaluates every group at every `evaluation_interval`.
 */

import { createRequire } from "node:module";
import type { parser as PromqlParser } from "@prometheus-io/lezer-promql" with { "resolution-mode": "import" };
import {
  isAlertingRule,
  type AlertingRule,
  type Rule,
  type RuleGroup,
} from "../../../components/domains/alerts/types.js";
import { formatDuration, parseDuration } from "../../../components/core/units.js";

const { parser } = createRequire(__filename)("@prometheus-io/lezer-promql") as { readonly parser: typeof PromqlParser };

/** Metric names an expression selects (instant and range selectors, inside subqueries too). */
export function metricNames(expr: string): Set<string> {
  const names = new Set<string>();
  const cursor = parser.parse(expr).cursor();
  do {
    if (cursor.name !== "VectorSelector") continue;
    const id = cursor.node.getChild("Identifier");
    if (id) names.add(expr.slice(id.from, id.to));
  } while (cursor.next());
  return names;
}

/** Recording rules by the metric name they record. */
function recordingsByName(groups: readonly RuleGroup[]): Map<string, Rule[]> {
  const out = new Map<string, Rule[]>();
  for (const g of groups)
    for (const r of g.rules) if (!isAlertingRule(r)) out.set(r.record, [...(out.get(r.record) ?? []), r]);
  return out;
}

/** Picks the alerting rules a timeline evaluates. */
export type AlertFilter = (rule: AlertingRule) => boolean;

/** Keeps the alerts with one of these names. */
export function alertsNamed(names: readonly string[]): AlertFilter {
  return (rule) => names.includes(rule.alert);
}

/**
 * The rules an alert timeline needs: the alerting rules `keep` accepts (all when left out) and
 * every recording they read, transitively. Groups left empty are dropped; order is kept.
 */
export function pruneRules(groups: readonly RuleGroup[], keep?: AlertFilter): RuleGroup[] {
  const records = recordingsByName(groups);
  const kept = new Set<Rule>();
  const pending: string[] = [];
  for (const g of groups) {
    for (const r of g.rules) {
      if (!isAlertingRule(r) || (keep && !keep(r))) continue;
      kept.add(r);
      pending.push(r.expr);
    }
  }
  const seen = new Set<string>();
  for (let expr = pending.pop(); expr !== undefined; expr = pending.pop()) {
    for (const name of metricNames(expr)) {
      if (seen.has(name)) continue;
      seen.add(name);
      for (const r of records.get(name) ?? []) {
        kept.add(r);
        pending.push(r.expr);
      }
    }
  }
  return groups.map((g) => ({ ...g, rules: g.rules.filter((r) => kept.has(r)) })).filter((g) => g.rules.length > 0);
}

/**
 * A group as Prometheus evaluates it when its `interval` is longer than the evaluation interval:
 * recordings only write a sample on the group's own ticks (`and on() (vector(time()) % I == 0)`;
 * between ticks the series is marked stale, which range functions ignore), and alerts see the
 * condition of the last tick (`last_over_time((expr)[I-1s:I])`, a subquery aligned to multiples of
 * I), so `for` and resolution follow the group's ticks. An interval that is not a multiple of the
 * evaluation interval is rounded to the nearest one (Pyrra's 2m30s runs every 3m at 1m
 * evaluation). Groups at or below the evaluation interval are left alone: promtool evaluates
 * them at the evaluation interval.
 */
export function emulateInterval(group: RuleGroup, evaluationMs: number): RuleGroup {
  const declared = group.interval === undefined ? undefined : parseDuration(group.interval);
  if (declared === undefined || declared <= evaluationMs) return group;
  const intervalMs = Math.max(1, Math.round(declared / evaluationMs)) * evaluationMs;
  if (intervalMs === evaluationMs) return group;
  const tick = `vector(time()) % ${intervalMs / 1000} == 0`;
  const held = (expr: string): string =>
    `last_over_time((\n${expr}\n)[${formatDuration(intervalMs - 1000)}:${formatDuration(intervalMs)}])`;
  return {
    ...group,
    rules: group.rules.map((r): Rule =>
      isAlertingRule(r)
        ? ({ ...r, expr: held(r.expr) } satisfies AlertingRule)
        : { ...r, expr: `(\n${r.expr}\n)\nand on()\n(${tick})` },
    ),
  };
}

/** Groups ready for promtool: pruned to what the kept alerts need, slower groups emulated. */
export function prepareGroups(groups: readonly RuleGroup[], evaluationMs: number, keep?: AlertFilter): RuleGroup[] {
  return pruneRules(groups, keep).map((g) => emulateInterval(g, evaluationMs));
}

/** Every alert name of some rule groups, each once. */
export function alertNames(groups: readonly RuleGroup[]): Set<string> {
  return new Set(groups.flatMap((g) => g.rules.filter(isAlertingRule).map((r) => r.alert)));
}
