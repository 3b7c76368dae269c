/**
 * Sampled alerts: for long scenarios where only whether (and roughly when) an alert fires matters,
 * the alerting rules are not evaluated every round; their expressions run as PromQL queries at the
 * sampled minutes only, over the recordings the rules still write every round. An alert is firing
 * at a sample when its condition held at every sample since it began holding and that began at
 * least its `for` ago (so `for` counts in samples), pending before.
 */

import { isAlertingRule, type AlertingRule, type RuleGroup } from "../../../components/domains/alerts/types.js";
import { parseDuration } from "../../../components/core/units.js";
import type { ExprResults, Labels } from "./promtool-output.js";
import type { ActiveAlert } from "./timeline.js";

/** The groups with their recordings only, and the alerting rules taken out. */
export function splitAlerts(groups: readonly RuleGroup[]): {
  readonly recordings: RuleGroup[];
  readonly alerts: AlertingRule[];
} {
  return {
    recordings: groups
      .map((g) => ({ ...g, rules: g.rules.filter((r) => !isAlertingRule(r)) }))
      .filter((g) => g.rules.length > 0),
    alerts: groups.flatMap((g) => g.rules.filter(isAlertingRule)),
  };
}

/** A stable key for a label set. */
const keyOf = (labels: Labels): string => JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));

/** The alerts active at each sampled minute, from the series each alert expression returned. */
export function sampledAlerts(
  alerts: readonly AlertingRule[],
  results: ExprResults,
  minutes: readonly number[],
): ActiveAlert[][] {
  const out: ActiveAlert[][] = minutes.map(() => []);
  for (const rule of alerts) {
    const forMinutes = (rule.for ? (parseDuration(rule.for) ?? 0) : 0) / 60_000;
    const since = new Map<string, number>();
    const byMinute = results.get(rule.expr);
    minutes.forEach((minute, i) => {
      const now = new Map<string, Labels>();
      for (const series of byMinute?.get(minute) ?? []) {
        const { __name__: _name, ...labels } = series;
        const all = { ...labels, ...rule.labels };
        now.set(keyOf(all), all);
      }
      for (const key of since.keys()) if (!now.has(key)) since.delete(key);
      for (const [key, labels] of now) {
        const start = since.get(key) ?? minute;
        since.set(key, start);
        out[i]?.push({ alertname: rule.alert, state: minute - start >= forMinutes ? "firing" : "pending", labels });
      }
    });
  }
  return out;
}
