/**
 * OpenSLO v1 documents, as far as the import reads them: SLO, SLI, AlertPolicy and AlertCondition
 * (others are accepted and reported). Unknown fields are kept, so a newer document still reads.
 * @see https://github.com/OpenSLO/OpenSLO#specification
 */

import { z } from "zod";

/** OpenSLO's duration shorthand: a positive integer and one of m, h, d, w, M, Q, Y. */
export const durationShorthand = z
  .string({ error: "must be a duration shorthand such as 1h, 28d or 1M" })
  .regex(/^[1-9]\d*[mhdwMQY]$/, {
    error: "must be a duration shorthand: a positive integer and one of m, h, d, w, M, Q, Y (such as 1h, 28d, 1M)",
  });

const metadata = z.looseObject({
  name: z.string({ error: "must be the object's name" }).min(1),
  displayName: z.string().optional(),
});

const metric = z.looseObject({
  metricSource: z.looseObject({
    metricSourceRef: z.string().optional(),
    type: z.string().optional(),
    spec: z.record(z.string(), z.unknown(), { error: "must be the data source's fields, such as query" }),
  }),
});

/** An SLI's `spec`: a ratio of good or bad over total, a raw ratio, or a threshold metric. */
export const sliSpec = z
  .looseObject({
    description: z.string().optional(),
    thresholdMetric: metric.optional(),
    ratioMetric: z
      .looseObject({
        counter: z.boolean().optional(),
        good: metric.optional(),
        bad: metric.optional(),
        total: metric.optional(),
        rawType: z.enum(["success", "failure"]).optional(),
        raw: metric.optional(),
      })
      .refine(
        (r) => r.raw !== undefined || (r.total !== undefined && (r.good === undefined) !== (r.bad === undefined)),
        {
          error: "must set total with exactly one of good or bad, or raw with rawType",
        },
      )
      .optional(),
  })
  .refine((s) => (s.thresholdMetric === undefined) !== (s.ratioMetric === undefined), {
    error: "must set exactly one of ratioMetric or thresholdMetric",
  });

const sli = z.looseObject({ metadata, spec: sliSpec });

/** An alert condition's `spec`. */
const conditionSpec = z.looseObject({
  description: z.string().optional(),
  severity: z.string({ error: "must be the alert's severity, such as page" }),
  condition: z.looseObject({
    kind: z.string().optional(),
    op: z.enum(["lte", "gte", "lt", "gt"], { error: "must be one of lte, gte, lt, gt" }),
    threshold: z.number({ error: "must be the burn-rate threshold, a number" }),
    lookbackWindow: durationShorthand,
    alertAfter: durationShorthand.or(z.literal("0m")).optional(),
  }),
});

const conditionRef = z.strictObject({ conditionRef: z.string().min(1) });
const inlineCondition = z.looseObject({ kind: z.literal("AlertCondition"), metadata, spec: conditionSpec });

/** An alert policy's `spec`. */
const policySpec = z.looseObject({
  description: z.string().optional(),
  alertWhenNoData: z.boolean().optional(),
  alertWhenResolved: z.boolean().optional(),
  alertWhenBreaching: z.boolean().optional(),
  conditions: z.array(z.union([conditionRef, inlineCondition])).min(1, { error: "must hold one condition" }),
  notificationTargets: z.array(z.unknown()).optional(),
});

const policyRef = z.strictObject({ alertPolicyRef: z.string().min(1) });
const inlinePolicy = z.looseObject({ kind: z.literal("AlertPolicy"), metadata, spec: policySpec });

const objective = z
  .looseObject({
    displayName: z.string().optional(),
    op: z.enum(["lte", "gte", "lt", "gt"]).optional(),
    value: z.number().optional(),
    target: z.number().gt(0).lt(1, { error: "must be below 1 (a target of 1 leaves no error budget)" }).optional(),
    targetPercent: z
      .number()
      .gt(0)
      .lt(100, { error: "must be below 100 (a target of 100% leaves no error budget)" })
      .optional(),
    timeSliceTarget: z.number().optional(),
    timeSliceWindow: z.union([z.number(), durationShorthand]).optional(),
  })
  .refine((o) => (o.target === undefined) !== (o.targetPercent === undefined), {
    error: "must set exactly one of target or targetPercent",
  });

/** An SLO's `spec`. */
const sloSpec = z
  .looseObject({
    description: z.string().optional(),
    service: z.string({ error: "must name the service" }).min(1),
    indicator: sli.optional(),
    indicatorRef: z.string().optional(),
    timeWindow: z
      .array(
        z.looseObject({
          duration: durationShorthand,
          isRolling: z.boolean().optional(),
          calendar: z.looseObject({}).optional(),
        }),
      )
      .length(1, { error: "must hold exactly one time window" })
      .optional(),
    budgetingMethod: z.enum(["Occurrences", "Timeslices", "RatioTimeslices"], {
      error: "must be one of Occurrences, Timeslices, RatioTimeslices",
    }),
    objectives: z.array(objective).min(1, { error: "must list at least one objective" }),
    alertPolicies: z
      .array(z.union([policyRef, inlinePolicy]))
      .nullable()
      .optional(),
  })
  .refine((s) => (s.indicator === undefined) !== (s.indicatorRef === undefined), {
    error: "must set exactly one of indicator or indicatorRef",
  });

const doc = <K extends string, S extends z.ZodType>(kind: K, spec: S) =>
  z.looseObject({
    apiVersion: z.literal("openslo/v1", { error: 'must be "openslo/v1"' }),
    kind: z.literal(kind),
    metadata,
    spec,
  });

/** One OpenSLO v1 document. */
export const openSloDocument = z.discriminatedUnion(
  "kind",
  [
    doc("SLO", sloSpec),
    doc("SLI", sliSpec),
    doc("AlertPolicy", policySpec),
    doc("AlertCondition", conditionSpec),
    z.looseObject({
      apiVersion: z.literal("openslo/v1", { error: 'must be "openslo/v1"' }),
      kind: z.enum(["Service", "DataSource", "AlertNotificationTarget"]),
    }),
  ],
  {
    error:
      "must be an OpenSLO v1 document: kind SLO, SLI, AlertPolicy, AlertCondition, Service, DataSource or AlertNotificationTarget",
  },
);

/** One OpenSLO v1 document, validated. */
export type OpenSloDocument = z.output<typeof openSloDocument>;
/** An SLO document. */
export type OpenSloSlo = Extract<OpenSloDocument, { kind: "SLO" }>;
/** An SLI's spec. */
export type OpenSloSliSpec = z.output<typeof sliSpec>;
/** An alert condition's spec. */
export type OpenSloConditionSpec = z.output<typeof conditionSpec>;
/** An alert policy's spec. */
export type OpenSloPolicySpec = z.output<typeof policySpec>;
