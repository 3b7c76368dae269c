import { z } from "zod";
import { awsRegion, dnsLabel, labelKey, labelValue, oneOf, text } from "../../core/spec/fields.js";
import { chaosSchema } from "../../domains/chaos/schema.js";
import { databaseSchema, dnsSchema } from "../../domains/database/schema.js";
import { alertingSchema, indicatorsSchema, objectivesSchema } from "../../domains/alerts/schema.js";
import { dependencySchema, workloadSchema } from "../../domains/workload/schema.js";

/**
 * The reliability spec, v1: one YAML document per service.
 * Unknown fields are errors everywhere (every object is strict), so typos never pass.
 */

/** The API version every spec declares. */
export const API_VERSION = "reliability-stack/v1";

/** Service tiers, most demanding first. */
export const TIERS = ["critical", "standard", "best-effort"] as const;

/** A service tier: it selects the defaults and how strictly policies are enforced. */
export type Tier = (typeof TIERS)[number];

/** Maximum service-name length: leaves room for suffixes within Kubernetes and Chaos Mesh name limits. */
export const MAX_SERVICE_NAME = 30;

const specBody = z.strictObject({
  regions: z
    .array(awsRegion, { error: "must be a list of AWS regions such as [us-east-1, eu-west-1]" })
    .min(1, { error: "must list at least one region" })
    .refine((r) => new Set(r).size === r.length, { error: "must not list a region twice" }),
  workload: workloadSchema,
  objectives: objectivesSchema,
  indicators: indicatorsSchema.optional(),
  alerting: alertingSchema.optional(),
  chaos: chaosSchema.optional(),
  database: databaseSchema.optional(),
  dns: dnsSchema.optional(),
  dependencies: z.array(dependencySchema, { error: "must be a list of dependencies" }).optional(),
});

/** The whole document, with `spec.environments` already merged away. */
export const serviceSchema = z.strictObject({
  apiVersion: z.literal(API_VERSION, { error: `must be ${API_VERSION}` }),
  kind: z.literal("Service", { error: "must be Service" }),
  metadata: z.strictObject({
    name: dnsLabel(MAX_SERVICE_NAME),
    team: dnsLabel(63),
    tier: oneOf(TIERS),
    description: text(500).optional(),
    labels: z.record(labelKey, labelValue).optional(),
  }),
  spec: specBody,
});

/** The fields of `spec` that an environment overlay may change. */
export const OVERLAY_SECTIONS = Object.keys(specBody.shape);

/** A validated spec as written (before tier defaults). */
export type ServiceInput = z.output<typeof serviceSchema>;
/** `spec.workload` as written. */
export type WorkloadInput = ServiceInput["spec"]["workload"];
/** One probe as written. */
export type ProbeInput = WorkloadInput["probes"]["liveness"];
/** `spec.objectives` as written. */
export type ObjectivesInput = ServiceInput["spec"]["objectives"];
/** `spec.indicators` as written. */
export type IndicatorsInput = NonNullable<ServiceInput["spec"]["indicators"]>;
/** `spec.alerting` as written. */
export type AlertingInput = NonNullable<ServiceInput["spec"]["alerting"]>;
/** `spec.chaos` as written. */
export type ChaosInput = NonNullable<ServiceInput["spec"]["chaos"]>;
/** One chaos experiment as written. */
export type ExperimentInput = NonNullable<ChaosInput["experiments"]>[number];
/** `spec.database` as written. */
export type DatabaseInput = NonNullable<ServiceInput["spec"]["database"]>;
/** `spec.dns` as written. */
export type DnsInput = NonNullable<ServiceInput["spec"]["dns"]>;
/** One dependency as written. */
export type DependencyInput = NonNullable<ServiceInput["spec"]["dependencies"]>[number];

export { CHAOS_ACTIONS } from "../../domains/chaos/schema.js";
export { DATABASE_ENGINES } from "../../domains/database/schema.js";
export { PROBE_HANDLERS } from "../../domains/workload/schema.js";
