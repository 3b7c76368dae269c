/**
 * SLO rules of a service: one recording rule per distinct window and SLO, one page and one ticket
 * multiwindow multi-burn-rate alert, SLIMetricsAbsent, and (in a slower group) the traffic-weighted
 * spent budget over the SLO window with ErrorBudgetExhausted.
 * @see https://sre.google/workbook/alerting-on-slos/
 */

import { DEFAULTS } from "../../core/defaults.js";
import type { ResolvedService } from "../../core/spec/service.js";
import { formatDuration, parseDuration } from "../../core/units.js";
import {
  ALERT_LABELS,
  ALERT_NAMES,
  errorRatioRecord,
  eventRateRecord,
  runbookUrl,
  SEVERITY,
} from "../../core/conventions.js";
import { vectorSelectors } from "./promql.js";
import type { AlertingRule, Rule } from "./types.js";
import {
  burnWindows,
  errorBudget,
  recordedWindows,
  windowText,
  withWindow,
  type BurnWindow,
} from "../../core/windows.js";

/** The SLOs a spec can declare. */
export type SloKind = "availability" | "latency";

/** One SLO with its indicator, ready to turn into rules. */
export interface Slo {
  /** `availability` or `latency`. */
  readonly kind: SloKind;
  /** Objective, percent of good events. */
  readonly percent: number;
  /** Bad events per second (a query with `{{window}}`), or undefined when `good` is given. */
  readonly errors?: string;
  /** Good events per second, or undefined when `errors` is given. */
  readonly good?: string;
  /** All events per second. */
  readonly total: string;
  /** Spec path of the indicator. */
  readonly path: readonly (string | number)[];
}

/** The SLO rules of a service, by the group that evaluates them. */
export interface SloRules {
  /** Evaluated every round: error-ratio recordings, burn-rate alerts, SLIMetricsAbsent. */
  readonly fast: readonly Rule[];
  /** Evaluated every `budgetEvaluationInterval`: event-rate recordings and ErrorBudgetExhausted. */
  readonly budget: readonly Rule[];
}

/** The SLOs a service declares that have an indicator. */
export function declaredSlos(service: ResolvedService): Slo[] {
  const ind = service.indicators;
  if (!ind) return [];
  const slos: Slo[] = [
    {
      kind: "availability",
      percent: service.objectives.availability,
      ...ind.availability,
      path: ["spec", "indicators", "availability"],
    },
  ];
  const latency = service.objectives.latency;
  if (latency && ind.latency) {
    const { errors, good, total } = ind.latency;
    slos.push({
      kind: "latency",
      percent: latency.percent,
      total,
      ...(errors ? { errors } : {}),
      ...(good ? { good } : {}),
      path: ["spec", "indicators", "latency"],
    });
  }
  return slos;
}

/** The error ratio of an SLO over `window` as PromQL. */
export function errorRatio(slo: Slo, window: string): string {
  const total = withWindow(slo.total, window);
  if (slo.errors !== undefined) return `(${withWindow(slo.errors, window)})\n/\n(${total})`;
  return `1 - (\n  (${withWindow(slo.good ?? "", window)})\n  /\n  (${total})\n)`;
}

/** Bad events per second over `window` as PromQL (all minus good when the indicator counts good events). */
export function errorRate(slo: Slo, window: string): string {
  if (slo.errors !== undefined) return withWindow(slo.errors, window);
  return `(${withWindow(slo.total, window)})\n-\n(${withWindow(slo.good ?? "", window)})`;
}

/** Labels identifying one SLO of one service (on the recorded series and the alerts). */
function sloLabels(service: ResolvedService, slo: Slo): Record<string, string> {
  return { [ALERT_LABELS.service]: service.name, [ALERT_LABELS.slo]: slo.kind };
}

function selector(service: ResolvedService, slo: Slo, record: string): string {
  return `${record}{${ALERT_LABELS.service}="${service.name}",${ALERT_LABELS.slo}="${slo.kind}"}`;
}

