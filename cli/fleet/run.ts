/**
 * `reliability plan` over a whole fleet: the fleet is loaded on several threads ({@link loadFleet}),
 * then the main thread sends each thread what the stack-wide planners give each of its services,
 * and each plans its share, writing each service's files and its part of `plan.json` into one
 * staging folder as it goes. The main thread joins the parts into `plan.json` and swaps the folder in. Output is
 * the same whatever the number of threads. With a plan cache, services whose spec, stack config,
 * build and share of the stack are unchanged are neither loaded nor planned: their files are
 * linked from the previous output and their part of `plan.json` copied from it; the output is the
 * same as without the cache.
 */

import { closeSync, openSync, readSync, rmSync } from "node:fs";
import { join } from "node:path";
import { planProviders, planShared } from "../../components/plan/index.js";
import type { SharedPlan } from "../../components/core/plan/types.js";
import type { ResolvedService } from "../../components/core/spec/service.js";
import { commitStaging, discardStaging, openStaging, writeStagedFiles } from "../../components/render/files.js";
import { writeAll } from "../../components/render/sink.js";
import { planJsonFrame, sharedFiles } from "../../components/render/index.js";
import type { Progress } from "../progress.js";
import type { SummaryPlan } from "../commands/summary.js";
import { type PlannedService, type PlannedShare, planPart, planShare, throwShareIssues } from "./chunk.js";
import type { PlanCache } from "./cache.js";
import { knownServices, recall, type Recalled, sharesOf } from "./recall.js";
import { type CachedRun, linkOutput, remember, type Reused, reuseFiles, sameOutput, type Written } from "./reuse.js";
import { loadFleet, mainShare, type ShareWorker, workerStackShares } from "./threads.js";
import { untilAborted } from "../signals.js";

/** A fleet to plan, where to write it and where its plan cache is. */
export type FleetRun = CachedRun;

/** What was written. */
export interface FleetOutput {
  /** What the summary reads. */
  readonly summary: SummaryPlan;
  /** Where `plan.json` was written (into the staging folder, then moved with it into the output folder). */
  readonly planJson: string;
  /** Files in the output folder, `plan.json` included. */
  readonly written: number;
  /** The services planned, in file order; the others' files were reused from the previous output. */
  readonly planned: readonly string[];
  /** Why the plan cache could not be written, when it could not. */
  readonly cacheProblem?: string;
}

/**
 * Plans the fleet and writes the output folder atomically: on bad input, an interrupt or an error
 * the staging folder is removed and the previous output kept.
 * @throws SpecError naming every problem in every file; Interrupted when `signal` aborts.
 */
export async function planFleet(run: FleetRun, signal: AbortSignal, progress?: Progress): Promise<FleetOutput> {
  const recalled = recall<PlanCache>(run);
  if (recalled.record && sameOutput(run, recalled)) {
    const output = relinkFleet(run, recalled.record);
    if (output) return output;
  }
  const staging = openStaging(run.outDir);
  const workers: ShareWorker[] = [];
  const reused: { current?: Reused } = {};
  try {
    const done = await planServices(run, recalled, staging.path, { signal, workers, progress, reused });
    const joined = joinPlanJson(run, staging.path, done.parts, done.shared);
    await new Promise((resolve) => setImmediate(resolve));
    signal.throwIfAborted();
    commitStaging(run.outDir, staging);
    const sharedPaths = done.sharedFiles.map((f) => f.path);
    const cacheProblem = remember(run, recalled, done.shares, { services: joined.services, shared: sharedPaths });
    return {
      summary: joined.summary,
      planJson: join(run.outDir, "plan.json"),
      written: joined.services.reduce((n, s) => n + s.files.length, 1 + sharedPaths.length),
      planned: done.parts.all.filter((s) => !done.parts.reused.services.has(s.file)).map((s) => s.name),
      ...(cacheProblem ? { cacheProblem } : {}),
    };
  } catch (error) {
    await Promise.all(workers.map((w) => w.worker.terminate()));
    discardStaging(staging);
    throw error;
  } finally {
    if (reused.current?.planJson !== undefined) closeSync(reused.current.planJson);
  }
}

/** What the threads planned and wrote into the staging folder, and what was linked from the previous output. */
interface PlannedFleet {
  readonly parts: Parts;
  readonly shared: SharedPlan | undefined;
  readonly sharedFiles: readonly { readonly path: string }[];
  readonly shares: ReadonlyMap<string, string>;
}

/**
 * Loads the fleet, writes what the stack shares, links what the cache can give and plans every
 * other service on as many threads as it is worth; `thread.reused` receives what was linked as
 * soon as it is (the caller closes the previous `plan.json`).
 */
