/**
 * Building blocks of rules: typed definitions (config parsed with its zod schema and defaults),
 * the enforcement mapping, and the message format.
 */

import type { z } from "zod";
import { DEFAULT_ENFORCEMENT, levelOf } from "./severity.js";
import type {
  Enforcement,
  EnforcementLevel,
  Finding,
  ResourceRule,
  RuleContext,
  ServiceRule,
  ServiceSubject,
  SpecFacts,
  StackRule,
  StackSubject,
  Subject,
} from "./types.js";

export { DEFAULT_ENFORCEMENT };

/** Where a rule's violations are mandatory, in words (reports and SARIF rule descriptions). */
export const ENFORCEMENT_TEXT: Readonly<Record<Enforcement, string>> = {
  "critical-in-production": "mandatory for critical services in production, advisory elsewhere",
  production: "mandatory for every service in production, advisory elsewhere",
  always: "mandatory everywhere",
  advisory: "advisory everywhere",
};

/**
 * The enforcement level of a rule for a service under the severity model alone (no stack override):
 * see `SEVERITY_MODEL`. The model never disables a rule; only a stack's `reliability:policies` does.
 */
export function enforcementLevel(
  context: RuleContext,
  enforcement: Enforcement = DEFAULT_ENFORCEMENT,
): EnforcementLevel {
  return levelOf(context, enforcement) === "mandatory" ? "mandatory" : "advisory";
}

/** Formats a policy message: "`subject` must `requirement` because `reason`". */
export function must(subject: string, requirement: string, reason: string): string {
  return `${subject} must ${requirement} because ${reason}`;
}

interface Base<S extends z.ZodObject> {
  readonly name: string;
  readonly description: string;
  readonly config: S;
  readonly enforcement?: Enforcement;
  readonly fix: string;
  readonly anchor: string;
}

/** Defines a rule over one resource at a time. */
export function resourceRule<S extends z.ZodObject>(
  domain: ResourceRule["domain"],
  def: Base<S> & {
    readonly types: readonly string[];
    readonly check: (
      subject: Subject,
      config: z.output<S>,
      context: RuleContext & { readonly facts?: SpecFacts },
    ) => Finding[];
  },
): ResourceRule {
  return {
    ...def,
    domain,
    scope: "resource",
    check: (subject, config, context) => def.check(subject, def.config.parse(config ?? {}), context),
  };
}

/** Defines a rule over all resources of one service. */
export function serviceRule<S extends z.ZodObject>(
  domain: ServiceRule["domain"],
  def: Base<S> & { readonly check: (service: ServiceSubject, config: z.output<S>) => Finding[] },
): ServiceRule {
  return {
    ...def,
    domain,
    scope: "service",
    check: (service, config) => def.check(service, def.config.parse(config ?? {})),
  };
}

/** Defines a rule over the whole stack. */
export function stackRule<S extends z.ZodObject>(
  domain: StackRule["domain"],
  def: Base<S> & {
    readonly reads?: NonNullable<StackRule["reads"]>;
    readonly check: (stack: StackSubject, config: z.output<S>) => Finding[];
  },
): StackRule {
  return { ...def, domain, scope: "stack", check: (stack, config) => def.check(stack, def.config.parse(config ?? {})) };
}

/** The resources of a service of one type, optionally in one region. */
export function ofType(service: ServiceSubject, type: string, region?: string): Subject[] {
  return service.resources.filter((r) => r.type === type && (region === undefined || r.region === region));
}

/** How a resource is named in messages: its kind and key. */
export function describe(subject: Subject): string {
  const kind = subject.type.split(":").pop() ?? subject.type;
  return `${kind} ${subject.key}`;
}
