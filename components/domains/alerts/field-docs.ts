/**
 * Documentation of `spec.objectives`, `spec.indicators` and `spec.alerting`: meaning, default per
 * tier and the alert rules and routes each field drives.
 */

import { DEFAULTS, TIER_DEFAULTS } from "../../core/defaults.js";
import { always, byTier, doc, required, under, unset, type FieldDocs } from "../../core/spec/field-docs.js";
import { formatDuration } from "../../core/units.js";

const SLO_RULES = "SLO recording rules and burn-rate alerts (PrometheusRule)";

const objectives: FieldDocs = {
  "": doc("What the service promises: availability, latency, window, RTO and RPO.", required, SLO_RULES),
  availability: doc(
    "Availability objective in percent, such as 99.95.",
    required,
    `${SLO_RULES}: error budget and burn-rate thresholds`,
  ),
  latency: doc(
    "Latency objective: percent of requests faster than threshold.",
    unset("no latency objective"),
    `latency ${SLO_RULES}`,
  ),
  "latency.threshold": doc(
    "Duration a request must be faster than, such as 300ms.",
    required,
    "latency SLI bucket; status EndpointSlow default",
  ),
  "latency.percent": doc(
    "Percent of requests that must be faster than threshold, such as 99.",
    required,
    "latency error budget and burn-rate thresholds",
  ),
  window: doc(
    "SLO window the error budget is counted over.",
    always(DEFAULTS.window),
    "burn-rate factors; ErrorBudgetExhausted; Prometheus retention check",
  ),
  rto: doc(
    "Recovery-time objective: longest acceptable outage of a region or the database.",
    byTier((tier) => formatDuration(TIER_DEFAULTS[tier].rtoMs)),
    "failover budget (reliability budget, check); startup budget check",
  ),
  rpo: doc(
    "Recovery-point objective: most data that may be lost on failover (0s: none).",
    byTier((tier) => formatDuration(TIER_DEFAULTS[tier].rpoMs)),
    "replication-lag budget and alarms",
  ),
  burnRates: doc(
    "The multiwindow burn-rate alerts: each pair fires when budgetPercent of the window's error budget is spent within long, confirmed over short.",
    always(
      DEFAULTS.burnRateAlerts
        .map((p) => `${p.severity} ${+p.budgetPercent.toFixed(2)}% in ${p.long} (${p.short})`)
        .join(", "),
    ),
    "ErrorBudgetBurn alert expressions and the dashboards' burn-rate thresholds",
  ),
  "burnRates[].severity": doc(
    "page or ticket: which receiver the pair notifies.",
    required,
    "ErrorBudgetBurn severity label",
  ),
  "burnRates[].budgetPercent": doc(
    "Share of the window's error budget spent within long that fires the alert, percent.",
    required,
    "ErrorBudgetBurn burn-rate factor",
  ),
  "burnRates[].long": doc("Long window of the pair, such as 1h.", required, "ErrorBudgetBurn long-window ratio"),
  "burnRates[].short": doc(
    "Short window that confirms the burn is still going on, such as 5m.",
    required,
    "ErrorBudgetBurn short-window ratio",
  ),
};

const QUERY = 'PromQL with the {{window}} placeholder, such as sum(rate(http_requests_total{code=~"5.."}[{{window}}]))';

const indicators: FieldDocs = {
  "": doc(
    "The SLIs as ratios of PromQL queries, or none with the reason the objectives are not measured.",
    unset("no SLO alerts; reliability check reports the service as unmeasured"),
    SLO_RULES,
  ),
  availability: doc(
    "Availability SLI: failed requests over all requests.",
    unset("required unless none is set"),
    "availability recording rules",
  ),
  "availability.errors": doc(`Failed requests: ${QUERY}.`, required, "error-ratio recording rules"),
  "availability.total": doc(`All requests: ${QUERY}.`, required, "error-ratio recording rules; low-traffic guard"),
  latency: doc(
    "Latency SLI: slow (errors) or fast (good) requests over all requests.",
    unset("required when objectives.latency is set"),
    "latency recording rules",
  ),
  "latency.errors": doc(
    `Slow requests (exclusive with good): ${QUERY}.`,
    unset("computed from good"),
    "latency recording rules",
  ),
  "latency.good": doc(
    `Fast requests (exclusive with errors): ${QUERY}.`,
    unset("computed from errors"),
    "latency recording rules",
  ),
  "latency.total": doc(`All requests: ${QUERY}.`, required, "latency recording rules"),
  lowestRequestsPerSecond: doc(
    "Requests per second the total queries count at the quietest hour of a normal week, such as 0.5; not with none.",
    unset("not declared: nothing compares the page guard with the traffic"),
    "page-guard-reachable check of alerting.minFailedRequests; PrometheusRule annotation",
  ),
  none: doc("Declares the objectives deliberately unmeasured.", unset("measured"), "reliability check report"),
  "none.reason": doc("Why the objectives are not measured.", required, "reliability check report"),
};

const alerting: FieldDocs = {
  "": doc(
    "Where alerts go: Alertmanager receivers per severity and the runbook.",
    unset("the stack's reliability:prometheus default receivers"),
    "alert labels and the AlertmanagerConfig route",
  ),
  page: doc("Receiver of page (severity=critical) alerts.", required, "AlertmanagerConfig route"),
  "page.receiver": doc("Alertmanager receiver name.", required, "AlertmanagerConfig route receiver"),
  ticket: doc("Receiver of ticket (severity=warning) alerts.", required, "AlertmanagerConfig route"),
  "ticket.receiver": doc("Alertmanager receiver name.", required, "AlertmanagerConfig route receiver"),
  runbook: doc("Runbook URL linked from every alert.", required, "runbook_url annotation"),
  minFailedRequests: doc(
    "Failed requests a page needs within its short window, so one failure of a quiet service does not page (0: off).",
    always(DEFAULTS.minFailedRequests),
    "page burn-rate alert expressions",
  ),
  groupWait: doc(
    "How long Alertmanager waits to group the first notification.",
    always(DEFAULTS.groupWait),
    "AlertmanagerConfig route groupWait",
  ),
  repeatInterval: doc(
    "How often a firing alert is notified again.",
    byTier((tier) => TIER_DEFAULTS[tier].repeatInterval),
    "AlertmanagerConfig route repeatInterval",
  ),
};

/** Documentation of the alerts domain's sections. */
export const ALERTS_FIELD_DOCS: FieldDocs = {
  ...under("objectives", objectives),
  ...under("indicators", indicators),
  ...under("alerting", alerting),
};