async function planServices(
  run: FleetRun,
  recalled: Recalled<PlanCache>,
  staging: string,
  thread: {
    readonly signal: AbortSignal;
    readonly workers: ShareWorker[];
    readonly progress: Progress | undefined;
    readonly reused: { current?: Reused };
  },
): Promise<PlannedFleet> {
  const known = knownServices(run, recalled);
  const fleet = await loadFleet(run, thread.signal, thread.workers, thread.progress, known);
  const shared = planShared(fleet.all, run.stack);
  const sharedWritten = shared ? sharedFiles(run.stack.stack, shared) : [];
  writeStagedFiles(staging, sharedWritten);
  const shares = sharesOf(run, recalled, known, fleet.all);
  const reused = (thread.reused.current = reuseFiles(run, recalled, known, shares, staging));
  const workers = Promise.all(
    thread.workers.map((w, i) =>
      w.send<PlannedShare>({ kind: "plan", staging, shares: workerStackShares(fleet, run.stack, i) }),
    ),
  );
  workers.catch(() => undefined); // raised by the await below; until then not an unhandled rejection
  const own = await planShare(
    fleet.own.input,
    staging,
    mainShare(fleet, run.stack, known, reused.services),
    fleet.progress(0),
    thread.signal,
  );
  const planned = [own, ...(await untilAborted(workers, thread.signal))];
  throwShareIssues(planned);
  return { parts: { all: fleet.all, planned, reused }, shared, sharedFiles: sharedWritten, shares };
}

/**
 * The output of a run whose specs, stack config and build are those of the previous run, whose
 * output is untouched: every file linked from it, in a new folder swapped in as always. Undefined
 * when a file could not be linked (the run then plans as usual).
 */
function relinkFleet(run: FleetRun, record: PlanCache): FleetOutput | undefined {
  const staging = openStaging(run.outDir);
  if (!linkOutput(run, record, staging.path)) {
    discardStaging(staging);
    return undefined;
  }
  commitStaging(run.outDir, staging);
  const services = record.services.map((s) => s.summary);
  return {
    summary: { stack: run.stack.stack, environment: run.stack.environment, services },
    planJson: join(run.outDir, "plan.json"),
    written: record.services.reduce((n, s) => n + s.files.length, 1 + record.shared.length),
    planned: [],
  };
}

/** Every service of the run, where each was planned or reused from. */
interface Parts {
  readonly all: readonly ResolvedService[];
  readonly planned: readonly PlannedShare[];
  readonly reused: Reused;
}

/**
 * Writes `plan.json` in file order from each service's part, planned (in a share's part file) or
 * reused (in the previous `plan.json`), with what the stack shares; removes the part files.
 */
function joinPlanJson(
  run: FleetRun,
  staging: string,
  parts: Parts,
  shared: SharedPlan | undefined,
): { readonly summary: SummaryPlan; readonly services: readonly Written[] } {
  const where = new Map<string, { readonly from: number; readonly planned: PlannedService }>();
  const fds = parts.planned.map((_, index) => openSync(planPart(staging, index), "r"));
  const previous = parts.reused.planJson ?? -1;
  parts.planned.forEach((p, index) =>
    p.services.forEach((s) => where.set(s.summary.service, { from: fds[index]!, planned: s })),
  );
  const summaries = parts.all.map(
    (s) => parts.reused.services.get(s.file)?.summary ?? where.get(s.name)!.planned.summary,
  );
  const providers = planProviders(run.stack, [...summaries.flatMap((s) => s.resources), ...(shared?.resources ?? [])]);
  const head = { stack: run.stack.stack, environment: run.stack.environment, providers, ...(shared ? { shared } : {}) };
  const { open, close } = planJsonFrame(head);
  const out = openSync(join(staging, "plan.json"), "w");
  const buffer = Buffer.allocUnsafe(1 << 20);
  const services: Written[] = [];
  try {
    let offset = writeAll(out, Buffer.from(open));
    for (const [i, service] of parts.all.entries()) {
      if (i > 0) offset += writeAll(out, Buffer.from(","));
      const reused = parts.reused.services.get(service.file);
      const planned = where.get(service.name);
      const length = reused
        ? copyRange(previous, reused.part, out, buffer)
        : copyRange(planned!.from, planned!.planned.part, out, buffer);
      const files = reused ? reused.files.map((f) => f.path) : planned!.planned.files;
      services.push({ service, summary: summaries[i]!, files, part: [offset, length], ...(reused ? { reused } : {}) });
      offset += length;
    }
    writeAll(out, Buffer.from(close));
  } finally {
    for (const fd of [out, ...fds]) closeSync(fd);
    parts.planned.forEach((_, index) => rmSync(planPart(staging, index), { force: true }));
  }
  return { summary: { stack: head.stack, environment: head.environment, services: summaries }, services };
}

/** Copies `length` bytes at `offset` of one file to the current position of another; the length. */
function copyRange(from: number, [offset, length]: readonly [number, number], to: number, buffer: Buffer): number {
  for (let done = 0; done < length;) {
    const read = readSync(from, buffer, 0, Math.min(buffer.length, length - done), offset + done);
    if (read === 0) throw new Error(`plan.json part ended early, ${done} of ${length} bytes read`);
    writeAll(to, buffer.subarray(0, read));
    done += read;
  }
  return length;
}
