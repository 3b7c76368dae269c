/**
 * Wraps the rules as CrossGuard policies, one per rule. CrossGuard fixes one enforcement level per
 * policy while the severity model gives each finding its level by environment and tier, so a rule
 * the model can make mandatory is a `mandatory` policy that reports the findings whose level is
 * mandatory, and an always-advisory rule is an `advisory` policy that reports all of its findings.
 * Each policy's config carries the stack's `reliability:policies` entry for the rule (`levels`,
 * `exemptions`); advisory findings of mandatory policies are the offline check's to show.
 * @see https://www.pulumi.com/docs/iac/using-pulumi/crossguard/core-concepts/
 */

import type {
  Policies,
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { z } from "zod";
import {
  DEFAULT_ENFORCEMENT,
  inForce,
  levelOf,
  POLICY_LEVELS,
  type Exemption,
  type RuleOverride,
} from "../../components/core/policy/severity.js";
import { ENFORCEMENT_TEXT } from "../../components/core/policy/framework.js";
import type {
  EnforcementLevel,
  Finding,
  ResourceRule,
  Rule,
  RuleContext,
  ServiceSubject,
  StackSubject,
} from "../../components/core/policy/types.js";
import {
  contextOf,
  plainResourceProps,
  serviceLabel,
  stackFromPolicy,
  subjectFromPolicy,
  type ContextConfig,
} from "./subjects.js";

/** Config properties every policy accepts, for resources that carry no environment or tier label. */
const CONTEXT_PROPERTIES: Record<string, PolicyConfigJSONSchema> = {
  environment: {
    type: "string",
    description: "Environment assumed for resources without the reliability-stack.io/environment label or tag.",
  },
  tier: {
    type: "string",
    description: "Tier assumed for resources without the reliability-stack.io/tier label or tag.",
  },
  levels: {
    type: "object",
    description:
      "The stack's level for this rule per tier (reliability:policies.rules.<rule>): mandatory, advisory or disabled.",
    properties: Object.fromEntries(
      ["critical", "standard", "best-effort"].map((tier) => [tier, { type: "string", enum: [...POLICY_LEVELS] }]),
    ),
  },
  exemptions: {
    type: "array",
    description:
      "The stack's exemptions from this rule (reliability:policies.exemptions): service, owner, reason, expires.",
    items: {
      type: "object",
      properties: {
        service: { type: "string" },
        owner: { type: "string" },
        reason: { type: "string" },
        expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
      },
    },
  },
};

/** What a policy's config adds to the rule's own: the stack's levels and exemptions for the rule. */
interface SeverityConfig extends ContextConfig {
  readonly levels?: RuleOverride;
  readonly exemptions?: readonly Pick<Exemption, "service" | "expires">[];
}

/** The CrossGuard config schema of a rule: its zod schema as JSON Schema, plus the context properties. */
export function configSchemaOf(rule: Rule): PolicyConfigSchema {
  const json = z.toJSONSchema(rule.config, { io: "input" }) as { properties?: Record<string, PolicyConfigJSONSchema> };
  return { properties: { ...(json.properties ?? {}), ...CONTEXT_PROPERTIES } };
}

/** The enforcement level of a rule's CrossGuard policy: mandatory unless the model never makes it so. */
export function packLevel(rule: Rule): EnforcementLevel {
  return (rule.enforcement ?? DEFAULT_ENFORCEMENT) === "advisory" ? "advisory" : "mandatory";
}

/** Every rule as one CrossGuard policy. */
export function toPolicies(rules: readonly Rule[]): Policies {
  return rules.map((rule) => toPolicy(rule, packLevel(rule)));
}

/** True when a finding for a service at `context` is reported by a policy of `level`. */
function reported(
  rule: Rule,
  level: EnforcementLevel,
  config: SeverityConfig,
  context: RuleContext,
  service: string | undefined,
): boolean {
  const today = new Date().toISOString().slice(0, 10);
  if (service !== undefined && (config.exemptions ?? []).some((e) => e.service === service && inForce(e, today)))
    return false;
  const found = levelOf(context, rule.enforcement, config.levels);
  return found === "mandatory" || (level === "advisory" && found === "advisory");
}

function toPolicy(rule: Rule, level: EnforcementLevel): ResourceValidationPolicy | StackValidationPolicy {
  const base = {
    name: rule.name,
    description: `${rule.description} (${ENFORCEMENT_TEXT[rule.enforcement ?? DEFAULT_ENFORCEMENT]}) Fix: ${rule.fix}`,
    enforcementLevel: level,
    configSchema: configSchemaOf(rule),
    tags: ["reliability", rule.domain],
  };
  if (rule.scope === "resource")
    return { ...base, validateResource: (args, report) => validateResource(rule, level, args, report) };
  return { ...base, validateStack: (args, report) => validateStack(rule, level, args, report) };
}

function validateResource(
  rule: ResourceRule,
  level: EnforcementLevel,
  args: ResourceValidationArgs,
  report: ReportViolation,
): void {
  if (!rule.types.includes(args.type)) return;
  const config = args.getConfig<Record<string, unknown> & SeverityConfig>();
  const props = plainResourceProps(args.props);
  const context = contextOf(props, config);
  const service = serviceLabel(props);
  if (!reported(rule, level, config, context, service)) return;
  for (const finding of rule.check(
    subjectFromPolicy(args.type, args.name, props, args.provider?.name),
    config,
    context,
  ))
    report(`${finding.message}. Fix: ${finding.fix ?? rule.fix}`);
}

function validateStack(
  rule: Exclude<Rule, ResourceRule>,
  level: EnforcementLevel,
  args: StackValidationArgs,
  report: ReportViolation,
): void {
  const config = args.getConfig<Record<string, unknown> & SeverityConfig>();
  const { stack, urns } = stackFromPolicy(args.resources, config);
  const emit = (finding: Finding, service: ServiceSubject | undefined): void => {
    const ctx = service ?? { environment: stack.environment, tier: "" };
    if (!reported(rule, level, config, ctx, service?.service)) return;
    const urn = finding.resource === undefined ? undefined : urns.get(finding.resource);
    report(`${finding.message}. Fix: ${finding.fix ?? rule.fix}`, urn);
  };
  if (rule.scope === "service") {
    for (const service of stack.services) for (const finding of rule.check(service, config)) emit(finding, service);
    return;
  }
  for (const finding of rule.check(stack, config)) emit(finding, serviceNamed(stack, finding.service));
}

function serviceNamed(stack: StackSubject, name: string | undefined): ServiceSubject | undefined {
  return name === undefined ? undefined : stack.services.find((s) => s.service === name);
}
