/**
 * The first step of a fleet run on several threads, shared by `plan` and `check`: the spec files
 * are split into contiguous shares, each loaded in a worker thread, while the main thread
 * coordinates (it plans no share of its own, so the garbage of planning does not build up in the
 * one heap that holds the whole stack; with the cache, it plans the known services whose share of
 * the stack changed); a run on one thread does everything on the main thread. Each
 * worker loads and validates its share and sends back the resolved services; the main thread
 * checks names and calls across the fleet and works out what each service takes from the others.
 * Each worker then waits for what to do with its share.
 */

import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { parseSource } from "../../components/core/spec/positions.js";
import { type Diagnostic, SpecError } from "../../components/core/spec/errors.js";
import type { ResolvedService, SourceMap } from "../../components/core/spec/service.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import { stackIssues } from "../../components/domains/index.js";
import { type StackShare, stackShareOf } from "../../components/plan/index.js";
import { duplicateNames, type NamedSpec } from "../../components/spec/duplicates.js";
import { fleetIssues, loadEach, readSpecTexts } from "../../components/spec/load.js";
import { CLI_DEFAULTS } from "../defaults.js";
import { untilAborted } from "../signals.js";
import type { Progress } from "../progress.js";
import type { MainMessage, WorkerMessage } from "../worker.js";
import type { CheckedService } from "./check-share.js";
import {
  type ChunkProgress,
  type LoadedShare,
  loadShare,
  type ShareInput,
  type ShareIssues,
  shareIssues,
  type ShareServices,
} from "./chunk.js";

/** A fleet to run. */
export interface FleetFiles {
  /** The stack. */
  readonly stack: StackConfig;
  /** Spec files relative to `cwd`, sorted. */
  readonly files: readonly string[];
  /** Working directory. */
  readonly cwd: string;
  /** Project root, or false. */
  readonly root: string | false;
  /** Threads that load and plan: one is the main thread, more are that many workers; undefined: as many as the fleet and the machine make worth it. */
  readonly jobs?: number;
}

/** A fleet loaded on every thread, its problems across services checked. */
export interface LoadedFleet {
  /** The main thread's share and its load. */
  readonly own: { readonly input: ShareInput; readonly share: ReturnType<typeof loadShare> };
  /** The workers, one per other share, in run order. */
  readonly workers: readonly ShareWorker[];
  /** Every service of the run, in file order. */
  readonly all: readonly ResolvedService[];
  /** For each worker, in order, the services of its share, in file order. */
  readonly workerServices: readonly (readonly ResolvedService[])[];
  /** Each share's progress reporter, by share index. */
  readonly progress: ChunkProgressFor;
}

/** A worker thread running one share: its loaded share, then the result of what it is sent. */
export interface ShareWorker {
  readonly worker: Worker;
  readonly loaded: Promise<LoadedShare>;
  /** Sends the second step and resolves with its result (`planned` or `checked`); `onPart` takes each part of a check's result sent before it. */
  readonly send: <T>(message: MainMessage, onPart?: (services: readonly CheckedService[]) => void) => Promise<T>;
}

/** The bundled worker beside the bundled CLI; running from the TypeScript sources, none (one thread). */
function workerScript(): string | undefined {
  return __filename.endsWith(".cjs") ? join(__dirname, "worker.cjs") : undefined;
}

/** How many threads run `count` services. */
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
 * Loads the fleet on as many threads as it is worth, pushing each worker started onto `workers`
 * (the caller terminates them on failure), and checks names and calls across the fleet.
 * @throws SpecError naming every problem, in file order; Interrupted when `signal` aborts.
 */
