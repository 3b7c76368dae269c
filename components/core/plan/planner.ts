import type { SpecIssue } from "../spec/checks.js";
import type { ResolvedService } from "../spec/resolved.js";
import type { StackConfig } from "../stack/config.js";
import type { PlannedResource, ServiceAnalysis } from "../../plan/types.js";

/** What a domain planner returns for one service. */
export interface DomainPlan {
  /** Resources, in registration order. */
  readonly resources: readonly PlannedResource[];
  /** Facts for `plan.json`, the CLI and the policies. */
  readonly analysis?: Partial<ServiceAnalysis>;
  /** Problems that make the spec unplannable (e.g. a query that does not parse); reported with positions. */
  readonly issues?: readonly SpecIssue[];
}

/** A pure planner for one domain (workload, alerts, chaos, database, dns). */
export type DomainPlanner = (service: ResolvedService, stack: StackConfig) => DomainPlan;