/** Every rule of one SLO: recordings first, then the alerts that read them. */
export function sloRules(service: ResolvedService, slo: Slo, alertLabels: Record<string, string>): SloRules {
  const windows = burnWindows(service.objectives.windowMs, service.sloAlerting.burnRates);
  const records: Rule[] = recordedWindows(windows).map((w) => ({
    record: errorRatioRecord(w),
    expr: errorRatio(slo, w),
    labels: sloLabels(service, slo),
  }));
  const burns = (["page", "ticket"] as const).flatMap((severity) => {
    const pairs = windows.filter((w) => w.severity === severity);
    return pairs.length > 0 ? [burnAlert(service, slo, severity, pairs, alertLabels)] : [];
  });
  const absent = absentAlert(service, slo, alertLabels);
  return { fast: [...records, ...burns, ...(absent ? [absent] : [])], budget: budgetRules(service, slo, alertLabels) };
}

/** One window pair's condition: the burn rate over `long` (the alert's value) and over `short` both above the factor. */
function pairCondition(service: ResolvedService, slo: Slo, w: BurnWindow): string {
  const budget = errorBudget(slo.percent);
  const long = `${selector(service, slo, errorRatioRecord(w.long))} / ${budget} > ${w.factor}`;
  const short = `${selector(service, slo, errorRatioRecord(w.short))} / ${budget} > ${w.factor}`;
  return `${long}\nand\n${short}`;
}

/** Low-traffic guard of a page pair: at least `minFailedRequests` failed requests within its short window. */
function failedRequestsGuard(slo: Slo, w: BurnWindow, minFailed: number): string {
  const seconds = (parseDuration(w.short) ?? 0) / 1000;
  return `(\n${indent(errorRate(slo, w.short))}\n) * ${seconds} >= ${minFailed}`;
}

const indent = (text: string): string => text.replace(/^/gm, "  ");

/**
 * The page (or ticket) alert of an SLO: any of its window pairs burning fires it, so one outage is
 * one alert episode whichever pair sees it first. Pages also need a few failed requests in the
 * pair's short window, so a single failure of a quiet service does not wake anyone.
 */
function burnAlert(
  service: ResolvedService,
  slo: Slo,
  severity: "page" | "ticket",
  pairs: readonly BurnWindow[],
  base: Record<string, string>,
): AlertingRule {
  const minFailed = severity === "page" ? service.sloAlerting.minFailedRequests : 0;
  const branches = pairs.map((w) => {
    const condition = pairCondition(service, slo, w);
    return minFailed > 0
      ? `(\n${indent(condition)}\n)\nand on()\n${failedRequestsGuard(slo, w, minFailed)}`
      : condition;
  });
  const expr = branches.length === 1 ? (branches[0] ?? "") : branches.map((b) => `(\n${indent(b)}\n)`).join("\nor\n");
  const window = windowText(service.objectives.windowMs);
  const rules = pairs
    .map(
      (w) =>
        `${w.factor}× over ${w.long} (confirmed over ${w.short}: ${round(w.budgetPercent)}% of the ${window} budget in ${w.long})`,
    )
    .join(" or ");
  return {
    alert: ALERT_NAMES.burn,
    expr,
    labels: { ...base, ...sloLabels(service, slo), [ALERT_LABELS.severity]: SEVERITY[severity] },
    annotations: annotations(service, ALERT_NAMES.burn, {
      summary: `${service.name} is burning its ${slo.kind} error budget too fast`,
      description:
        `${service.name} spends its ${slo.kind} error budget {{ $value | humanize }}× faster than the ${slo.percent}% objective over ${window} allows. ` +
        `This ${severity === "page" ? "pages" : "opens a ticket"} at ${rules}${minFailed > 0 ? `, with at least ${minFailed} failed requests in the short window` : ""}.`,
    }),
  };
}

const round = (n: number): number => Math.round(n * 10) / 10;

/**
 * The slow group: event rates over the group's own interval (so consecutive samples tile time) and
 * ErrorBudgetExhausted from their sums over the SLO window — failed over all requests, every minute
 * weighted by its traffic. It stays silent until the recorded history reaches back a whole window.
 */
