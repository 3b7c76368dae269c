/**
 * The PromQL of the SLO dashboard. Every SLO query reads the recording rules the burn-rate alerts and
 * ErrorBudgetExhausted read, and every burn-rate threshold is the factor the alert compares with,
 * from the same window pairs, so the dashboard and the alerts cannot disagree. Pure.
 */

import { DEFAULTS } from "../../core/defaults.js";
import {
  ALERT_LABELS,
  ALERT_NAMES,
  BLACKBOX_METRICS,
  DETAIL_LABELS,
  errorRatioRecord,
  eventRateRecord,
} from "../../core/conventions.js";
import type { ResolvedService } from "../../core/spec/service.js";
import { burnWindows, errorBudget, recordedWindows, windowText, type BurnWindow } from "../../core/windows.js";
import type { Slo } from "../alerts/slo.js";
import { CHAOS_MESH_METRICS } from "./names.js";

/** The window pairs of a service's burn-rate alerts, with the factors the alerts compare with. */
export function alertWindows(service: ResolvedService): readonly BurnWindow[] {
  return burnWindows(service.objectives.windowMs, service.sloAlerting.burnRates);
}

/** A recorded series of one SLO of the service. */
function series(service: ResolvedService, slo: Slo, record: string): string {
  return `${record}{${ALERT_LABELS.service}="${service.name}",${ALERT_LABELS.slo}="${slo.kind}"}`;
}

/** The SLI (share of good events) over `window`, from the alerts' error-ratio recording. */
export function sliQuery(service: ResolvedService, slo: Slo, window: string): string {
  return `1 - ${series(service, slo, errorRatioRecord(window))}`;
}

/** The windows the SLI panel draws: the shortest and the longest the alerts record. */
export function sliWindows(service: ResolvedService): readonly string[] {
  const all = recordedWindows(alertWindows(service));
  return [...new Set([all[0], all[all.length - 1]].filter((w): w is string => w !== undefined))];
}

/** The burn rate over `window`: the recorded error ratio over the error budget, as the alerts compute it. */
export function burnRateQuery(service: ResolvedService, slo: Slo, window: string): string {
  return `${series(service, slo, errorRatioRecord(window))} / ${errorBudget(slo.percent)}`;
}

/**
 * The share of the error budget left over the SLO window: one minus failed over all requests (the
 * event rates ErrorBudgetExhausted sums) over the budget.
 */
export function budgetRemainingQuery(service: ResolvedService, slo: Slo): string {
  const window = windowText(service.objectives.windowMs);
  const step = DEFAULTS.budgetEvaluationInterval;
  const sum = (kind: "error" | "total") =>
    `sum_over_time(${series(service, slo, eventRateRecord(kind, step))}[${window}])`;
  return `1 - (\n  ${sum("error")}\n/\n  ${sum("total")}\n) / ${errorBudget(slo.percent)}`;
}

/** Share of successful synthetic probes of the service, per endpoint and probing region. */
export function probeSuccessQuery(service: ResolvedService): string {
  return `avg by (${DETAIL_LABELS.endpoint}, ${DETAIL_LABELS.probeRegion}) (${BLACKBOX_METRICS.success}{${ALERT_LABELS.service}="${service.name}"})`;
}

/** Chaos Mesh experiments injecting faults in the service's namespace, by kind. */
export function chaosRunsQuery(service: ResolvedService): string {
  const m = CHAOS_MESH_METRICS;
  return `sum by (kind) (${m.experiments}{${m.namespaceLabel}="${service.namespace}",phase=~"${m.activePhases}"}) > 0`;
}

/** The service's burn-rate alerts while they fire. */
export function burnAlertsQuery(service: ResolvedService): string {
  return `ALERTS{alertname="${ALERT_NAMES.burn}",${ALERT_LABELS.service}="${service.name}",alertstate="firing"}`;
}