export async function loadFleet(
  run: FleetFiles,
  signal: AbortSignal,
  workers: ShareWorker[],
  onProgress?: Progress,
  known: KnownServices = { services: new Map(), checked: false },
): Promise<LoadedFleet> {
  const script = workerScript();
  const toLoad = run.files.filter((file) => !known.services.has(file));
  const threads = threadsFor(toLoad.length, run.jobs, script !== undefined);
  const split = shares(toLoad, threads);
  const inputs = (threads > 1 ? [[], ...split] : split).map((files, index): ShareInput => ({
    files,
    index,
    stack: run.stack,
    cwd: run.cwd,
    root: run.root,
  }));
  const progress = progressTracker(toLoad.length, inputs.length, onProgress);
  const [first = { ...run, files: [], index: 0 }, ...rest] = inputs;
  workers.push(...rest.map((input, i) => startWorker(script ?? "", input, progress(i + 1))));
  const share = loadShare(first, progress(0));
  const loaded = [share, ...(await untilAborted(Promise.all(workers.map((w) => w.loaded)), signal))];
  const planIssues = async () => {
    const pending = Promise.all(workers.map((w) => w.send<ShareIssues>({ kind: "issues" })));
    pending.catch(() => undefined); // raised by the await below; until then not an unhandled rejection
    const own = await shareIssues(first, share, progress(0), signal);
    return [own, ...(await untilAborted(pending, signal))];
  };
  const all = await checkAcross(run, loaded, known, planIssues);
  const workerServices = loaded.slice(1).map((l) => {
    const mine = new Set(l.names.map((n) => n.file));
    return all.filter((s) => mine.has(s.file));
  });
  return { own: { input: first, share }, workers, all, workerServices, progress };
}

/**
 * What the main thread plans or checks itself: the services of its own share, and those known
 * from the cache that `reused` cannot give whole (their share of the stack changed).
 */
export function mainShare(
  fleet: LoadedFleet,
  stack: StackConfig,
  known: KnownServices,
  reused: ReadonlyMap<string, unknown>,
): ShareServices {
  const own = new Set(fleet.own.share.names.map((n) => n.file));
  return {
    mine: fleet.all.filter((s) => own.has(s.file) || (known.services.has(s.file) && !reused.has(s.file))),
    sharesOf: (service) => stackShareOf(fleet.all, stack, service.name),
    sources: fleet.own.share.sources,
  };
}

/**
 * What the stack-wide planners give each service of worker `index`'s share, by name: worked out
 * once, on the main thread, and sent, so a worker holds no other service of the stack.
 */
export function workerStackShares(fleet: LoadedFleet, stack: StackConfig, index: number): WorkerShares {
  return new Map(fleet.workerServices[index]!.map((s) => [s.name, stackShareOf(fleet.all, stack, s.name)]));
}

/** What the stack-wide planners give each service of a worker's share, by service name (plain data). */
export type WorkerShares = ReadonlyMap<string, readonly (StackShare | null)[]>;

/** Services a run already knows (from the plan cache), so they are not loaded again. */
export interface KnownServices {
  /** Resolved services by spec file. */
  readonly services: ReadonlyMap<string, ResolvedService>;
  /** True when the very same specs were loaded and checked across services before, with no problem. */
  readonly checked: boolean;
}

/** Each share's progress reporter, by share index. */
export type ChunkProgressFor = (share: number) => ChunkProgress | undefined;

/** Starts a worker on one share, forwarding its progress. */
function startWorker(script: string, input: ShareInput, onProgress?: ChunkProgress): ShareWorker {
  const worker = new Worker(script, { workerData: input });
  let onLoaded: (share: LoadedShare) => void = () => undefined;
  let onDone: (result: unknown) => void = () => undefined;
  let onPart: (services: readonly CheckedService[]) => void = () => undefined;
  let onFailed: (error: Error) => void = () => undefined;
  const loaded = new Promise<LoadedShare>((resolve, reject) => {
    onLoaded = resolve;
    onFailed = reject;
  });
  worker.on("message", (message: WorkerMessage) => {
    if (message.kind === "loaded") onLoaded(message.result);
    else if (message.kind === "progress") onProgress?.(message.stage, message.done, message.total);
    else if (message.kind === "checked-part") onPart(message.services);
    else onDone(message.result);
  });
  worker.on("error", (error) => onFailed(error));
  worker.on("exit", (code) => onFailed(new Error(`a fleet worker stopped (exit code ${code}) before finishing`)));
  return {
    worker,
    loaded,
    send: <T>(message: MainMessage, part?: (services: readonly CheckedService[]) => void) =>
      new Promise<T>((resolve, reject) => {
        if (part) onPart = part;
        onDone = (result) => resolve(result as T);
        onFailed = reject;
        worker.postMessage(message);
      }),
  };
}

