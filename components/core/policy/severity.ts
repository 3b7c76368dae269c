/**
 * The severity model: how strictly a rule's findings are enforced, by the rule's enforcement class,
 * the environment and the service's tier, and how a stack overrides it (`reliability:policies` in
 * `stacks/Pulumi.<stack>.yaml`: a level per rule, and exemptions with an owner and an expiry date).
 * The offline check and the CrossGuard pack read levels from here and nowhere else.
 */

import { z } from "zod";
import { isProduction } from "../conventions.js";
import { oneOf, pattern, text } from "../spec/fields.js";
import { TIERS, type Tier } from "../spec/service.js";
import type { Enforcement, RuleContext, Violation } from "./types.js";

/** What a finding does: `mandatory` fails the check, `advisory` reports it, `disabled` drops it. */
export type PolicyLevel = "mandatory" | "advisory" | "disabled";

/** The levels a stack may give a rule. */
export const POLICY_LEVELS = ["mandatory", "advisory", "disabled"] as const;

/** The two kinds of environment the model tells apart (see `isProduction`). */
export type EnvironmentClass = "production" | "other";

/** A level per tier. */
export type TierLevels = Readonly<Record<Tier, PolicyLevel>>;

const all = (level: PolicyLevel): TierLevels => ({ critical: level, standard: level, "best-effort": level });

/**
 * The severity model, written down: the level of a finding by the rule's enforcement class, the kind
 * of environment and the tier. A service whose tier cannot be told gets the `best-effort` level.
 */
export const SEVERITY_MODEL: Readonly<Record<Enforcement, Readonly<Record<EnvironmentClass, TierLevels>>>> = {
  "critical-in-production": {
    production: { critical: "mandatory", standard: "advisory", "best-effort": "advisory" },
    other: all("advisory"),
  },
  production: { production: all("mandatory"), other: all("advisory") },
  always: { production: all("mandatory"), other: all("mandatory") },
  advisory: { production: all("advisory"), other: all("advisory") },
};

/** Which services a rule's violations are mandatory for when the rule does not say. */
export const DEFAULT_ENFORCEMENT: Enforcement = "critical-in-production";

/** The kind of an environment. */
export function environmentClass(environment: string): EnvironmentClass {
  return isProduction(environment) ? "production" : "other";
}

function tierOf(tier: string): Tier {
  return (TIERS as readonly string[]).includes(tier) ? (tier as Tier) : "best-effort";
}

const level = oneOf(POLICY_LEVELS);
const ruleName = pattern(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a policy name in kebab-case such as zone-spread");
const isoDate = pattern(/^\d{4}-\d{2}-\d{2}$/, "must be a date such as 2027-01-31 (YYYY-MM-DD)").refine(
  (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
  { error: "must be a calendar date such as 2027-01-31" },
);

/**
 * A documented exception to one rule for one service, in force until the end of `expires` (UTC).
 * An expired exemption is itself a mandatory finding.
 */
export const exemptionSchema = z.strictObject({
  service: text(63, "a service name"),
  rule: ruleName,
  owner: text(253, "the team or person who owns the exception"),
  reason: text(1024, "why the finding is accepted"),
  expires: isoDate,
});

/** `reliability:policies`: the stack's levels per rule (one level, or one per tier) and its exemptions. */
export const policiesConfigSchema = z.strictObject({
  rules: z
    .record(
      ruleName,
      z.union([level, z.strictObject({ critical: level, standard: level, "best-effort": level }).partial()], {
        error: `must be one of ${POLICY_LEVELS.join(", ")}, or one of them per tier ({ critical, standard, best-effort })`,
      }),
    )
    .optional(),
  exemptions: z.array(exemptionSchema).optional(),
});

/** One exemption as validated. */
export type Exemption = z.output<typeof exemptionSchema>;

/** `reliability:policies` as validated. */
export type PoliciesConfig = z.output<typeof policiesConfigSchema>;

/** A stack's override of one rule: one level, or a level for some tiers. */
export type RuleOverride = NonNullable<PoliciesConfig["rules"]>[string];

/**
 * The level of a rule's finding for a service: the stack's override for the rule (and tier) when it
 * gives one, otherwise the model's level for the rule's enforcement, environment and tier.
 */
export function levelOf(
  context: RuleContext,
  enforcement: Enforcement = DEFAULT_ENFORCEMENT,
  override?: RuleOverride,
): PolicyLevel {
  const tier = tierOf(context.tier);
  const configured = typeof override === "string" ? override : override?.[tier];
  return configured ?? SEVERITY_MODEL[enforcement][environmentClass(context.environment)][tier];
}

/** True when an exemption still holds on `today` (YYYY-MM-DD): it lasts to the end of its expiry day. */
export function inForce(exemption: Pick<Exemption, "expires">, today: string): boolean {
  return exemption.expires >= today;
}

/** An exemption in force and the findings it sets aside. */
export interface ExemptionInForce {
  /** The exemption as configured. */
  readonly exemption: Exemption;
  /** The findings it sets aside (none when the service now passes the rule). */
  readonly violations: readonly Violation[];
}
