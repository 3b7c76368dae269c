/**
 * Wraps the rules as CrossGuard policies, one per rule. A policy is declared `mandatory` when the
 * severity model can make its rule mandatory and `advisory` for an always-advisory rule, but each
 * finding is reported at its own level: the one the model and the policy's config give it for the
 * finding's environment and tier (the stack's `reliability:policies` entry for the rule: `levels`,
 * `exemptions`). Advisory findings reach the engine as advisory, disabled and exempted ones not at all.
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
import { resourceFindings } from "../resource-findings.js";

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

/**
 * The level a finding for a service at `context` is reported at: the model's and the config's level
 * for the rule, or `undefined` when the level is `disabled` or an exemption in force covers the service.
 */
function reportedLevel(
  rule: Rule,
  config: SeverityConfig,
  context: RuleContext,
  service: string | undefined,
): EnforcementLevel | undefined {
  const today = new Date().toISOString().slice(0, 10);
  if (service !== undefined && (config.exemptions ?? []).some((e) => e.service === service && inForce(e, today)))
    return undefined;
  const found = levelOf(context, rule.enforcement, config.levels);
  return found === "disabled" ? undefined : found;
}

/**
 * The report callback as the policy SDK implements it: besides a message it takes a violation whose
 * `enforcementLevel` replaces the policy's for that one diagnostic (`makeReportViolationFun` in the
 * SDK's server), which is how one policy reports findings of both levels.
 */
type LevelledReport = (violation: {
  readonly message: string;
  readonly urn?: string;
  readonly enforcementLevel: EnforcementLevel;
}) => void;

/** Reports one finding at its level, its message on the line after the policy's description as the SDK writes it. */
function reportAt(report: ReportViolation, rule: Rule, finding: Finding, level: EnforcementLevel, urn?: string): void {
  const message = `${describePolicy(rule)}\n${finding.message}. Fix: ${finding.fix ?? rule.fix}`;
  (report as unknown as LevelledReport)({ message, ...(urn === undefined ? {} : { urn }), enforcementLevel: level });
}

/** The description of a rule's policy: what it requires, when it is mandatory, and how to fix a finding. */
function describePolicy(rule: Rule): string {
  return `${rule.description} (${ENFORCEMENT_TEXT[rule.enforcement ?? DEFAULT_ENFORCEMENT]}) Fix: ${rule.fix}`;
}

function toPolicy(rule: Rule, level: EnforcementLevel): ResourceValidationPolicy | StackValidationPolicy {
  const base = {
    name: rule.name,
    description: describePolicy(rule),
    enforcementLevel: level,
    configSchema: configSchemaOf(rule),
    tags: ["reliability", rule.domain],
  };
  if (rule.scope === "resource")
    return { ...base, validateResource: (args, report) => validateResource(rule, args, report) };
  return { ...base, validateStack: (args, report) => validateStack(rule, args, report) };
}

function validateResource(rule: ResourceRule, args: ResourceValidationArgs, report: ReportViolation): void {
  if (!rule.types.includes(args.type)) return;
  const config = args.getConfig<Record<string, unknown> & SeverityConfig>();
  const props = plainResourceProps(args.props);
  const context = contextOf(props, config);
  const level = reportedLevel(rule, config, context, serviceLabel(props));
  if (level === undefined) return;
  const subject = subjectFromPolicy(args.type, args.name, props, args.provider?.name);
  for (const finding of resourceFindings(rule, subject, config, context)) reportAt(report, rule, finding, level);
}

function validateStack(rule: Exclude<Rule, ResourceRule>, args: StackValidationArgs, report: ReportViolation): void {
  const config = args.getConfig<Record<string, unknown> & SeverityConfig>();
  const { stack, urns } = stackFromPolicy(args.resources, config);
  const emit = (finding: Finding, service: ServiceSubject | undefined): void => {
    const ctx = service ?? { environment: stack.environment, tier: "" };
    const level = reportedLevel(rule, config, ctx, service?.service);
    if (level === undefined) return;
    reportAt(report, rule, finding, level, finding.resource === undefined ? undefined : urns.get(finding.resource));
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