/**
 * Every service of the run in file order, once no share has a problem, no name is used twice and
 * no call between services breaks a rule. When there is a problem, each share first plans its
 * services for those only planning finds (`planIssues`), so the report names the same problems,
 * in the same order, as loading every file with planning would.
 * @throws SpecError naming every problem, in file order.
 */
async function checkAcross(
  run: FleetFiles,
  loaded: readonly LoadedShare[],
  known: KnownServices,
  planIssues: () => Promise<readonly ShareIssues[]>,
): Promise<readonly ResolvedService[]> {
  const byFile = new Map(loaded.flatMap((r) => r.names.map(({ name, file }) => [file, name] as const)));
  for (const [file, service] of known.services) byFile.set(file, service.name);
  const names = run.files.flatMap((file) => {
    const name = byFile.get(file);
    return name === undefined ? [] : [{ name, file, nameAt: () => nameAt(run.cwd, file) }];
  });
  const loadProblems = loaded.some((r) => r.unreadable.length > 0 || r.diagnostics.length > 0);
  if (loadProblems || duplicateNames(names).length > 0)
    throw new SpecError(everyProblem(loaded, names, await planIssues()));
  const fresh = new Map(loaded.flatMap((r) => r.services.map((s) => [s.file, s] as const)));
  const all = run.files.flatMap((file) => {
    const service = known.services.get(file) ?? fresh.get(file);
    return service ? [service] : [];
  });
  if (!known.checked && stackIssues(all, run.stack).length > 0) {
    const planned = everyProblem(loaded, names, await planIssues());
    throw new SpecError(planned.length > 0 ? planned : acrossFleet(run));
  }
  return all;
}

/**
 * The run's problems once every share has planned its services for problems: unreadable files,
 * each file's problems in order, then names used twice (a service with a problem is not compared).
 */
function everyProblem(
  loaded: readonly LoadedShare[],
  names: readonly NamedSpec[],
  planned: readonly ShareIssues[],
): Diagnostic[] {
  const skip = new Set(planned.flatMap((p) => p.files));
  return [
    ...loaded.flatMap((r) => r.unreadable),
    ...planned.flatMap((p) => p.diagnostics),
    ...duplicateNames(names.filter((n) => !skip.has(n.file))),
  ];
}

/** Problems across services at their positions in both files: the fleet is read again, with positions (only when there are some). */
function acrossFleet(run: FleetFiles): readonly Diagnostic[] {
  const loaded = reload(run, run.files);
  return fleetIssues(loaded, run.stack, sourceMap(loaded));
}

/** Where the fields of the services in `files` are written (the files are read again). */
export function sourcesOf(run: FleetFiles, files: readonly string[]): SourceMap {
  return sourceMap(reload(run, files));
}

function reload(run: FleetFiles, files: readonly string[]) {
  const { texts } = readSpecTexts(files, run.cwd, run.root);
  return loadEach(texts, run.stack, undefined, "defer").loaded;
}

function sourceMap(loaded: ReturnType<typeof reload>): SourceMap {
  return new Map(loaded.map((l) => [l.service.name, l.source]));
}

/** Where `metadata.name` is written in a spec file (read again: only a duplicate name needs it). */
function nameAt(cwd: string, file: string) {
  return parseSource(file, readFileSync(join(cwd, file), "utf8")).locate(["metadata", "name"], "value");
}

/** Sums the progress of every share into one line: loading over all files, then the second step (counted over every share from its start). */
function progressTracker(files: number, threads: number, progress?: Progress): ChunkProgressFor {
  const loaded = new Array<number>(threads).fill(0);
  const done = new Array<number>(threads).fill(0);
  const total = new Array<number>(threads).fill(0);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return (share) =>
    progress &&
    ((stage, n, of) => {
      if (stage === "loading specs") {
        loaded[share] = n;
        total[share] ||= of; // until the share's second step reports its own count
        progress.update(stage, sum(loaded), files);
      } else {
        [done[share], total[share]] = [n, of];
        progress.update(stage, sum(done), sum(total));
      }
    });
}
