/**
 * `toPlan(services, stack) → Plan`: the single pure function from resolved specs to every
 * resource of a stack, each registered domain's planner in registry order. No Pulumi, no cloud
 * SDK, no I/O.
 */

import type { SpecIssue } from "../core/spec/checks.js";
import { SpecError, type Diagnostic } from "../core/spec/errors.js";
import type { ResolvedService } from "../core/spec/service.js";
import type { StackConfig } from "../core/stack/config.js";
import { formatPath } from "../core/spec/validate.js";
import {
  DOMAINS,
  domainPlan,
  forgetDomainPlans,
  planningIssues,
  stackDomainPlan,
  stackIssues,
} from "../domains/index.js";
import type { StackIssue } from "../core/module.js";
import { planProviders } from "./providers.js";
import type {
  Plan,
  PlannedResource,
  ServiceAnalysis,
  ServicePlan,
  SharedAnalysis,
  SharedPlan,
} from "../core/plan/types.js";

/**
 * Plans every service for a stack, or only `share` of them (each planned, as always, with every
 * service of the stack in view: calls between services are planned from both ends).
 * @throws SpecError when planning finds a problem in a spec that was not loaded for this stack (the
 * loader reports the same problems with their positions).
 */
export function toPlan(
  services: readonly ResolvedService[],
  stack: StackConfig,
  share: readonly ResolvedService[] = services,
): Plan {
  const plans = [...servicePlans(services, stack, share)];
  const shared = planShared(services, stack);
  return {
    stack: stack.stack,
    environment: stack.environment,
    providers: planProviders(stack, [...plans.flatMap((p) => p.resources), ...(shared?.resources ?? [])]),
    services: plans,
    ...(shared ? { shared } : {}),
  };
}

/** What every domain plans once for the stack, in registry order; undefined when nothing is shared. */
export function planShared(services: readonly ResolvedService[], stack: StackConfig): SharedPlan | undefined {
  const resources: PlannedResource[] = [];
  let analysis: Partial<SharedAnalysis> = {};
  for (const domain of DOMAINS) {
    const shared = stackDomainPlan(domain, services, stack).shared;
    resources.push(...(shared?.resources ?? []));
    analysis = { ...analysis, ...shared?.analysis };
  }
  return resources.length === 0 && Object.keys(analysis).length === 0
    ? undefined
    : { resources, analysis: analysis as SharedAnalysis };
}

/**
 * Each service of `share` planned, one at a time, as {@link toPlan} plans them: a caller that
 * writes each plan out before asking for the next never holds the whole fleet's plan. A service's
 * domain plans are dropped from the planning cache once it is yielded.
 * @throws SpecError as {@link toPlan} does, before the first plan.
 */
export function* servicePlans(
  services: readonly ResolvedService[],
  stack: StackConfig,
  share: readonly ResolvedService[] = services,
): Generator<ServicePlan, void, undefined> {
  throwPlanningIssues(share, stack);
  const across = stackIssues(services, stack).map((issue) => stackLocated(services, issue));
  if (across.length > 0) throw new SpecError(across);
  yield* plansOf(share, services, stack);
}

/**
 * Each service of `share` planned as {@link servicePlans} plans them, for a caller that has
 * already found no problem across the stack's services (`stackIssues`), as a fleet run does once
 * for all its threads.
 * @throws SpecError naming the share's own planning problems, before the first plan.
 */
export function* sharePlans(
  services: readonly ResolvedService[],
  stack: StackConfig,
  share: readonly ResolvedService[],
): Generator<ServicePlan, void, undefined> {
  throwPlanningIssues(share, stack);
  yield* plansOf(share, services, stack);
}

function throwPlanningIssues(share: readonly ResolvedService[], stack: StackConfig): void {
  const diagnostics = share.flatMap((service) =>
    planningIssues(service, stack).map((issue) => located(service, issue)),
  );
  if (diagnostics.length > 0) throw new SpecError(diagnostics);
}

function* plansOf(
  share: readonly ResolvedService[],
  services: readonly ResolvedService[],
  stack: StackConfig,
): Generator<ServicePlan, void, undefined> {
  for (const service of share) {
    yield planService(service, services, stack);
    forgetDomainPlans(service, stack);
  }
}

function located(service: ResolvedService, issue: SpecIssue): Diagnostic {
  return {
    file: service.file,
    position: { line: 1, col: 1 },
    path: formatPath([...issue.path]),
    message: issue.message,
  };
}

function stackLocated(services: readonly ResolvedService[], issue: StackIssue): Diagnostic {
  const file = (name: string) => services.find((s) => s.name === name)?.file ?? name;
  const related = (issue.related ?? []).map((r) => ({
    file: file(r.service),
    position: { line: 1, col: 1 },
    path: formatPath([...r.path]),
  }));
  return {
    file: file(issue.service),
    position: { line: 1, col: 1 },
    path: formatPath([...issue.path]),
    message: issue.message,
    ...(related.length > 0 ? { related } : {}),
  };
}

/**
 * What the stack-wide planners give one service, domain by domain in registry order (null where a
 * domain gives it nothing): all its plan takes from the other services of the stack.
 */
export function stackShareOf(
  services: readonly ResolvedService[],
  stack: StackConfig,
  name: string,
): readonly (StackShare | null)[] {
  return DOMAINS.map((domain) => stackDomainPlan(domain, services, stack).services.get(name) ?? null);
}

/** What one domain's stack-wide planner gives one service. */
export type StackShare = NonNullable<ReturnType<ReturnType<typeof stackDomainPlan>["services"]["get"]>>;

function planService(service: ResolvedService, all: readonly ResolvedService[], stack: StackConfig): ServicePlan {
  const resources: PlannedResource[] = [];
  let analysis: Partial<ServiceAnalysis> = {};
  for (const domain of DOMAINS) {
    const result = domainPlan(domain, service, stack);
    const shared = stackDomainPlan(domain, all, stack).services.get(service.name);
    resources.push(...result.resources, ...(shared?.resources ?? []));
    analysis = { ...analysis, ...result.analysis, ...shared?.analysis };
  }
  return {
    service: service.name,
    team: service.team,
    tier: service.tier,
    file: service.file,
    regions: service.regions,
    namespace: service.namespace,
    specHash: service.specHash,
    resources,
    analysis: analysis as ServiceAnalysis,
  };
}

export { planProviders } from "./providers.js";
