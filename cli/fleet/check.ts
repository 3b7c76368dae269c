/**
 * `reliability check` over a whole fleet: the fleet is loaded on several threads
 * ({@link loadFleet}), each thread plans and checks its share ({@link checkShare}) and the main
 * thread runs the stack-wide rules on what the shares send, joining every violation in the order
 * one thread finds them: rule by rule, each rule's in file order. The report is the same whatever
 * the number of threads.
 */

import type { Plan, PlannedResource, ServicePlan } from "../../components/core/plan/types.js";
import type { ServiceSubject, StackRule, Violation } from "../../components/core/policy/types.js";
import type { ResolvedService, SourceMap } from "../../components/core/spec/service.js";
import { specFacts } from "../../components/domains/workload/facts.js";
import { planProviders, planShared } from "../../components/plan/index.js";
import { locateViolations } from "../../policies/locate.js";
import { RULES } from "../../policies/registry.js";
import { checkSubjects, serviceSubjectOf, subjectOf } from "../../policies/run.js";
import type { Progress } from "../progress.js";
import { byPolicy, type CheckedShare, checkShare, ruleOptions, SHARE_RULES, STACK_RULES } from "./check-share.js";
import { type FleetFiles, loadFleet, type ShareWorker, sourcesOf } from "./threads.js";

/** A checked fleet: the plan the report reads (services without their resources) and every located violation. */
export interface CheckedFleet {
  /** The stack's plan as the report reads it: each service's analysis and only the resources the report reads. */
  readonly plan: Plan;
  /** Every violation, rule by rule, located in the spec files. */
  readonly violations: readonly Violation[];
}

/**
 * Plans and checks the fleet at `now` on as many threads as it is worth.
 * @throws SpecError naming every problem in every file; Interrupted when `signal` aborts.
 */
export async function checkFleet(
  run: FleetFiles,
  now: Date,
  signal: AbortSignal,
  progress?: Progress,
): Promise<CheckedFleet> {
  const workers: ShareWorker[] = [];
  try {
    const fleet = await loadFleet(run, signal, workers, progress);
    const pending = workers.map((w, i) =>
      w.send<CheckedShare>({ kind: "check", now: now.toISOString(), ...fleet.others[i]! }),
    );
    const { share } = fleet.own;
    const own = checkShare(run.stack, fleet.all, share.services, share.sources, now, fleet.progress(0));
    const checked = [own, ...(await Promise.all(pending))];
    signal.throwIfAborted();
    const services = checked.flatMap((c) => c.services);
    const shared = planShared(fleet.all, run.stack);
    const found = joinViolations(checked, {
      stack: stackViolations(run, fleet.all, services, checked, now),
      shared: sharedViolations(run, shared?.resources ?? [], now),
    });
    const violations = locateRest(run, found, share.sources);
    const plan = {
      stack: run.stack.stack,
      environment: run.stack.environment,
      services,
      ...(shared ? { shared } : {}),
    };
    return { plan: { ...plan, providers: planProviders(run.stack, []) }, violations };
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}

/** The stack-wide rules' violations, each rule run on what it reads of every service, by rule name. */
function stackViolations(
  run: FleetFiles,
  all: readonly ResolvedService[],
  services: readonly ServicePlan[],
  checked: readonly CheckedShare[],
  now: Date,
): ReadonlyMap<string, readonly Violation[]> {
  const files = new Map(services.map((s) => [s.service, s.file]));
  const facts = new Map(all.map((s) => [s.name, specFacts(s)]));
  const options = ruleOptions(run.stack, now);
  return new Map(
    STACK_RULES.map((rule: StackRule) => {
      const reads = checked.flatMap((c) => c.reads[rule.name] ?? []);
      const subjects = services.map((s, i): ServiceSubject => ({
        ...serviceSubjectOf(run.stack, s, facts.get(s.service)),
        resources: reads[i] ?? [],
      }));
      const stack = { environment: run.stack.environment, services: subjects, strays: [] };
      return [rule.name, checkSubjects(stack, files, { ...options, rules: [rule] })];
    }),
  );
}

/** The per-resource rules' violations on the resources the stack shares (the incident bridge), by rule name. */
function sharedViolations(
  run: FleetFiles,
  resources: readonly PlannedResource[],
  now: Date,
): Readonly<Record<string, readonly Violation[]>> {
  const stack = { environment: run.stack.environment, services: [], strays: [] };
  const options = { ...ruleOptions(run.stack, now), rules: SHARE_RULES };
  return byPolicy(checkSubjects(stack, new Map(), options, resources.map(subjectOf)));
}

/**
 * Every violation in rule order, each rule's in share order then on the shared resources: what
 * one thread finds.
 */
function joinViolations(
  checked: readonly CheckedShare[],
  found: {
    readonly stack: ReadonlyMap<string, readonly Violation[]>;
    readonly shared: Readonly<Record<string, readonly Violation[]>>;
  },
): Violation[] {
  return RULES.flatMap(
    (rule) =>
      found.stack.get(rule.name) ?? [
        ...checked.flatMap((c) => c.violations[rule.name] ?? []),
        ...(found.shared[rule.name] ?? []),
      ],
  );
}

/**
 * Locates what the shares could not: the stack-wide rules' violations and fields in another
 * share's service. Only those services' files are read again.
 */
function locateRest(run: FleetFiles, violations: readonly Violation[], own: SourceMap): Violation[] {
  const fields = (v: Violation) => [v, ...(v.related ?? [])];
  const unlocated = (f: { readonly service: string; readonly line?: number }) =>
    f.service !== "" && f.line === undefined;
  const pending = violations.filter((v) => fields(v).some(unlocated));
  if (pending.length === 0) return [...violations];
  const files = new Set(
    pending.flatMap(fields).flatMap((f) => (unlocated(f) && !own.has(f.service) && f.file !== "" ? [f.file] : [])),
  );
  const sources: SourceMap = new Map([...own, ...sourcesOf(run, [...files])]);
  return violations.map((v) => (fields(v).some(unlocated) ? (locateViolations([v], sources)[0] ?? v) : v));
}
