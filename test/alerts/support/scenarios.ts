/**
 * Generated `promtool test rules` scenarios for one service's SLOs: a total outage pages within
 * 5 minutes, half the slowest page burn rate never pages, a slow burn opens tickets, recovery
 * resolves the page, and missing metrics raise SLIMetricsAbsent.
 * @see https://prometheus.io/docs/prometheus/2.42/configuration/unit_testing_rules/
 */

import { DEFAULTS } from "../../../components/core/defaults.js";
import type { Slo } from "../../../components/domains/alerts/slo.js";
import { isAlertingRule, type AlertingRule, type RuleGroup } from "../../../components/domains/alerts/types.js";
import { burnWindows, errorBudget } from "../../../components/core/windows.js";
import { ALERT_NAMES, SEVERITY } from "../../../components/core/conventions.js";
import type { ResolvedService } from "../../../components/core/spec/service.js";
import { parseDuration } from "../../../components/core/units.js";
import { counters, counterValues, selectorOf, type Phase } from "./series.js";

/** Requests per minute in every scenario (10/s: above every example's minRequestRate). */
export const TOTAL_PER_MINUTE = 600;

/** Go's `humanize` template function for values ≥ 1 and plain fractions. */
export function humanize(v: number): string {
  const prefixes = ["", "k", "M", "G", "T"];
  let i = 0;
  while (Math.abs(v) >= 1000 && i < prefixes.length - 1) {
    v /= 1000;
    i += 1;
  }
  return `${Number(v.toPrecision(4))}${prefixes[i]}`;
}

/** The annotations Prometheus renders for `rule` when its value is `value`. */
export function rendered(rule: AlertingRule, value: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rule.annotations)) {
    out[k] = v
      .replace("{{ $value | humanize }}", humanize(value))
      .replace("{{ $value | humanizePercentage }}", `${Number((value * 100).toPrecision(4))}%`);
  }
  return out;
}

function inputSeries(slo: Slo, phases: readonly Phase[]): { series: string; values: string }[] {
  return counters(slo).map((c) => ({ series: c.series, values: counterValues(c, phases, TOTAL_PER_MINUTE) }));
}

function alertsOf(groups: readonly RuleGroup[]): AlertingRule[] {
  return groups.flatMap((g) => g.rules.filter(isAlertingRule));
}

const minutes = (m: number): string => `${m}m`;