function budgetRules(service: ResolvedService, slo: Slo, base: Record<string, string>): Rule[] {
  const step = DEFAULTS.budgetEvaluationInterval;
  const errors = eventRateRecord("error", step);
  const total = eventRateRecord("total", step);
  const windowMs = service.objectives.windowMs;
  const window = windowText(windowMs);
  // The oldest stretch of the window must hold samples; whole hours keep the offset readable (`719h` for 30d).
  const margin = DEFAULTS.budgetHistoryMarginMs;
  const coverage = `${Math.round((windowMs - margin) / 3_600_000)}h`;
  const marginText = formatDuration(margin);
  const sum = (record: string): string => `sum_over_time(${selector(service, slo, record)}[${window}])`;
  const exhausted: AlertingRule = {
    alert: ALERT_NAMES.exhausted,
    expr: `(\n  ${sum(errors)}\n/\n  ${sum(total)}\n) / ${errorBudget(slo.percent)} >= 1\nand\npresent_over_time(${selector(service, slo, total)}[${marginText}] offset ${coverage})`,
    labels: { ...base, ...sloLabels(service, slo), [ALERT_LABELS.severity]: SEVERITY.ticket },
    annotations: annotations(service, ALERT_NAMES.exhausted, {
      summary: `${service.name} has spent its ${slo.kind} error budget for the last ${window}`,
      description: `${service.name} has failed {{ $value | humanizePercentage }} of the ${slo.kind} error budget the ${slo.percent}% objective allows over the last ${window} (failed over all requests); freeze risky changes until it recovers.`,
    }),
  };
  return [
    { record: errors, expr: errorRate(slo, step), labels: sloLabels(service, slo) },
    { record: total, expr: withWindow(slo.total, step), labels: sloLabels(service, slo) },
    exhausted,
  ];
}

/**
 * SLIMetricsAbsent: a metric the indicator reads has no series (a scrape that stops marks its series
 * stale at once), so no burn alert could fire. None when the queries read no metric.
 */
function absentAlert(service: ResolvedService, slo: Slo, base: Record<string, string>): AlertingRule | undefined {
  const missing = service.sloAlerting.missingMetrics;
  const selectors = indicatorSelectors(slo);
  if (selectors.length === 0) return undefined;
  return {
    alert: ALERT_NAMES.absent,
    expr: selectors.map((s) => `absent(${s})`).join("\nor\n"),
    for: missing.for,
    labels: { ...base, ...sloLabels(service, slo), [ALERT_LABELS.severity]: SEVERITY[missing.severity] },
    annotations: annotations(service, ALERT_NAMES.absent, {
      summary: `${service.name} reports no ${slo.kind} SLI metrics`,
      description: `No series matches ${selectors.join(" or ")}, which the ${slo.kind} indicator of ${service.name} reads, so its burn-rate alerts cannot fire. Check the scrape target and the metric names.`,
    }),
  };
}

/**
 * The selectors whose absence silences an SLO: every selector of the total query, and those of the
 * good (or errors) query that read another metric (a histogram bucket beside its `_count`). A part
 * selector of the total's own metric is left out: no 5xx series is the normal state.
 */
function indicatorSelectors(slo: Slo): string[] {
  const total = vectorSelectors(withWindow(slo.total, "5m"));
  const metrics = new Set(total.map(metricOf));
  const part = vectorSelectors(withWindow(slo.good ?? slo.errors ?? "", "5m")).filter((s) => !metrics.has(metricOf(s)));
  return [...total, ...part];
}

/** The metric name a selector starts with (empty for a `{__name__=...}` selector). */
const metricOf = (selector: string): string => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(selector)?.[0] ?? "";

/** Annotations with the runbook link (when the spec names a runbook). */
export function annotations(
  service: ResolvedService,
  alert: string,
  text: { summary: string; description: string },
): Record<string, string> {
  const runbook = service.alerting?.runbook;
  return { ...text, ...(runbook ? { runbook_url: runbookUrl(runbook, alert) } : {}) };
}
