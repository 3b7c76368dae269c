import { z } from "zod";
import { duration, numBetween, num, pattern, text, url } from "./common.js";

/**
 * `spec.objectives`, `spec.indicators` and `spec.alerting`: what the service promises and how
 * its burn is measured and routed.
 * @see https://sre.google/workbook/alerting-on-slos/
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

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
});

/** A PromQL query with the `{{window}}` placeholder; checked for syntax when the alert rules are planned. */
const query = pattern(/\{\{\s*window\s*\}\}/, "must be a PromQL query containing the {{window}} placeholder, e.g. rate(x[{{window}}])");

/** `spec.indicators`: the SLIs as ratios of PromQL queries. */
export const indicatorsSchema = z.strictObject({
  availability: z.strictObject({ errors: query, total: query }),
  latency: z
    .strictObject({ errors: query.optional(), good: query.optional(), total: query })
    .refine((l) => (l.errors === undefined) !== (l.good === undefined), {
      error: "must set exactly one of errors or good (the slow or the fast requests), plus total",
    })
    .optional(),
});

const receiver = z.strictObject({ receiver: text(253, "an Alertmanager receiver name") });

/** `spec.alerting`: receivers per severity and the runbook. */
export const alertingSchema = z.strictObject({
  page: receiver,
  ticket: receiver,
  runbook: url,
  minRequestRate: num(0, 1_000_000, "must be a request rate (requests per second) of 0 or more").optional(),
  groupWait: duration(0, 10 * MINUTE, " of at most 10m").optional(),
  repeatInterval: duration(MINUTE, 7 * DAY, " between 1m and 7d").optional(),
});
