/**
 * The reliability spec, v1: one YAML document per service, `spec` composed of the sections of every
 * registered domain. Unknown fields are errors everywhere (every object is strict), so typos never pass.
 */

import { z } from "zod";
import { awsRegion, dnsLabel, labelKey, labelValue, oneOf, text } from "../../core/spec/fields.js";
import { API_VERSION, MAX_SERVICE_NAME, TIERS, type ServiceInput } from "../../core/spec/service.js";
import { RESERVED_SERVICE_NAMES } from "../../core/shared-names.js";
import { DOMAINS } from "../../domains/index.js";

const specBody = z.strictObject({
  regions: z
    .array(awsRegion, { error: "must be a list of AWS regions such as [us-east-1, eu-west-1]" })
    .min(1, { error: "must list at least one region" })
    .refine((r) => new Set(r).size === r.length, { error: "must not list a region twice" }),
  ...Object.assign({}, ...DOMAINS.map((domain) => domain.sections)),
});

/** The whole document, with `spec.environments` already merged away. */
export const serviceSchema: z.ZodType<ServiceInput> = z.strictObject({
  apiVersion: z.literal(API_VERSION, { error: `must be ${API_VERSION}` }),
  kind: z.literal("Service", { error: "must be Service" }),
  metadata: z.strictObject({
    name: dnsLabel(MAX_SERVICE_NAME).refine((name) => !RESERVED_SERVICE_NAMES.includes(name), {
      error: `must not be ${RESERVED_SERVICE_NAMES.join(" or ")}, the name of objects the stack shares (the incident bridge), because the service's objects and plan keys would collide with theirs`,
    }),
    team: dnsLabel(63),
    tier: oneOf(TIERS),
    description: text(500).optional(),
    labels: z.record(labelKey, labelValue).optional(),
  }),
  spec: specBody,
}) as unknown as z.ZodType<ServiceInput>;

/** The fields of `spec` that an environment overlay may change. */
export const OVERLAY_SECTIONS = Object.keys(specBody.shape);

export { API_VERSION, MAX_SERVICE_NAME, TIERS, type ServiceInput, type Tier } from "../../core/spec/service.js";
