import { SpecError, type Diagnostic } from "../core/spec/errors.js";
import type { ResolvedService } from "../core/spec/resolved.js";
import type { StackConfig } from "../core/stack/config.js";
import { formatPath } from "../core/spec/validate.js";
import { planProviders } from "./providers.js";
import type { DomainPlanner } from "../core/plan/planner.js";
import type { Plan, PlannedResource, ServiceAnalysis, ServicePlan } from "./types.js";
import { planWorkload, summarizeWorkload, workloadBodies } from "../domains/workload/plan.js";
import { databasePlanner } from "../domains/database/plan.js";
import { dnsPlanner } from "../domains/dns/plan.js";
import { notifyPlanner } from "../domains/notify/plan.js";
import { failoverPlanner } from "../domains/budget/plan.js";
import { alertsPlanner } from "../domains/alerts/plan.js";
import { chaosPlanner } from "../domains/chaos/plan.js";

/**
 * `toPlan(services, stack) → Plan`: the single pure function from resolved specs to every
 * resource of a stack. No Pulumi, no cloud SDK, no I/O.
 */

const workloadPlanner: DomainPlanner = (service) => {
  const bodies = workloadBodies(service);
  return { resources: service.regions.flatMap((region) => planWorkload(service, region, bodies)), analysis: { workload: summarizeWorkload(service) } };
};

/** The domain planners, in the order their resources are registered. */
export const PLANNERS: readonly DomainPlanner[] = [workloadPlanner, databasePlanner, dnsPlanner, notifyPlanner, failoverPlanner, alertsPlanner, chaosPlanner];

/**
 * Plans every service for a stack.
 * @throws SpecError when a planner finds a problem in a spec (every problem, with positions).
 */
export function toPlan(services: readonly ResolvedService[], stack: StackConfig): Plan {
  const diagnostics: Diagnostic[] = [];
  const plans = services.map((service) => planService(service, stack, diagnostics));
  if (diagnostics.length > 0) throw new SpecError(diagnostics);
  return { stack: stack.stack, environment: stack.environment, providers: planProviders(stack, plans.flatMap((p) => p.resources)), services: plans };
}

function planService(service: ResolvedService, stack: StackConfig, diagnostics: Diagnostic[]): ServicePlan {
  const resources: PlannedResource[] = [];
  let analysis: Partial<ServiceAnalysis> = {};
  for (const planner of PLANNERS) {
    const result = planner(service, stack);
    resources.push(...result.resources);
    analysis = { ...analysis, ...result.analysis };
    for (const issue of result.issues ?? []) {
      diagnostics.push({ file: service.source.file, position: service.source.locate(issue.path), path: formatPath(service.source.sourcePath(issue.path)), message: issue.message });
    }
  }
  return {
    service: service.name,
    team: service.team,
    tier: service.tier,
    file: service.source.file,
    regions: service.regions,
    namespace: service.namespace,
    specHash: service.specHash,
    resources,
    analysis: analysis as ServiceAnalysis,
  };
}

export { planProviders } from "./providers.js";
