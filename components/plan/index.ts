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

/** One service of a share planned: its plan, or the problems only planning finds in its spec and no plan (none at all once an earlier service of the share had some). */
export type ShareOutcome =
  | { readonly service: ResolvedService; readonly plan: ServicePlan; readonly issues?: undefined }
  | { readonly service: ResolvedService; readonly issues: readonly SpecIssue[]; readonly plan?: undefined };

/** What the stack-wide planners give the `index`th service of a share ({@link stackShareOf}). */
export type StackSharesOf = (service: ResolvedService, index: number) => readonly (StackShare | null)[];

/**
 * Each service of `share` planned as {@link servicePlans} plans them, for a fleet run that has
 * already found no problem across the stack's services (`stackIssues`) once for all its threads
 * and loaded the share without planning it; what each service takes from the others comes from
 * `sharesOf`, so a thread needs no other service. A service in which planning finds a problem
 * gives its issues instead of a plan, so the caller reports them all; once one has, nothing will be
 * written, so each later service is only planned for problems (it gives its issues, perhaps none).
 * Each service's domain plans are dropped once it is yielded, so a thread holds one service's plans at a time.
 */
export function* shareOutcomes(
  stack: StackConfig,
  share: readonly ResolvedService[],
  sharesOf: StackSharesOf,
): Generator<ShareOutcome, void, undefined> {
  let failing = false;
  for (const [index, service] of share.entries()) {
    const issues = planningIssues(service, stack);
    failing ||= issues.length > 0;
    yield failing ? { service, issues } : { service, plan: planService(service, stack, sharesOf(service, index)) };
    forgetDomainPlans(service, stack);
  }
}

function throwPlanningIssues(share: readonly ResolvedService[], stack: StackConfig): void {
  const diagnostics = share.flatMap((service) =>
    planningIssues(service, stack).map((issue) => locatedAtTop(service, issue)),
  );
  if (diagnostics.length > 0) throw new SpecError(diagnostics);
}

function* plansOf(
  share: readonly ResolvedService[],
  services: readonly ResolvedService[],
  stack: StackConfig,
): Generator<ServicePlan, void, undefined> {
  for (const service of share) {
    yield planService(service, stack, stackShareOf(services, stack, service.name));
    forgetDomainPlans(service, stack);
  }
}

/** An issue in a service whose spec was not read with positions in this run: at the top of its file, with its field path. */
export function locatedAtTop(service: ResolvedService, issue: SpecIssue): Diagnostic {
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

/** One service's plan: each domain's plan of it, then what the domain's stack-wide planner gave it (`shares`, in registry order). */
function planService(
  service: ResolvedService,
  stack: StackConfig,
  shares: readonly (StackShare | null)[],
): ServicePlan {
  const resources: PlannedResource[] = [];
  let analysis: Partial<ServiceAnalysis> = {};
  for (const [index, domain] of DOMAINS.entries()) {
    const result = domainPlan(domain, service, stack);
    const shared = shares[index];
    resources.push(...result.resources, ...(shared?.resources ?? []));
    analysis = { ...analysis, ...result.analysis, ...shared?.analysis };
  }
  return servicePlanOf(service, resources, analysis as ServiceAnalysis);
}

/** A service's plan of `resources` and `analysis`, with who the service is. */
export function servicePlanOf(
  service: ResolvedService,
  resources: PlannedResource[],
  analysis: ServiceAnalysis,
): ServicePlan {
  return {
    service: service.name,
    team: service.team,
    tier: service.tier,
    file: service.file,
    regions: service.regions,
    namespace: service.namespace,
    specHash: service.specHash,
    resources,
    analysis,
  };
}

export { planProviders } from "./providers.js";