/** The `ALERTS` series of a firing alert, in promtool's label notation. */
function alertsSeries(rule: AlertingRule): string {
  const labels = { __name__: "ALERTS", alertname: rule.alert, alertstate: "firing", ...rule.labels };
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(", ")}}`;
}

/** `exp_alerts` entries for the rules that fire, at a constant burn (`value` = burn factor). */
function expected(
  rules: readonly AlertingRule[],
  value: number,
): { exp_labels: Record<string, string>; exp_annotations: Record<string, string> }[] {
  return rules.map((r) => ({ exp_labels: { ...r.labels, alertname: r.alert }, exp_annotations: rendered(r, value) }));
}

/** Every scenario of one SLO as promtool test groups. */
export function sloScenarios(service: ResolvedService, slo: Slo, groups: readonly RuleGroup[]): object[] {
  const all = alertsOf(groups).filter((r) => r.labels.slo === slo.kind);
  const burn = all.filter((r) => r.alert === ALERT_NAMES.burn);
  const pages = burn.filter((r) => r.labels.severity === SEVERITY.page);
  const tickets = burn.filter((r) => r.labels.severity === SEVERITY.ticket);
  const windows = burnWindows(service.objectives.windowMs, DEFAULTS.burnRateAlerts);
  const budget = errorBudget(slo.percent);
  const slowestPage = Math.min(...windows.filter((w) => w.severity === "page").map((w) => w.factor));
  const fastestTicket = Math.max(...windows.filter((w) => w.severity === "ticket").map((w) => w.factor));
  const slowBurn = (slowestPage + fastestTicket) / 2;
  const pageQuery = `ALERTS{alertname="${ALERT_NAMES.burn}",alertstate="firing",service="${service.name}",slo="${slo.kind}",severity="${SEVERITY.page}"}`;
  const exhaustedQuery = `ALERTS{alertname="${ALERT_NAMES.exhausted}",service="${service.name}",slo="${slo.kind}"}`;
  const [page] = pages;
  if (!page || pages.length !== 1 || tickets.length !== 1)
    throw new Error(`expected one page and one ticket alert for ${service.name} ${slo.kind}`);
  return [
    {
      name: `${service.name} ${slo.kind}: a total outage pages and opens a ticket within 2 minutes`,
      interval: "1m",
      input_series: inputSeries(slo, [{ minutes: 15, ratio: 1 }]),
      promql_expr_test: [{ expr: pageQuery, eval_time: "2m", exp_samples: [{ labels: alertsSeries(page), value: 1 }] }],
      alert_rule_test: [
        { eval_time: "10m", alertname: ALERT_NAMES.burn, exp_alerts: expected([...pages, ...tickets], 1 / budget) },
      ],
    },
    {
      name: `${service.name} ${slo.kind}: a burn at half the slowest page rate (${slowestPage / 2}×) never pages`,
      interval: "1m",
      input_series: inputSeries(slo, [{ minutes: 420, ratio: (slowestPage / 2) * budget }]),
      promql_expr_test: [5, 60, 180, 360, 420].map((m) => ({
        expr: pageQuery,
        eval_time: minutes(m),
        exp_samples: [],
      })),
    },
    {
      name: `${service.name} ${slo.kind}: a slow burn (${slowBurn}×) opens a ticket, no page, and no ErrorBudgetExhausted on 1 hour of history`,
      interval: "1m",
      input_series: inputSeries(slo, [{ minutes: 60, ratio: slowBurn * budget }]),
      promql_expr_test: [{ expr: exhaustedQuery, eval_time: "50m", exp_samples: [] }],
      alert_rule_test: [{ eval_time: "50m", alertname: ALERT_NAMES.burn, exp_alerts: expected(tickets, slowBurn) }],
    },
    {
      name: `${service.name} ${slo.kind}: recovery resolves the page within its short windows`,
      interval: "1m",
      input_series: inputSeries(slo, [
        { minutes: 10, ratio: 1 },
        { minutes: 120, ratio: 0 },
      ]),
      promql_expr_test: [
        { expr: `count(${pageQuery})`, eval_time: "9m", exp_samples: [{ labels: "{}", value: 1 }] },
        { expr: pageQuery, eval_time: "50m", exp_samples: [] },
        { expr: pageQuery, eval_time: "130m", exp_samples: [] },
      ],
    },
  ];
}

/** Labels `absent()` adds: the equality matchers of its selector. */
function absentLabels(selector: string): Record<string, string> {
  return Object.fromEntries(
    selectorOf(selector)
      .matchers.filter((m) => m.op === "=")
      .map((m) => [m.name, m.value]),
  );
}

/** Every scenario of a service: each SLO's, and missing metrics raising every SLO's absent alert after its `for`. */
export function serviceScenarios(
  service: ResolvedService,
  slos: readonly Slo[],
  groups: readonly RuleGroup[],
): object[] {
  const absent = alertsOf(groups).filter((r) => r.alert === ALERT_NAMES.absent);
  const waits = new Set(absent.map((r) => parseDuration(r.for ?? "0s") ?? 0));
  if (waits.size !== 1) throw new Error(`expected one SLIMetricsAbsent wait for ${service.name}`);
  const wait = Math.round([...waits][0] ?? 0) / 60_000;
  const selectorsOf = (expr: string): string[] => [...expr.matchAll(/absent\((.*)\)/g)].map((m) => m[1] ?? "");
  const exp = absent.flatMap((r) =>
    selectorsOf(r.expr).map((sel) => ({
      exp_labels: { ...absentLabels(sel), ...r.labels, alertname: r.alert },
      exp_annotations: rendered(r, 1),
    })),
  );
  return [
    ...slos.flatMap((slo) => sloScenarios(service, slo, groups)),
    {
      name: `${service.name}: missing SLI metrics raise ${ALERT_NAMES.absent} after ${wait} minutes`,
      interval: "1m",
      input_series: [{ series: 'up{job="unrelated"}', values: "1x30" }],
      alert_rule_test: [
        { eval_time: minutes(wait - 1), alertname: ALERT_NAMES.absent, exp_alerts: [] },
        { eval_time: minutes(wait + 1), alertname: ALERT_NAMES.absent, exp_alerts: exp },
      ],
    },
  ];
}
