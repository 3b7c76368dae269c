/**
 * `reliability plan` over a whole fleet: the spec files are split into contiguous shares, one
 * on the main thread and the others in worker threads. Each thread loads and validates its share
 * and sends back the resolved services; the main thread checks names and calls across the fleet,
 * then sends every thread the stack's other services, and each plans its share with the whole
 * stack in view, writing each service's files and its part of `plan.json` into one staging folder
 * as it goes. The main thread joins the parts into `plan.json` and swaps the folder in. Output is
 * the same whatever the number of threads.
 */

import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { parseSource } from "../../components/core/spec/positions.js";
import { type Diagnostic, SpecError } from "../../components/core/spec/errors.js";
import type { ResolvedService, SourceMap } from "../../components/core/spec/service.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import { stackIssues } from "../../components/domains/index.js";
import { planProviders, planShared } from "../../components/plan/index.js";
import type { SharedPlan } from "../../components/core/plan/types.js";
import { commitStaging, discardStaging, openStaging, writeStagedFiles } from "../../components/render/files.js";
import { planJsonFrame, sharedFiles } from "../../components/render/index.js";
import { duplicateNames } from "../../components/spec/duplicates.js";
import { fleetIssues, loadEach, readSpecTexts } from "../../components/spec/load.js";
import { CLI_DEFAULTS } from "../defaults.js";
import type { Progress } from "../progress.js";
import type { SummaryPlan } from "../commands/summary.js";
import type { MainMessage, WorkerMessage } from "../worker.js";
import {
  type ChunkProgress,
  type LoadedShare,
  loadShare,
  type PlannedShare,
  planPart,
  planShare,
  type ShareInput,
} from "./chunk.js";

/** A fleet to plan and where to write it. */
export interface FleetRun {
  /** The stack. */
  readonly stack: StackConfig;
  /** Spec files relative to `cwd`, sorted. */
  readonly files: readonly string[];
  /** Working directory. */
  readonly cwd: string;
  /** Project root, or false. */
  readonly root: string | false;
  /** The output folder (replaced whole). */
  readonly outDir: string;
  /** Threads to plan on, the main one included; undefined: as many as the fleet and the machine make worth it. */
  readonly jobs?: number;
}

/** What was written. */
export interface FleetOutput {
  /** What the summary reads. */
  readonly summary: SummaryPlan;
  /** Reads the text of `plan.json` back (it is written to the staging folder, then moved into the output folder). */
  readonly planJson: () => string;
  /** Files written, `plan.json` included. */
  readonly written: number;
}

/** The bundled worker beside the bundled CLI; running from the TypeScript sources, none (one thread). */
function workerScript(): string | undefined {
  return __filename.endsWith(".cjs") ? join(__dirname, "worker.cjs") : undefined;
}

/** How many threads plan `count` services. */
export function threadsFor(count: number, jobs: number | undefined, canFork: boolean): number {
  if (!canFork) return 1;
  const wanted = jobs ?? Math.min(availableParallelism(), Math.floor(count / CLI_DEFAULTS.servicesPerThread));
  return Math.max(1, Math.min(wanted, count));
}

/** Splits `files` into `n` contiguous shares of nearly equal size. */
export function shares<T>(files: readonly T[], n: number): T[][] {
  return Array.from({ length: n }, (_, i) =>
    files.slice(Math.floor((i * files.length) / n), Math.floor(((i + 1) * files.length) / n)),
  );
}

/**
 * Plans the fleet and writes the output folder atomically: on bad input, an interrupt or an error
 * the staging folder is removed and the previous output kept.
 * @throws SpecError naming every problem in every file; Interrupted when `signal` aborts.
 */
export async function planFleet(run: FleetRun, signal: AbortSignal, progress?: Progress): Promise<FleetOutput> {
  const script = workerScript();
  const threads = threadsFor(run.files.length, run.jobs, script !== undefined);
  const staging = openStaging(run.outDir);
  const workers: ShareWorker[] = [];
  try {
    const tracker = progressTracker(run.files.length, threads, progress);
    const inputs = shares(run.files, threads).map((files, index): ShareInput => ({
      files,
      index,
      stack: run.stack,
      cwd: run.cwd,
      root: run.root,
      staging: staging.path,
    }));
    const [first = { ...run, files: [], index: 0, staging: staging.path }, ...others] = inputs;
    workers.push(...others.map((input, i) => startWorker(script ?? "", input, tracker(i + 1))));
    const own = loadShare(first, tracker(0));
    const loaded = [own, ...(await Promise.all(workers.map((w) => w.loaded)))];
    signal.throwIfAborted();
    const all = checkFleet(run, loaded);
    const shared = planShared(all, run.stack);
    const sharedWritten = shared ? sharedFiles(run.stack.stack, shared) : [];
    writeStagedFiles(staging.path, sharedWritten);
    let at = own.services.length;
    const pending = workers.map((w, i) => {
      const count = loaded[i + 1]?.services.length ?? 0;
      at += count;
      return w.plan(all.slice(0, at - count), all.slice(at));
    });
    const planned = [planShare(first, all, own.services, tracker(0)), ...(await Promise.all(pending))];
    signal.throwIfAborted();
    const output = writePlanJson(run, staging.path, planned, { plan: shared, files: sharedWritten.length });
    await new Promise((resolve) => setImmediate(resolve));
    signal.throwIfAborted();
    commitStaging(run.outDir, staging);
    return output;
  } catch (error) {
    await Promise.all(workers.map((w) => w.worker.terminate()));
    discardStaging(staging);
    throw error;
  }
}

