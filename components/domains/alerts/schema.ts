/**
 * `spec.objectives`, `spec.indicators` and `spec.alerting`: what the service promises and how
 * its burn is measured and routed.
 * @see https://sre.google/workbook/alerting-on-slos/
 */

import { z } from "zod";
import { parseDuration } from "../../core/units.js";
import { duration, numBetween, num, oneOf, pattern, text, url } from "../../core/spec/fields.js";

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A burn-rate window: whole minutes, hours or days, as the recording rules are named after it (`1h`, `30m`, `3d`). */
const burnWindow = pattern(
  /^[1-9]\d{0,3}(m|h|d)$/,
  "must be a window in whole minutes, hours or days, such as 5m, 1h or 3d",
);

/**
 * One window pair of the multiwindow multi-burn-rate alerts: spending `budgetPercent` of the SLO
 * window's error budget within `long`, still burning over `short`, pages or opens a ticket.
 */
const burnRatePair = z
  .strictObject({
    severity: oneOf(["page", "ticket"]),
    budgetPercent: numBetween(0, 100, "must be a percentage of the error budget strictly between 0 and 100, such as 2"),
    long: burnWindow,
    short: burnWindow,
  })
  .refine((p) => (parseDuration(p.short) ?? 0) < (parseDuration(p.long) ?? 0), {
    error:
      "must have a short window shorter than the long one, because the short window confirms the long one still burns",
  });

/** `spec.objectives` */
export const objectivesSchema = z.strictObject({
  availability: numBetween(0, 100, "must be a percentage strictly between 0 and 100, such as 99.9"),
  latency: z
    .strictObject({
      threshold: duration(1, 600_000, " (at most 10m)"),
      percent: numBetween(0, 100, "must be a percentage strictly between 0 and 100, such as 99"),
    })
    .optional(),
  window: duration(DAY, 90 * DAY, " between 1d and 90d").optional(),
  rto: duration(1_000, 7 * DAY, " between 1s and 7d").optional(),
  rpo: duration(0, 7 * DAY, " of at most 7d (0s means no data loss)").optional(),
  /** @default page 2% in 1h (5m), page 5% in 6h (30m), ticket 6⅔% in 1d (2h), ticket 10% in 3d (6h) — see `DEFAULTS.burnRateAlerts`. */
  burnRates: z.array(burnRatePair).min(1, { error: "must list at least one window pair" }).max(8).optional(),
});

/** A PromQL query with the `{{window}}` placeholder; checked for syntax when the alert rules are planned. */
const query = pattern(
  /\{\{\s*window\s*\}\}/,
  "must be a PromQL query containing the {{window}} placeholder, e.g. rate(x[{{window}}])",
);

/** `spec.indicators.latency`: slow (or fast) requests over all requests. */
const latencyIndicator = z
  .strictObject({ errors: query.optional(), good: query.optional(), total: query })
  .refine((l) => (l.errors === undefined) !== (l.good === undefined), {
    error: "must set exactly one of errors or good (the slow or the fast requests), plus total",
  });

/**
 * `spec.indicators`: the SLIs as ratios of PromQL queries (`availability`, optionally `latency`), or
 * `none` with the reason the objectives are deliberately not measured (reported by `reliability check`).
 */
export const indicatorsSchema = z
  .strictObject({
    availability: z.strictObject({ errors: query, total: query }).optional(),
    latency: latencyIndicator.optional(),
    none: z.strictObject({ reason: text(500, "the reason the objectives are not measured") }).optional(),
    /**
     * Requests per second the `total` queries count at the service's quietest hour (the lowest hourly
     * rate of a normal week), so the low-traffic guard of the pages can be compared with it. Unset:
     * not declared, and nothing compares the guard with the traffic.
     * @see https://sre.google/workbook/alerting-on-slos/
     */
    lowestRequestsPerSecond: numBetween(
      0,
      10_000_000,
      "must be a number of requests per second greater than 0, such as 0.5 (the rate at the quietest hour)",
    ).optional(),
  })
  .refine((i) => (i.availability === undefined) !== (i.none === undefined), {
    error:
      "must set either availability (with latency when objectives.latency is declared) or none: { reason } (the objectives are not measured), not both and not neither",
  })
  .refine((i) => i.none === undefined || i.latency === undefined, {
    error: "must not set latency together with none",
  })
  .refine((i) => i.none === undefined || i.lowestRequestsPerSecond === undefined, {
    error: "must not set lowestRequestsPerSecond together with none (no indicator counts the requests)",
  });

const receiver = z.strictObject({ receiver: text(253, "an Alertmanager receiver name") });

/** `spec.alerting`: receivers per severity and the runbook. */
export const alertingSchema = z.strictObject({
  page: receiver,
  ticket: receiver,
  runbook: url,
  minFailedRequests: num(
    0,
    1_000_000,
    "must be a number of failed requests (0 turns the low-traffic guard off)",
  ).optional(),
  groupWait: duration(0, 10 * MINUTE, " of at most 10m").optional(),
  repeatInterval: duration(MINUTE, 7 * DAY, " between 1m and 7d").optional(),
});

/** `spec.objectives` as written. */
export type ObjectivesInput = z.output<typeof objectivesSchema>;
/** `spec.indicators` as written. */
export type IndicatorsInput = z.output<typeof indicatorsSchema>;
/** `spec.alerting` as written. */
export type AlertingInput = z.output<typeof alertingSchema>;
