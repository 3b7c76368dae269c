/**
 * The chaos domain: Chaos Mesh experiments wrapped in Schedules and Workflows, scheduled in a time
 * zone, kept out of blackout windows and aborted when the service burns budget. Its schema,
 * resolution, checks, planner and rules are built from a registry of actions.
 */

import { chaosFieldDocs } from "./field-docs.js";
import type { ConfigMap } from "kubernetes-types/core/v1";
import type { DomainModule } from "../../core/module.js";
import type { ActionRegistry } from "./actions/action.js";
import { CHAOS_ACTIONS } from "./actions/index.js";
import { chaosChecks } from "./checks.js";
import { chaosPlanner } from "./plan.js";
import { chaosResolver } from "./resolve.js";
import type { ResolvedChaos } from "./resolved.js";
import { chaosRules } from "./rules.js";
import { CHAOS_CADENCE_RULES } from "./rules-cadence.js";
import { chaosSchema, type ChaosInput } from "./schema.js";
import type { ChaosAnalysis } from "./types.js";

declare module "../../core/spec/service.js" {
  interface SpecSections {
    /** Experiments, time zone, allowed hours and blackouts. */
    readonly chaos?: ChaosInput;
  }
  interface ResolvedSections {
    /** Chaos section with its defaults applied (planned by the chaos planner). */
    readonly chaos: ResolvedChaos;
  }
}

declare module "../../core/tokens.js" {
  interface KubeObjects {
    "kubernetes:core/v1:ConfigMap": ConfigMap;
  }
}

declare module "../../core/plan/types.js" {
  interface ServiceAnalysis {
    /** The Schedules planned, their windows and hypotheses. */
    readonly chaos?: ChaosAnalysis;
  }
}

declare module "../../core/tokens.js" {
  interface KubeObjects {
    "kubernetes:core/v1:ConfigMap": ConfigMap;
  }
}

/** The chaos domain module for the actions of a registry. */
export function chaosModule(actions: ActionRegistry): DomainModule {
  return {
    name: "chaos",
    sections: { chaos: chaosSchema(actions).optional() },
    fieldDocs: chaosFieldDocs(actions),
    resolve: chaosResolver(actions),
    checks: chaosChecks(actions),
    plan: chaosPlanner(actions),
    rules: [...chaosRules(actions), ...CHAOS_CADENCE_RULES],
  };
}

/** The chaos domain module of the catalogue's actions. */
export const chaos: DomainModule = chaosModule(CHAOS_ACTIONS);
