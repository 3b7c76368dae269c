/**
 * Wraps the rules as CrossGuard policies. CrossGuard fixes one enforcement level per policy,
 * while ours depends on each service's environment and tier, so every rule becomes two policies:
 * `<rule>` (mandatory: reports only for services whose level is mandatory) and
 * `<rule>-advisory` (reports the rest). Together they report each violation exactly once.
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
import { DEFAULT_ENFORCEMENT, enforcementLevel } from "../../components/core/policy/framework.js";
import type {
  Enforcement,
  EnforcementLevel,
  Finding,
  ResourceRule,
  Rule,
  ServiceSubject,
  StackSubject,
} from "../../components/core/policy/types.js";
import { contextOf, plainResourceProps, stackFromPolicy, subjectFromPolicy, type ContextConfig } from "./subjects.js";

/** Suffix of the advisory half of a rule. */
export const ADVISORY_SUFFIX = "-advisory";

/** Whom the mandatory and the advisory policy of a rule report on, by the rule's enforcement. */
const SCOPES: Readonly<Record<Enforcement, readonly [string, string]>> = {
  "critical-in-production": ["critical services in production", "every other service"],
  production: ["every service in production", "every service outside production"],
  always: ["every service, since AWS refuses the resource anywhere", "none: AWS refuses the resource anywhere"],
  advisory: ["none: the rule is a recommendation", "every service"],
};

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
};

/** The CrossGuard config schema of a rule: its zod schema as JSON Schema, plus the context properties. */
export function configSchemaOf(rule: Rule): PolicyConfigSchema {
  const json = z.toJSONSchema(rule.config, { io: "input" }) as { properties?: Record<string, PolicyConfigJSONSchema> };
  return { properties: { ...(json.properties ?? {}), ...CONTEXT_PROPERTIES } };
}

/** Every rule as its mandatory and advisory CrossGuard policies. */
export function toPolicies(rules: readonly Rule[]): Policies {
  return rules.flatMap((rule) => (["mandatory", "advisory"] as const).map((level) => toPolicy(rule, level)));
}

function toPolicy(rule: Rule, level: EnforcementLevel): ResourceValidationPolicy | StackValidationPolicy {
  const base = {
    name: level === "mandatory" ? rule.name : `${rule.name}${ADVISORY_SUFFIX}`,
    description: `${rule.description} (${SCOPES[rule.enforcement ?? DEFAULT_ENFORCEMENT][level === "mandatory" ? 0 : 1]})`,
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
  const config = args.getConfig<Record<string, unknown> & ContextConfig>();
  const props = plainResourceProps(args.props);
  const context = contextOf(props, config);
  if (enforcementLevel(context, rule.enforcement) !== level) return;
  for (const finding of rule.check(
    subjectFromPolicy(args.type, args.name, props, args.provider?.name),
    config,
    context,
  ))
    report(finding.message);
}

function validateStack(
  rule: Exclude<Rule, ResourceRule>,
  level: EnforcementLevel,
  args: StackValidationArgs,
  report: ReportViolation,
): void {
  const config = args.getConfig<Record<string, unknown> & ContextConfig>();
  const { stack, urns } = stackFromPolicy(args.resources, config);
  const emit = (finding: Finding, service: ServiceSubject | undefined): void => {
    const ctx = service ?? { environment: stack.environment, tier: "" };
    if (enforcementLevel(ctx, rule.enforcement) !== level) return;
    const urn = finding.resource === undefined ? undefined : urns.get(finding.resource);
    report(finding.message, urn);
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
