import type { DomainModule } from "../../core/module.js";
import { chaosChecks } from "./checks.js";
import { chaosPlanner } from "./plan.js";
import { CHAOS_RULES } from "./rules.js";
import { chaosSchema, type ChaosInput } from "./schema.js";
import type { ChaosAnalysis } from "./types.js";

/**
 * The chaos domain: Chaos Mesh experiments wrapped in Schedules and Workflows, scheduled in a time
 * zone, kept out of blackout windows and aborted when the service burns budget.
 */

declare module "../../core/spec/service.js" {
  interface SpecSections {
    /** Experiments, time zone, allowed hours and blackouts. */
    readonly chaos?: ChaosInput;
  }
  interface ResolvedSections {
    /** Chaos section as written (planned by the chaos planner). */
    readonly chaos?: ChaosInput;
  }
}

declare module "../../core/plan/types.js" {
  interface ServiceAnalysis {
    /** The Schedules planned, their windows and hypotheses. */
    readonly chaos?: ChaosAnalysis;
  }
}

/** The chaos domain module. */
export const chaos: DomainModule = {
  name: "chaos",
  sections: { chaos: chaosSchema.optional() },
  resolve: (input) => (input.spec.chaos === undefined ? {} : { chaos: input.spec.chaos }),
  checks: chaosChecks,
  plan: chaosPlanner,
  rules: CHAOS_RULES,
};
