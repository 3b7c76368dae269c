import { DEFAULTS } from "../../spec/defaults.js";
import type { ResolvedService } from "../../spec/resolved.js";
import { ALERT_LABELS, ALERT_NAMES, BURN_LABELS, errorRatioRecord, runbookUrl, SEVERITY } from "../conventions.js";
import type { AlertingRule, Rule } from "./types.js";
import { burnFor, burnWindows, errorBudget, recordedWindows, windowText, withWindow, type BurnWindow } from "./windows.js";

/**
 * SLO rules of a service: one recording rule per distinct window and SLO, multiwindow
 * multi-burn-rate alerts, ErrorBudgetExhausted and SLIMetricsAbsent.
 * @see https://sre.google/workbook/alerting-on-slos/
 */

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

/** The SLOs a service declares that have an indicator. */
export function declaredSlos(service: ResolvedService): Slo[] {
  const ind = service.indicators;
  if (!ind) return [];
  const slos: Slo[] = [{ kind: "availability", percent: service.objectives.availability, ...ind.availability, path: ["spec", "indicators", "availability"] }];
  const latency = service.objectives.latency;
  if (latency && ind.latency) {
    const { errors, good, total } = ind.latency;
    slos.push({ kind: "latency", percent: latency.percent, total, ...(errors ? { errors } : {}), ...(good ? { good } : {}), path: ["spec", "indicators", "latency"] });
  }
  return slos;
}

/** The error ratio of an SLO over `window` as PromQL. */
export function errorRatio(slo: Slo, window: string): string {
  const total = withWindow(slo.total, window);
  if (slo.errors !== undefined) return `(${withWindow(slo.errors, window)})\n/\n(${total})`;
  return `1 - (\n  (${withWindow(slo.good ?? "", window)})\n  /\n  (${total})\n)`;
}

/** Labels identifying one SLO of one service (on the recorded series and the alerts). */
function sloLabels(service: ResolvedService, slo: Slo): Record<string, string> {
  return { [ALERT_LABELS.service]: service.name, [ALERT_LABELS.slo]: slo.kind };
}

function selector(service: ResolvedService, slo: Slo, window: string): string {
  return `${errorRatioRecord(window)}{${ALERT_LABELS.service}="${service.name}",${ALERT_LABELS.slo}="${slo.kind}"}`;
}

/** Every rule of one SLO: recordings first, then the alerts that read them. */
export function sloRules(service: ResolvedService, slo: Slo, alertLabels: Record<string, string>): Rule[] {
  const windows = burnWindows(service.objectives.windowMs);
  const records: Rule[] = recordedWindows(windows).map((w) => ({ record: errorRatioRecord(w), expr: errorRatio(slo, w), labels: sloLabels(service, slo) }));
  const alerts = windows.map((w) => burnAlert(service, slo, w, alertLabels));
  return [...records, ...alerts, exhaustedAlert(service, slo, alertLabels), absentAlert(service, slo, alertLabels)];
}

function burnAlert(service: ResolvedService, slo: Slo, w: BurnWindow, base: Record<string, string>): AlertingRule {
  const budget = errorBudget(slo.percent);
  const long = `${selector(service, slo, w.long)} / ${budget} > ${w.factor}`;
  const short = `${selector(service, slo, w.short)} / ${budget} > ${w.factor}`;
  const minRate = service.alerting?.minRequestRate ?? DEFAULTS.minRequestRate;
  // Low-traffic guard: page only while the service currently serves at least minRequestRate (over the short window).
  const guard = w.severity === "page" && minRate > 0 ? `\nand on()\n(${withWindow(slo.total, w.short)}) >= ${minRate}` : "";
  const window = windowText(service.objectives.windowMs);
  return {
    alert: ALERT_NAMES.burn,
    expr: `(\n  ${long}\nand\n  ${short}\n)${guard}`,
    for: burnFor(w.short),
    labels: { ...base, ...sloLabels(service, slo), [ALERT_LABELS.severity]: SEVERITY[w.severity], [BURN_LABELS.long]: w.long, [BURN_LABELS.short]: w.short },
    annotations: annotations(service, ALERT_NAMES.burn, {
      summary: `${service.name} is burning its ${slo.kind} error budget ${w.factor}× faster than sustainable`,
      description:
        `The ${slo.kind} error ratio of ${service.name} over the last ${w.long} is {{ $value | humanize }}× what the ${slo.percent}% objective allows ` +
        `(threshold ${w.factor}×, still above it over the last ${w.short}). At ${w.factor}× the service spends ${w.budgetPercent}% of its ${window} error budget in ${w.long}.`,
    }),
  };
}

function exhaustedAlert(service: ResolvedService, slo: Slo, base: Record<string, string>): AlertingRule {
  const budget = errorBudget(slo.percent);
  const window = windowText(service.objectives.windowMs);
  const hourly = selector(service, slo, "1h");
  return {
    alert: ALERT_NAMES.exhausted,
    expr: `avg_over_time(${hourly}[${window}]) / ${budget} >= 1`,
    for: DEFAULTS.exhaustedFor,
    labels: { ...base, ...sloLabels(service, slo), [ALERT_LABELS.severity]: SEVERITY.ticket },
    annotations: annotations(service, ALERT_NAMES.exhausted, {
      summary: `${service.name} has spent its ${slo.kind} error budget for the last ${window}`,
      description: `The ${slo.kind} error ratio of ${service.name} averaged over ${window} is {{ $value | humanizePercentage }} of the budget the ${slo.percent}% objective allows; freeze risky changes until it recovers.`,
    }),
  };
}

function absentAlert(service: ResolvedService, slo: Slo, base: Record<string, string>): AlertingRule {
  return {
    alert: ALERT_NAMES.absent,
    expr: `absent(\n  ${withWindow(slo.total, "5m")}\n)`,
    for: DEFAULTS.absentFor,
    labels: { ...base, ...sloLabels(service, slo), [ALERT_LABELS.severity]: SEVERITY.ticket },
    annotations: annotations(service, ALERT_NAMES.absent, {
      summary: `${service.name} reports no ${slo.kind} SLI metrics`,
      description: `The ${slo.kind} indicator's total query of ${service.name} returns nothing, so its burn-rate alerts cannot fire. Check the scrape target and the metric names.`,
    }),
  };
}

/** Annotations with the runbook link (when the spec names a runbook). */
export function annotations(service: ResolvedService, alert: string, text: { summary: string; description: string }): Record<string, string> {
  return { ...text, ...(service.alerting ? { runbook_url: runbookUrl(service.alerting.runbook, alert) } : {}) };
}