/** A worker thread planning one share: its loaded share, then, once sent the stack's other services, its planned share. */
interface ShareWorker {
  readonly worker: Worker;
  readonly loaded: Promise<LoadedShare>;
  readonly plan: (before: readonly ResolvedService[], after: readonly ResolvedService[]) => Promise<PlannedShare>;
}

/** Starts a worker on one share, forwarding its progress. */
function startWorker(script: string, input: ShareInput, onProgress?: ChunkProgress): ShareWorker {
  const worker = new Worker(script, { workerData: input });
  let onLoaded: (share: LoadedShare) => void = () => undefined;
  let onPlanned: (share: PlannedShare) => void = () => undefined;
  let onFailed: (error: Error) => void = () => undefined;
  const loaded = new Promise<LoadedShare>((resolve, reject) => {
    onLoaded = resolve;
    onFailed = reject;
  });
  worker.on("message", (message: WorkerMessage) => {
    if (message.kind === "loaded") onLoaded(message.result);
    else if (message.kind === "planned") onPlanned(message.result);
    else onProgress?.(message.stage, message.done, message.total);
  });
  worker.on("error", (error) => onFailed(error));
  worker.on("exit", (code) => onFailed(new Error(`a planning worker stopped (exit code ${code}) before finishing`)));
  const post = (message: MainMessage) => worker.postMessage(message);
  return {
    worker,
    loaded,
    plan: (before, after) =>
      new Promise<PlannedShare>((resolve, reject) => {
        onPlanned = resolve;
        onFailed = reject;
        post({ kind: "plan", before, after });
      }),
  };
}

/**
 * Every service of the run in file order, once no share has a problem, no name is used twice and
 * no call between services breaks a rule.
 * @throws SpecError naming every problem, in file order.
 */
function checkFleet(run: FleetRun, loaded: readonly LoadedShare[]): readonly ResolvedService[] {
  const names = loaded.flatMap((r) => r.names);
  const duplicates = duplicateNames(
    names.map(({ name, file }) => ({ name, file, nameAt: () => nameAt(run.cwd, file) })),
  );
  const problems = [...loaded.flatMap((r) => r.unreadable), ...loaded.flatMap((r) => r.diagnostics), ...duplicates];
  if (problems.length > 0) throw new SpecError(problems);
  const all = loaded.flatMap((r) => r.services);
  if (stackIssues(all, run.stack).length > 0) throw new SpecError(acrossFleet(run));
  return all;
}

/** Problems across services at their positions in both files: the fleet is read again, with positions (only when there are some). */
function acrossFleet(run: FleetRun): readonly Diagnostic[] {
  const { texts } = readSpecTexts(run.files, run.cwd, run.root);
  const { loaded } = loadEach(texts, run.stack);
  const sources: SourceMap = new Map(loaded.map((l) => [l.service.name, l.source]));
  return fleetIssues(loaded, run.stack, sources);
}

/** Writes `plan.json` from each share's part, in order, with what the stack shares, and removes the parts; what the summary reads. */
function writePlanJson(
  run: FleetRun,
  staging: string,
  planned: readonly PlannedShare[],
  own: { readonly plan: SharedPlan | undefined; readonly files: number },
): FleetOutput {
  const shared = own.plan;
  const services = planned.flatMap((p) => p.services);
  const providers = planProviders(run.stack, [...services.flatMap((s) => s.resources), ...(shared?.resources ?? [])]);
  const head = { stack: run.stack.stack, environment: run.stack.environment, providers, ...(shared ? { shared } : {}) };
  const { open, close } = planJsonFrame(head);
  const path = join(staging, "plan.json");
  const fd = openSync(path, "w");
  try {
    writeSync(fd, open);
    let first = true;
    for (const [index, share] of planned.entries()) {
      const part = planPart(staging, index);
      if (share.services.length > 0) {
        if (!first) writeSync(fd, ",");
        writeSync(fd, readFileSync(part));
        first = false;
      }
      rmSync(part);
    }
    writeSync(fd, close);
  } finally {
    closeSync(fd);
  }
  return {
    summary: { stack: head.stack, environment: head.environment, services },
    planJson: () => readFileSync(join(run.outDir, "plan.json"), "utf8"),
    written: planned.reduce((n, p) => n + p.written, 1 + own.files),
  };
}

/** Where `metadata.name` is written in a spec file (read again: only a duplicate name needs it). */
function nameAt(cwd: string, file: string) {
  return parseSource(file, readFileSync(join(cwd, file), "utf8")).locate(["metadata", "name"], "value");
}

/** Sums the progress of every share into one line: planning over all files, then writing. */
function progressTracker(files: number, threads: number, progress?: Progress) {
  const planned = new Array<number>(threads).fill(0);
  const written = new Array<number>(threads).fill(0);
  const toWrite = new Array<number>(threads).fill(0);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return (share: number): ChunkProgress | undefined =>
    progress &&
    ((stage, done, total) => {
      if (stage === "planning services") planned[share] = done;
      else [written[share], toWrite[share]] = [done, total];
      const planning = sum(planned) < files;
      if (planning) progress.update("planning services", sum(planned), files);
      else progress.update("writing files", sum(written), sum(toWrite));
    });
}
