/**
 * `spec.objectives`, `spec.indicators` and `spec.alerting` with every default applied.
 */

import type { BurnRatePair } from "../../core/windows.js";

/** `spec.objectives` with defaults applied, durations in milliseconds. */
export interface ResolvedObjectives {
  /** Availability target, percent. */
  readonly availability: number;
  /** Latency target, when declared. */
  readonly latency?: { readonly thresholdMs: number; readonly percent: number };
  /** SLO window. */
  readonly windowMs: number;
  /** Recovery-time objective. */
  readonly rtoMs: number;
  /** Recovery-point objective. */
  readonly rpoMs: number;
  /** Whether rto/rpo were declared (true) or come from the tier (false). */
  readonly declared: { readonly rto: boolean; readonly rpo: boolean };
}

/** `spec.alerting` with defaults applied, or the stack's default receivers when the spec has none. */
export interface ResolvedAlerting {
  /** Receiver for `severity=critical`. */
  readonly pageReceiver: string;
  /** Receiver for `severity=warning`. */
  readonly ticketReceiver: string;
  /** Runbook base URL, when the spec names one. */
  readonly runbook?: string;
  /** Alertmanager group wait. */
  readonly groupWait: string;
  /** Alertmanager repeat interval. */
  readonly repeatInterval: string;
  /** Where the receivers come from: the spec's `alerting`, or the stack's `prometheus.defaultReceivers`. */
  readonly from: "spec" | "stack";
}

/** How a service's SLO alerts behave, resolved from `spec.alerting` and the tier. */
export interface ResolvedSloAlerting {
  /** Failed requests a page needs within its short window (0: no guard). */
  readonly minFailedRequests: number;
  /** How long the indicator metrics must be missing before SLIMetricsAbsent fires, and whether it pages. */
  readonly missingMetrics: { readonly for: string; readonly severity: "page" | "ticket" };
  /** The window pairs of the burn-rate alerts (`objectives.burnRates`, else `DEFAULTS.burnRateAlerts`). */
  readonly burnRates: readonly BurnRatePair[];
}

/** Measured SLIs: PromQL queries with the `{{window}}` placeholder. */
export interface ResolvedIndicators {
  /** Failed and all requests. */
  readonly availability: { readonly errors: string; readonly total: string };
  /** Slow (`errors`) or fast (`good`) requests, and all requests. */
  readonly latency?: { readonly errors?: string; readonly good?: string; readonly total: string };
  /** Requests per second at the quietest hour, when declared. */
  readonly lowestRequestsPerSecond?: number;
}
