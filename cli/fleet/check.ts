/**
 * `reliability check` over a whole fleet: the fleet is loaded on several threads
 * ({@link loadFleet}), each thread plans and checks its share ({@link checkShare}) and the main
 * thread runs the stack-wide rules on what the shares send, joining every violation in the order
 * one thread finds them: rule by rule, each rule's in file order. The report is the same whatever
 * the number of threads.
 */

import type { Plan, PlannedResource } from "../../components/core/plan/types.js";
import type { ServiceSubject, StackRule, Violation } from "../../components/core/policy/types.js";
import type { ResolvedService, SourceMap } from "../../components/core/spec/service.js";
import { specFacts } from "../../components/domains/workload/facts.js";
import { planProviders, planShared } from "../../components/plan/index.js";
import { locateViolations } from "../../policies/locate.js";
import { RULES } from "../../policies/registry.js";
import { checkSubjects, serviceSubjectOf, subjectOf } from "../../policies/run.js";
import type { Progress } from "../progress.js";
import { CACHE_FORMAT, type CheckCache, checkEntry, readCachedCheck, writeRecord } from "./cache.js";
import {
  byPolicy,
  type CheckedService,
  type CheckedShare,
  checkShare,
  ruleOptions,
  SHARE_RULES,
  STACK_RULES,
} from "./check-share.js";
import { readCheckResult, writeCheckResult } from "./result.js";
import { throwShareIssues } from "./chunk.js";
import { type CacheInput, fingerprint, knownServices, recall, type Recalled, sharesOf } from "./recall.js";
import { untilAborted } from "../signals.js";
import {
  type FleetFiles,
  type KnownServices,
  loadFleet,
  mainShare,
  type ShareWorker,
  sourcesOf,
  workerStackShares,
} from "./threads.js";

/** A checked fleet: the plan the report reads (services without their resources) and every located violation. */
export interface CheckedFleet {
  /** The stack's plan as the report reads it: each service's analysis and only the resources the report reads. */
  readonly plan: Plan;
  /** Every violation, rule by rule, located in the spec files. */
  readonly violations: readonly Violation[];
  /** The services checked, in file order; the others' results came from the check cache. */
  readonly checked: readonly string[];
  /** Why the check cache could not be written, when it could not. */
  readonly cacheProblem?: string;
}

/**
 * Plans and checks the fleet at `now` on as many threads as it is worth. With a check cache, a
 * service whose spec, share of the stack, stack config and build are unchanged, checked at the
 * same `now`, is neither loaded nor checked again.
 * @throws SpecError naming every problem in every file; Interrupted when `signal` aborts.
 */
