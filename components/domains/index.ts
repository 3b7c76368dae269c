import type { DomainModule, DomainPlan, StackIssue } from "../core/module.js";
import type { SpecIssue } from "../core/spec/checks.js";
import type { ResolvedService } from "../core/spec/service.js";
import type { StackConfig } from "../core/stack/config.js";
import { alerts } from "./alerts/index.js";
import { awsLimits } from "./aws-limits/index.js";
import { budget } from "./budget/index.js";
import { chaos } from "./chaos/index.js";
import { dashboards } from "./dashboards/index.js";
import { database } from "./database/index.js";
import { dns } from "./dns/index.js";
import { notify } from "./notify/index.js";
import { resilience } from "./resilience/index.js";
import { status } from "./status/index.js";
import { workload } from "./workload/index.js";

/**
 * The registry of reliability domains: the one list every stage loops over. Order matters: spec
 * sections are documented, resources registered and rules run in this order.
 */
export const DOMAINS: readonly DomainModule[] = [
  workload,
  database,
  dns,
  notify,
  budget,
  alerts,
  status,
  chaos,
  resilience,
  dashboards,
  awsLimits,
];

/** Each service's domain plans for one stack, so validating and planning the same service plans it once. */
const planned = new WeakMap<ResolvedService, WeakMap<StackConfig, Map<DomainModule, DomainPlan>>>();

/** One domain's plan of one service for a stack (computed once per service, stack and domain). */
export function domainPlan(domain: DomainModule, service: ResolvedService, stack: StackConfig): DomainPlan {
  let byStack = planned.get(service);
  if (!byStack) planned.set(service, (byStack = new WeakMap()));
  let byDomain = byStack.get(stack);
  if (!byDomain) byStack.set(stack, (byDomain = new Map()));
  let result = byDomain.get(domain);
  if (!result) byDomain.set(domain, (result = domain.plan?.(service, stack) ?? { resources: [] }));
  return result;
}

/** Drops a service's cached domain plans for a stack, once nothing will ask for them again. */
export function forgetDomainPlans(service: ResolvedService, stack: StackConfig): void {
  planned.get(service)?.delete(stack);
}

/** Problems only planning finds in a service's spec, at their spec paths, every domain in order. */
export function planningIssues(service: ResolvedService, stack: StackConfig): SpecIssue[] {
  return DOMAINS.flatMap((domain) => [...(domainPlan(domain, service, stack).issues ?? [])]);
}

/**
 * Each stack's domain-wide plans, for the last list of services planned with it: a copy of the
 * list, and the list as given (asked again with that very list, which is read-only, nothing is compared).
 */
const stackPlanned = new WeakMap<
  StackConfig,
  {
    readonly services: readonly ResolvedService[];
    given: readonly ResolvedService[];
    readonly plans: Map<DomainModule, StackDomainPlanOf>;
  }
>();

type StackDomainPlanOf = ReturnType<NonNullable<DomainModule["planStack"]>>;

/** One domain's stack-wide plan of a list of services (computed once per list, stack and domain). */
export function stackDomainPlan(
  domain: DomainModule,
  services: readonly ResolvedService[],
  stack: StackConfig,
): StackDomainPlanOf {
  let cached = stackPlanned.get(stack);
  const same =
    cached?.given === services ||
    (cached?.services.length === services.length && cached.services.every((s, i) => s === services[i]));
  if (!cached || !same)
    stackPlanned.set(stack, (cached = { services: [...services], given: services, plans: new Map() }));
  else cached.given = services;
  let result = cached.plans.get(domain);
  if (!result)
    cached.plans.set(domain, (result = domain.planStack?.(services, stack) ?? { services: new Map(), issues: [] }));
  return result;
}

/** Problems across services (the two ends of a call), every domain in order. */
export function stackIssues(services: readonly ResolvedService[], stack: StackConfig): StackIssue[] {
  return DOMAINS.flatMap((domain) => [...stackDomainPlan(domain, services, stack).issues]);
}
