/**
 * One share of a fleet check, run on the main thread or in a worker thread once the share is
 * loaded: each service of the share is planned with the whole stack in view and checked by every
 * rule that looks at one resource or one service at a time, then dropped. What crosses back to
 * the main thread is small: the located violations, each service with only the resources the
 * report reads, and only what each stack-wide rule reads of the resources.
 */

import type { ServicePlan } from "../../components/core/plan/types.js";
import type { StackRule, Subject, Violation } from "../../components/core/policy/types.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import { specFacts } from "../../components/domains/workload/facts.js";
import { shareOutcomes } from "../../components/plan/index.js";
import { readByReport } from "../../components/report/topology.js";
import { locateViolations } from "../../policies/locate.js";
import { RULES } from "../../policies/registry.js";
import { type CheckOptions, checkSubjects, serviceSubjectOf, timedConfig } from "../../policies/run.js";
import type { Diagnostic } from "../../components/core/spec/errors.js";
import { type ChunkProgress, outcomeIssues, type ShareServices } from "./chunk.js";
import { pauses } from "../signals.js";
import { CLI_DEFAULTS } from "../defaults.js";

/** One service checked (plain data: it crosses from a worker thread, and is kept in the check cache). */
export interface CheckedService {
  /** The service as the report reads it (only the resources it reads). */
  readonly report: ServicePlan;
  /** Violations of the per-resource and per-service rules, located where the share's sources allow, by rule name. */
  readonly violations: Readonly<Record<string, readonly Violation[]>>;
  /** What each stack-wide rule reads of the service's resources ({@link StackRule.reads}), by rule name. */
  readonly reads: Readonly<Record<string, readonly Subject[]>>;
}

/** What checking a share hands back. */
export interface CheckedShare {
  /** Each service checked, in the order given; none once one has a problem. */
  readonly services: readonly CheckedService[];
  /** Problems only planning finds, in the order given. */
  readonly issues: readonly Diagnostic[];
}

/** The rules a share runs itself, and the main thread on the resources the stack shares: all but the stack-wide ones. */
export const SHARE_RULES = RULES.filter((r) => r.scope !== "stack");
/** The stack-wide rules, which the main thread runs on what the shares send. */
export const STACK_RULES = RULES.filter((r): r is StackRule => r.scope === "stack");

/** How a share is checked besides what it checks. */
export interface CheckShareOptions {
  /** Reports how far it got. */
  readonly progress?: ChunkProgress | undefined;
  /** On the main thread: stops it between two services. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Takes the services checked so far, a few at a time, as they are checked (a worker posts them
   * at once, so neither thread holds its whole share's results); none then come back at the end.
   */
  readonly emit?: ((services: readonly CheckedService[]) => void) | undefined;
}

/**
 * Plans and checks the share's services at `now`; `files` gives the spec file of every service of
 * the stack by name, and the share's sources locate violations and problems only planning finds.
 * Once a service has such a problem no more are checked, but every one is still planned, so all
 * such problems come back (and what was emitted before is not to be used).
 * @throws the signal's reason once it aborts.
 */
export async function checkShare(
  stack: StackConfig,
  files: ReadonlyMap<string, string>,
  { mine, sharesOf, sources }: ShareServices,
  now: Date,
  { progress, signal, emit }: CheckShareOptions = {},
): Promise<CheckedShare> {
  const pause = pauses(signal);
  const facts = new Map(mine.map((s) => [s.name, specFacts(s)]));
  const options = { ...ruleOptions(stack, now), rules: SHARE_RULES };
  let services: CheckedService[] = [];
  const handOver = () => {
    emit?.(services);
    services = [];
  };
  const issues: Diagnostic[] = [];
  let done = 0;
  for (const outcome of shareOutcomes(stack, mine, sharesOf)) {
    await pause();
    issues.push(...outcomeIssues(outcome, sources));
    const plan = outcome.plan;
    if (issues.length > 0 || !plan) continue;
    const subject = serviceSubjectOf(stack, plan, facts.get(plan.service));
    const found = checkSubjects({ environment: stack.environment, services: [subject], strays: [] }, files, options);
    services.push({
      report: { ...plan, resources: plan.resources.filter(readByReport) },
      violations: byPolicy(locateViolations(found, sources)),
      reads: Object.fromEntries(STACK_RULES.map((rule) => [rule.name, readsOf(rule, subject.resources)])),
    });
    if (emit && services.length >= CLI_DEFAULTS.checkedPerMessage) handOver();
    progress?.("checking services", ++done, mine.length);
  }
  if (issues.length > 0) return { services: [], issues };
  if (emit && services.length > 0) handOver();
  return { services, issues };
}

/** What every rule of a check at `now` runs with: the range the clock-reading rules check, and the stack's levels. */
export function ruleOptions(stack: StackConfig, now: Date): Pick<CheckOptions, "config" | "policies"> {
  return { config: timedConfig(now), ...(stack.policies ? { policies: stack.policies } : {}) };
}

/** Adds `violations` to `into` by rule name, each rule's in the order given; `into`. */
export function byPolicy(
  violations: readonly Violation[],
  into: Record<string, Violation[]> = {},
): Record<string, Violation[]> {
  for (const v of violations) (into[v.policy] ??= []).push(v);
  return into;
}

/** What `rule` reads of a service's resources. */
export function readsOf(rule: StackRule, resources: readonly Subject[]): Subject[] {
  const reads = rule.reads;
  return reads ? resources.flatMap((r) => reads(r) ?? []) : [...resources];
}