export async function checkFleet(
  run: CacheInput,
  now: Date,
  signal: AbortSignal,
  progress?: Progress,
): Promise<CheckedFleet> {
  const keys = fingerprint(run);
  const header = { stack: keys.stack, fleet: keys.fleet, from: now.toISOString() };
  const result = run.cache && readCheckResult(run.cache, header);
  if (result) return { plan: result.plan, violations: result.violations, checked: [] };
  const recalled = recall<CheckCache>(run, keys);
  const workers: ShareWorker[] = [];
  try {
    const checked = await checkServices(run, recalled, now, { signal, workers, progress });
    const checkedFleet = fleetReport(run, checked, now);
    const cacheProblem =
      run.cache &&
      ((checked.fresh.every((f) => !f) && recalled.record?.fleet === recalled.fleet
        ? undefined
        : rememberChecks(run, recalled, checked, now)) ??
        writeCheckResult(run.cache, { format: CACHE_FORMAT, tool: run.cache.tool, ...header, ...checkedFleet }));
    const names = checked.all.filter((_, i) => checked.fresh[i]).map((s) => s.name);
    return { ...checkedFleet, checked: names, ...(cacheProblem ? { cacheProblem } : {}) };
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}

/** Every service of the fleet checked, or taken from the cache, in file order. */
interface CheckedServices {
  /** The services, in file order. */
  readonly all: readonly ResolvedService[];
  /** Each one's check, in the same order. */
  readonly ordered: readonly CheckedService[];
  /** Whether each one was checked in this run (else reused), in the same order. */
  readonly fresh: readonly boolean[];
  /** Each one's share key, by spec file. */
  readonly shares: ReadonlyMap<string, string>;
  /** Where the main thread's own services' fields are written. */
  readonly sources: SourceMap;
}

/** Loads the fleet and checks every service the cache cannot give, on as many threads as it is worth. */
async function checkServices(
  run: CacheInput,
  recalled: Recalled<CheckCache>,
  now: Date,
  thread: { readonly signal: AbortSignal; readonly workers: ShareWorker[]; readonly progress: Progress | undefined },
): Promise<CheckedServices> {
  const known = knownServices(run, recalled);
  const fleet = await loadFleet(run, thread.signal, thread.workers, thread.progress, known);
  const shares = sharesOf(run, recalled, known, fleet.all);
  const reused = reusedChecks(run, recalled, known, shares, now);
  const files = new Map(fleet.all.map((s) => [s.name, s.file]));
  const parts: CheckedService[] = [];
  const pending = thread.workers.map((w, i) =>
    w.send<CheckedShare>(
      { kind: "check", now: now.toISOString(), files, shares: workerStackShares(fleet, run.stack, i) },
      (services) => parts.push(...services),
    ),
  );
  const { sources } = fleet.own.share;
  const all = Promise.all(pending);
  all.catch(() => undefined); // raised by the await below; until then not an unhandled rejection
  const own = mainShare(fleet, run.stack, known, reused);
  const checked = [
    await checkShare(run.stack, files, own, now, { progress: fleet.progress(0), signal: thread.signal }),
    ...(await untilAborted(all, thread.signal)),
  ];
  throwShareIssues(checked);
  const byName = new Map([...parts, ...checked.flatMap((c) => c.services)].map((s) => [s.report.service, s] as const));
  return {
    all: fleet.all,
    ordered: fleet.all.map((s) => reused.get(s.file) ?? byName.get(s.name)!),
    fresh: fleet.all.map((s) => !reused.has(s.file)),
    shares,
    sources,
  };
}

/** The report's plan and every violation, the stack-wide rules and the shared resources' run on what the services give. */
function fleetReport(run: CacheInput, checked: CheckedServices, now: Date): Pick<CheckedFleet, "plan" | "violations"> {
  const shared = planShared(checked.all, run.stack);
  const found = joinViolations(checked.ordered, {
    stack: stackViolations(run, checked.all, checked.ordered, now),
    shared: sharedViolations(run, shared?.resources ?? [], now),
  });
  const plan = {
    stack: run.stack.stack,
    environment: run.stack.environment,
    providers: planProviders(run.stack, []),
    services: checked.ordered.map((c) => c.report),
    ...(shared ? { shared } : {}),
  };
  return { plan, violations: locateRest(run, found, checked.sources) };
}

/** The services whose check the store holds for the same spec, share of the stack and `now`, by spec file. */
function reusedChecks(
  run: CacheInput,
  recalled: Recalled<CheckCache>,
  known: KnownServices,
  shares: ReadonlyMap<string, string>,
  now: Date,
): ReadonlyMap<string, CheckedService> {
  const record = recalled.record;
  if (!record || !run.cache || record.from !== now.toISOString()) return new Map();
  const reused = new Map<string, CheckedService>();
  for (const entry of record.services) {
    if (!known.services.has(entry.file) || shares.get(entry.file) !== entry.share) continue;
    const checked = readCachedCheck(run.cache, record, entry);
    if (checked) reused.set(entry.file, checked);
  }
  return reused;
}

/** Writes the record of this check; why it could not be written, or undefined. */
function rememberChecks(
  run: CacheInput,
  recalled: Recalled<CheckCache>,
  done: CheckedServices,
  now: Date,
): string | undefined {
  if (!run.cache) return undefined;
  const from = now.toISOString();
  const services = done.all.map((s) => ({
    file: s.file,
    key: recalled.keys.get(s.file) ?? "",
    share: done.shares.get(s.file) ?? "",
  }));
  const record: CheckCache = {
    format: CACHE_FORMAT,
    tool: run.cache.tool,
    stack: recalled.stack,
    fleet: recalled.fleet,
    from,
    services,
  };
  const checks = new Map(services.map((entry, i) => [checkEntry(entry, from), done.ordered[i]]));
  return writeRecord(run.cache, record, done.all, checks);
}

/** The stack-wide rules' violations, each rule run on what it reads of every service, by rule name. */
function stackViolations(
  run: FleetFiles,
  all: readonly ResolvedService[],
  ordered: readonly CheckedService[],
  now: Date,
): ReadonlyMap<string, readonly Violation[]> {
  const files = new Map(all.map((s) => [s.name, s.file]));
  const facts = new Map(all.map((s) => [s.name, specFacts(s)]));
  const options = ruleOptions(run.stack, now);
  return new Map(
    STACK_RULES.map((rule: StackRule) => {
      const subjects = ordered.map(({ report, reads }): ServiceSubject => ({
        ...serviceSubjectOf(run.stack, report, facts.get(report.service)),
        resources: reads[rule.name] ?? [],
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
 * Every violation in rule order, each rule's in file order then on the shared resources: what
 * one thread finds.
 */
function joinViolations(
  ordered: readonly CheckedService[],
  found: {
    readonly stack: ReadonlyMap<string, readonly Violation[]>;
    readonly shared: Readonly<Record<string, readonly Violation[]>>;
  },
): Violation[] {
  return RULES.flatMap(
    (rule) =>
      found.stack.get(rule.name) ?? [
        ...ordered.flatMap((c) => c.violations[rule.name] ?? []),
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
