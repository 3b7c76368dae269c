/**
 * The workload domain: the Deployment and everything that keeps it serving (probes, graceful
 * shutdown, PodDisruptionBudget, autoscaling, zone spread), and the declared dependencies.
 */

import type { DomainModule } from "../../core/module.js";
import { workloadPlanner, type WorkloadSummary } from "./plan.js";
import type { ResolvedWorkload } from "./resolved.js";
import { resolveWorkloadSections } from "./resolve.js";
import { WORKLOAD_RULES } from "./rules/index.js";
import { WORKLOAD_FIELD_DOCS } from "./field-docs.js";
import { workloadChecks } from "./checks.js";
import { planNetworkPolicies } from "./network.js";
import {
  networkPolicyStackSchema,
  priorityClassesStackSchema,
  type NetworkPolicyStackSettings,
  type PriorityClassesStackSettings,
} from "./settings.js";
import type { NetworkPolicy } from "kubernetes-types/networking/v1";
import { dependenciesSchema, workloadSchema, type DependencyInput, type WorkloadInput } from "./schema.js";

declare module "../../core/spec/service.js" {
  interface SpecSections {
    /** Container, probes, shutdown, scaling. */
    readonly workload: WorkloadInput;
    /** Services and endpoints this service calls. */
    readonly dependencies?: readonly DependencyInput[];
  }
  interface ResolvedSections {
    /** Workload settings with defaults applied. */
    readonly workload: ResolvedWorkload;
    /** Declared dependencies. */
    readonly dependencies: readonly DependencyInput[];
  }
}

declare module "../../core/plan/types.js" {
  interface ServiceAnalysis {
    /** Replicas, disruption allowance and probe windows. */
    readonly workload: WorkloadSummary;
  }
}

declare module "../../core/stack/config.js" {
  interface StackSections {
    /** `reliability:networkPolicy`: the ingress and monitoring namespaces every service's NetworkPolicy admits. */
    readonly networkPolicy?: NetworkPolicyStackSettings;
    /** `reliability:priorityClasses`: the PriorityClass of each tier's pods. */
    readonly priorityClasses?: PriorityClassesStackSettings;
  }
}

declare module "../../core/tokens.js" {
  interface KubeObjects {
    "kubernetes:networking.k8s.io/v1:NetworkPolicy": NetworkPolicy;
  }
}

/** The workload domain module. */
export const workload: DomainModule = {
  name: "workload",
  sections: {
    workload: workloadSchema,
    dependencies: dependenciesSchema,
  },
  fieldDocs: WORKLOAD_FIELD_DOCS,
  resolve: resolveWorkloadSections,
  checks: workloadChecks,
  plan: workloadPlanner,
  planStack: planNetworkPolicies,
  rules: WORKLOAD_RULES,
  stackSettings: {
    networkPolicy: networkPolicyStackSchema.optional(),
    priorityClasses: priorityClassesStackSchema.optional(),
  },
};
