/**
 * A stack loaded and checked across its services as `plan` loads it, whose services are planned one
 * at a time when asked for: `diff` compares a base and a change this way without holding either
 * plan whole (at 10,000 services a plan is gigabytes of objects).
 */

import type { ServicePlan, SharedPlan } from "../components/core/plan/types.js";
import { type Diagnostic, SpecError } from "../components/core/spec/errors.js";
import type { StackConfig } from "../components/core/stack/config.js";
import { planShared, servicePlanOf, shareOutcomes, stackShareOf } from "../components/plan/index.js";
import { expandServices } from "../components/pipeline.js";
import { outcomeIssues } from "./fleet/chunk.js";
import { loadFleet } from "./fleet/threads.js";

/** A stack whose services are planned when asked for. */
export interface LazyStack {
  /** The stack config. */
  readonly stack: StackConfig;
  /** Every service's name, in file order. */
  readonly names: readonly string[];
  /**
   * One service's plan, its domain plans dropped once it is made. A service in which planning
   * finds a problem gets a plan without resources; {@link LazyStack.finish} throws the problems.
   */
  readonly plan: (name: string) => ServicePlan;
  /** What the stack shares. */
  readonly shared: SharedPlan | undefined;
  /**
   * Once every service wanted was planned.
   * @throws SpecError naming the problems planning found, where the specs show them.
   */
  readonly finish: () => void;
}

/**
 * Loads the services of `glob` under `cwd` for `stack` on this thread and checks them across the
 * stack, as `plan` does.
 * @throws SpecError naming every problem loading finds.
 */
export async function loadLazily(
  stack: StackConfig,
  glob: string,
  cwd: string,
  root: string | false,
): Promise<LazyStack> {
  const files = expandServices(glob, cwd);
  const fleet = await loadFleet({ stack, files, cwd, root, jobs: 1 }, new AbortController().signal, []);
  const byName = new Map(fleet.all.map((s) => [s.name, s] as const));
  const sources = fleet.own.share.sources;
  const issues: Diagnostic[] = [];
  return {
    stack,
    names: fleet.all.map((s) => s.name),
    plan: (name) => {
      const service = byName.get(name);
      if (!service) throw new Error(`no service ${name} in this stack`);
      const sharesOf = () => stackShareOf(fleet.all, stack, name);
      for (const outcome of shareOutcomes(stack, [service], sharesOf)) {
        issues.push(...outcomeIssues(outcome, sources));
        if (outcome.plan) return outcome.plan;
      }
      return servicePlanOf(service, [], {} as ServicePlan["analysis"]); // not used: finish() throws
    },
    shared: planShared(fleet.all, stack),
    finish: () => {
      if (issues.length > 0) throw new SpecError(issues);
    },
  };
}
