/**
 * Runs every rule on a Plan, offline: the same functions the CrossGuard pack runs, on the
 * resources the plan says Pulumi will register. What the stack shares (`Plan.shared`, registered
 * under `SharedResources`) belongs to no service: the pack leaves it out of the service and stack
 * rules and runs the resource rules on it, and so does the check, through the same function.
 */

import type { Plan, PlannedResource, ServicePlan } from "../components/core/plan/types.js";
import { levelOf, type PoliciesConfig } from "../components/core/policy/severity.js";
import { chaosOutsideBlackouts } from "../components/domains/chaos/rules.js";
import { chaosStartsSpread } from "./fleet.js";
import { RULES } from "./registry.js";
import { contextOf, resourceFindings } from "./resource-findings.js";
import type {
  Finding,
  Rule,
  RuleContext,
  ServiceSubject,
  SpecFacts,
  StackSubject,
  Subject,
  Violation,
} from "../components/core/policy/types.js";

/** Options of {@link checkPlan}. */
export interface CheckOptions {
  /** Spec facts per service name (from the resolved specs). */
  readonly facts?: ReadonlyMap<string, SpecFacts>;
  /** Configuration per rule name (defaults apply to anything not given). */
  readonly config?: Readonly<Record<string, unknown>>;
  /** The rules to run. @default RULES */
  readonly rules?: readonly Rule[];
  /** The stack's `reliability:policies`: its level per rule (exemptions are applied by `applyExemptions`). */
  readonly policies?: PoliciesConfig;
  /** Spec file per service name, when the plan holds only some of the stack's services. @default the plan's own */
  readonly files?: ReadonlyMap<string, string>;
}

/** Configuration of the rules that read the clock: the range they check starts at `now`. */
export function timedConfig(now: Date): Readonly<Record<string, unknown>> {
  const from = now.toISOString();
  return { [chaosOutsideBlackouts.name]: { from }, [chaosStartsSpread.name]: { from } };
}

/** A planned resource as rules see it. */
export function subjectOf(r: PlannedResource): Subject {
  return { key: r.key, type: r.type, name: r.name, region: r.region, props: r.props, origin: r.origin };
}

/** A planned service as rules see it. */
export function serviceSubjectOf(plan: Pick<Plan, "environment">, s: ServicePlan, facts?: SpecFacts): ServiceSubject {
  return {
    service: s.service,
    environment: plan.environment,
    tier: s.tier,
    regions: s.regions,
    namespace: s.namespace,
    resources: s.resources.map(subjectOf),
    analysis: s.analysis,
    ...(facts ? { facts } : {}),
  };
}

/** Runs the rules on a plan and returns every violation, in rule order, then service order. */
export function checkPlan(plan: Plan, options: CheckOptions = {}): Violation[] {
  const services = plan.services.map((s) => serviceSubjectOf(plan, s, options.facts?.get(s.service)));
  const files = options.files ?? new Map(plan.services.map((s) => [s.service, s.file]));
  const shared = (plan.shared?.resources ?? []).map(subjectOf);
  return checkSubjects({ environment: plan.environment, services, strays: [] }, files, options, shared);
}

/**
 * Runs the rules on services as rules see them (each with the resources it holds) and on the
 * resources the stack shares, and returns every violation, in rule order, then service order
 * (a rule's findings on shared resources last); `files` names each service's spec file.
 */
export function checkSubjects(
  stack: StackSubject,
  files: ReadonlyMap<string, string>,
  options: Omit<CheckOptions, "facts" | "files"> = {},
  shared: readonly Subject[] = [],
): Violation[] {
  let origins: ReadonlyMap<string, string | undefined> | undefined;
  const originOf = (key: string) => {
    origins ??= new Map(
      [...stack.services.flatMap((s) => s.resources), ...shared].map((r) => [r.key, r.origin] as const),
    );
    return origins.get(key);
  };
  const out: Violation[] = [];
  for (const rule of options.rules ?? RULES) {
    const config = options.config?.[rule.name];
    const override = options.policies?.rules?.[rule.name];
    if (override === "disabled") continue;
    for (const { finding, service, context } of findings(rule, { stack, shared }, config)) {
      const ctx: RuleContext = context ?? { environment: stack.environment, tier: service?.tier ?? "" };
      const level = levelOf(ctx, rule.enforcement, override);
      if (level === "disabled") continue;
      out.push({
        policy: rule.name,
        domain: rule.domain,
        level,
        service: service?.service ?? "",
        resource: finding.resource ?? "",
        message: finding.message,
        fix: finding.fix ?? rule.fix,
        path: located(finding, originOf, context !== undefined),
        file: service ? (files.get(service.service) ?? "") : "",
        ...(finding.related
          ? { related: finding.related.map((r) => ({ ...r, file: files.get(r.service) ?? "" })) }
          : {}),
      });
    }
  }
  return out;
}

/**
 * Where a finding points: its spec path, else the origin of its resource; for a shared resource, which
 * no service's spec declares, always the stack setting it comes from.
 */
function located(finding: Finding, originOf: (key: string) => string | undefined, shared: boolean): string {
  const origin = finding.resource === undefined ? undefined : originOf(finding.resource);
  return (shared ? origin : undefined) ?? finding.path ?? origin ?? "spec";
}

/** A finding, the service it is about (none: the stack or a shared resource) and, for a shared resource, the context its labels give. */
interface Found {
  readonly finding: Finding;
  readonly service?: ServiceSubject;
  readonly context?: RuleContext;
}

function findings(
  rule: Rule,
  { stack, shared }: { readonly stack: StackSubject; readonly shared: readonly Subject[] },
  config: unknown,
): Found[] {
  const byName = new Map(stack.services.map((s) => [s.service, s]));
  switch (rule.scope) {
    case "resource":
      return [
        ...stack.services.flatMap((service) =>
          service.resources
            .flatMap((r) =>
              resourceFindings(rule, r, config, {
                environment: service.environment,
                tier: service.tier,
                ...(service.facts ? { facts: service.facts } : {}),
              }),
            )
            .map((finding) => ({ finding, service })),
        ),
        ...shared.flatMap((r) => {
          const context = contextOf(r.props, { environment: stack.environment });
          return resourceFindings(rule, r, config, context).map((finding) => ({ finding, context }));
        }),
      ];
    case "service":
      return stack.services.flatMap((service) => rule.check(service, config).map((finding) => ({ finding, service })));
    case "stack":
      return rule.check(stack, config).map((finding) => {
        const service = finding.service === undefined ? undefined : byName.get(finding.service);
        return service ? { finding, service } : { finding };
      });
  }
}

/** True when any violation is mandatory (the check fails). */
export function hasMandatory(violations: readonly Violation[]): boolean {
  return violations.some((v) => v.level === "mandatory");
}
