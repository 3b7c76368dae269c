/**
 * `reliability plan` over a whole fleet: the spec files are split into contiguous shares, one
 * planned on the main thread and the others in worker threads (planning is pure, so shares are
 * independent), each writing its files into one staging folder; the main thread then checks names
 * across shares, writes `plan.json` from the services' texts in file order and swaps the folder in.
 * Output is the same whatever the number of threads.
 */

import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { parseSource } from "../../components/core/spec/positions.js";
import { SpecError } from "../../components/core/spec/errors.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import { planProviders } from "../../components/plan/index.js";
import { commitStaging, discardStaging, openStaging, writeStagedFiles } from "../../components/render/files.js";
import { planJsonText } from "../../components/render/index.js";
import { duplicateNames } from "../../components/spec/duplicates.js";
import { CLI_DEFAULTS } from "../defaults.js";
import type { Progress } from "../progress.js";
import type { SummaryPlan } from "../commands/summary.js";
import type { WorkerMessage } from "../worker.js";
import { type ChunkInput, type ChunkProgress, type ChunkResult, planChunk } from "./chunk.js";

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
  /** The text of `plan.json`. */
  readonly planJson: string;
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
  const workers: Worker[] = [];
  try {
    const tracker = progressTracker(run.files.length, threads, progress);
    const inputs = shares(run.files, threads).map((files): ChunkInput => ({
      ...run,
      files,
      fleet: run.files,
      staging: staging.path,
    }));
    const pending = inputs.slice(1).map((input, i) => inWorker(script ?? "", input, workers, tracker(i + 1)));
    const own = planChunk(inputs[0] ?? { ...run, files: [], fleet: [], staging: staging.path }, tracker(0));
    const results = [own, ...(await Promise.all(pending))];
    signal.throwIfAborted();
    const output = assemble(run, results);
    writeStagedFiles(staging.path, [{ path: "plan.json", text: output.planJson }]);
    await new Promise((resolve) => setImmediate(resolve));
    signal.throwIfAborted();
    commitStaging(run.outDir, staging);
    return output;
  } catch (error) {
    await Promise.all(workers.map((w) => w.terminate()));
    discardStaging(staging);
    throw error;
  }
}

/** Runs one share in a worker thread, forwarding its progress. */
function inWorker(script: string, input: ChunkInput, workers: Worker[], onProgress?: ChunkProgress) {
  return new Promise<ChunkResult>((resolve, reject) => {
    const worker = new Worker(script, { workerData: input });
    workers.push(worker);
    worker.on("message", (message: WorkerMessage) => {
      if (message.kind === "done") resolve(message.result);
      else onProgress?.(message.stage, message.done, message.total);
    });
    worker.on("error", reject);
    worker.on("exit", (code) => reject(new Error(`a planning worker stopped (exit code ${code}) before finishing`)));
  });
}

/** The whole run from its shares: every diagnostic in file order, then `plan.json` and the summary. */
function assemble(run: FleetRun, results: readonly ChunkResult[]): FleetOutput {
  const names = results.flatMap((r) => r.names);
  const duplicates = duplicateNames(
    names.map(({ name, file }) => ({ name, file, nameAt: () => nameAt(run.cwd, file) })),
  );
  const problems = [...results.flatMap((r) => r.unreadable), ...results.flatMap((r) => r.diagnostics), ...duplicates];
  if (problems.length > 0) throw new SpecError(problems);
  const services = results.flatMap((r) => r.services);
  const shared = results.find((r) => r.shared)?.shared;
  const providers = planProviders(run.stack, [...services.flatMap((s) => s.resources), ...(shared?.resources ?? [])]);
  const head = { stack: run.stack.stack, environment: run.stack.environment, providers, ...(shared ? { shared } : {}) };
  return {
    summary: { stack: head.stack, environment: head.environment, services },
    planJson: planJsonText(
      head,
      results.flatMap((r) => r.planJson),
    ),
    written: results.reduce((n, r) => n + r.written, 1),
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
