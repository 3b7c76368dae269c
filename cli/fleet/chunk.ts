/**
 * One share of a fleet plan, run on the main thread or in a worker thread, in two steps. First
 * {@link loadShare}: read and validate a contiguous slice of the spec files, handing back every
 * problem and the resolved services. Then, once the caller has checked names and calls across
 * every share and worked out what each service takes from the rest of the stack, {@link planShare}:
 * plan each service of the slice with that, writing its manifests, AWS files and its part of `plan.json`
 * into the staging folder one service at a time, so no thread holds more than one service's plan
 * or the fleet's output. Problems only planning finds are reported by the second step, or, when
 * the run has other problems to report first, by {@link shareIssues}.
 */

import { closeSync, openSync } from "node:fs";
import { join } from "node:path";
import type { ServicePlan } from "../../components/core/plan/types.js";
import { type Diagnostic, SpecError } from "../../components/core/spec/errors.js";
import { forgetDomainPlans, planningIssues } from "../../components/domains/index.js";
import type { ResolvedService, SourceMap } from "../../components/core/spec/service.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import { locatedAtTop, type ShareOutcome, shareOutcomes, type StackSharesOf } from "../../components/plan/index.js";
import { BackgroundFiles } from "../../components/render/background.js";
import { CLI_DEFAULTS } from "../defaults.js";
import { renderServicePieces, servicePlanJsonPieces } from "../../components/render/index.js";
import { TextSink } from "../../components/render/sink.js";
import { type LoadedSpec, loadEach, locateIssues, readSpecTexts } from "../../components/spec/load.js";
import type { SummaryService } from "../commands/summary.js";
import { pauses } from "../signals.js";

/** A share as its own thread keeps it: what crossed to the main thread, and where each service's fields are written. */
export interface OwnShare extends LoadedShare {
  /** Where the fields of each loaded service are written, by service name. */
  readonly sources: SourceMap;
  /** Each service loaded without a problem, with its source, in file order (planned for problems by {@link shareIssues}). */
  readonly loaded: readonly LoadedSpec[];
  /** Services resolved and checked without a problem in files with other problems (planned for problems by {@link shareIssues} too). */
  readonly unplanned: readonly LoadedSpec[];
}

/** What a share is given (plain data: it crosses to a worker thread). */
export interface ShareInput {
  /** Spec files of this share, relative to `cwd`, in run order. */
  readonly files: readonly string[];
  /** The share's place in the run, from 0: its part of `plan.json` is {@link planPart} of it. */
  readonly index: number;
  /** The stack planned for. */
  readonly stack: StackConfig;
  /** Working directory. */
  readonly cwd: string;
  /** Project root files must stay in, or false. */
  readonly root: string | false;
}

/** What loading a share hands back (plain data). */
export interface LoadedShare {
  /** Files that could not be read. */
  readonly unreadable: readonly Diagnostic[];
  /** Every problem in the files that were read (names are not compared across files here). */
  readonly diagnostics: readonly Diagnostic[];
  /** Each loaded service's name and file, in file order. */
  readonly names: readonly { readonly name: string; readonly file: string }[];
  /** The resolved services, in file order; none when the share has a problem. */
  readonly services: readonly ResolvedService[];
}

/** One service a share planned and wrote. */
export interface PlannedService {
  /** What the summary and provider planning read of it. */
  readonly summary: SummaryService;
  /** Its files, relative to the output folder. */
  readonly files: readonly string[];
  /** Where its JSON stands in the share's part of `plan.json` ({@link planPart}): byte offset and length. */
  readonly part: readonly [number, number];
}

/** What planning a share hands back (plain data). */
export interface PlannedShare {
  /** Each service planned, in the order given; none once one has a problem. */
  readonly services: readonly PlannedService[];
  /** Problems only planning finds, in the order given: when there are some, nothing more was written. */
  readonly issues: readonly Diagnostic[];
}

/** What a share's problems are once each of its services is planned for them (plain data). */
export interface ShareIssues {
  /** Every problem in the share's files: what loading found, and what planning found. */
  readonly diagnostics: readonly Diagnostic[];
  /** The files in whose service planning found a problem. */
  readonly files: readonly string[];
}

/** Reports how far a share got: a stage, how many done of how many. */
export type ChunkProgress = (
  stage: "loading specs" | "planning services" | "checking services",
  done: number,
  total: number,
) => void;

/** The file in the staging folder that holds share `index`'s services of `plan.json`, one after another. */
export function planPart(staging: string, index: number): string {
  return join(staging, `.plan-part-${index}`);
}

/**
 * Loads and validates a share's files for the stack, leaving planning to the second step; never
 * throws for bad input. The sources (where each field is written) stay with the share.
 */
export function loadShare(input: ShareInput, progress?: ChunkProgress): OwnShare {
  const { texts, unreadable } = readSpecTexts(input.files, input.cwd, input.root);
  const onLoaded = progress && ((done: number, total: number) => progress("loading specs", done, total));
  const { loaded, diagnostics, unplanned } = loadEach(texts, input.stack, onLoaded, "defer");
  const ok = unreadable.length === 0 && diagnostics.length === 0;
  return {
    unreadable,
    diagnostics,
    names: loaded.map((l) => ({ name: l.service.name, file: l.source.file })),
    services: ok ? loaded.map((l) => l.service) : [],
    sources: new Map(loaded.map((l) => [l.service.name, l.source])),
    loaded,
    unplanned,
  };
}

/** What of a loaded share crosses to the main thread: all but the sources. */
export function crossing(share: LoadedShare): LoadedShare {
  const { unreadable, diagnostics, names, services } = share;
  return { unreadable, diagnostics, names, services };
}

/**
 * Every problem in a share's files, for a run that has problems to report before planning: each
 * service that loaded without one is planned for those only planning finds, as loading it with
 * planning would have, so the report is the same as if it had been. On the main thread, `signal`
 * stops it between two services.
 * @throws the signal's reason once it aborts.
 */
export async function shareIssues(
  input: ShareInput,
  share: OwnShare,
  progress?: ChunkProgress,
  signal?: AbortSignal,
): Promise<ShareIssues> {
  const pause = pauses(signal);
  const planned: Diagnostic[] = [];
  const files: string[] = [];
  const specs = [...share.loaded, ...share.unplanned];
  for (const [index, { service, source }] of specs.entries()) {
    await pause();
    const issues = planningIssues(service, input.stack);
    forgetDomainPlans(service, input.stack);
    progress?.("planning services", index + 1, specs.length);
    if (issues.length === 0) continue;
    planned.push(...locateIssues(issues, source));
    files.push(source.file);
  }
  return { diagnostics: [...share.diagnostics, ...planned], files };
}

/**
 * Throws the problems only planning found in any share (a {@link SpecError} sorts them by file and position).
 * @throws SpecError when a share found one.
 */
export function throwShareIssues(shares: readonly { readonly issues: readonly Diagnostic[] }[]): void {
  const issues = shares.flatMap((s) => s.issues);
  if (issues.length > 0) throw new SpecError(issues);
}

/** A service's planning issues where its source shows them (at the top of its file when it was not read in this run). */
export function outcomeIssues(outcome: ShareOutcome, sources: SourceMap): Diagnostic[] {
  const source = sources.get(outcome.service.name);
  const issues = outcome.issues ?? [];
  return source ? locateIssues(issues, source) : issues.map((issue) => locatedAtTop(outcome.service, issue));
}

/** A share's services as its second step takes them. */
export interface ShareServices {
  /** The services, in run order: the very objects {@link loadShare} resolved (and on the main thread, any the cache knew). */
  readonly mine: readonly ResolvedService[];
  /** What the stack-wide planners give each of them (the main thread works it out for every thread). */
  readonly sharesOf: StackSharesOf;
  /** Where their fields are written (a service without a source is located at the top of its file). */
  readonly sources: SourceMap;
}

/**
 * Plans the share's services, writing each one's files under `staging` as it goes (in the
 * background: see {@link BackgroundFiles}). Once a service has a problem only planning finds,
 * nothing more is written and every other service is still planned, so all such problems come back.
 * On the main thread, `signal` stops it between two services (what it started writing is finished first).
 * @throws the signal's reason once it aborts.
 */
export async function planShare(
  input: ShareInput,
  staging: string,
  { mine, sharesOf, sources }: ShareServices,
  progress?: ChunkProgress,
  signal?: AbortSignal,
): Promise<PlannedShare> {
  const pause = pauses(signal);
  const part = openSync(planPart(staging, input.index), "w");
  const sink = new TextSink(part);
  const writer = new BackgroundFiles(CLI_DEFAULTS.filesInFlight);
  const services: PlannedService[] = [];
  const issues: Diagnostic[] = [];
  let offset = 0;
  let done = 0;
  try {
    for (const outcome of shareOutcomes(input.stack, mine, sharesOf)) {
      issues.push(...outcomeIssues(outcome, sources));
      const plan = outcome.plan;
      if (issues.length === 0 && plan) {
        const files = renderServicePieces(input.stack.stack, plan);
        for (const file of files) writer.write(join(staging, file.path), file.pieces);
        const length = sink.writeEach(servicePlanJsonPieces(plan));
        services.push({ summary: summaryOf(plan), files: files.map((f) => f.path), part: [offset, length] });
        offset += length;
        await writer.room();
      }
      progress?.("planning services", ++done, mine.length);
      await pause();
    }
    sink.flush();
    await writer.settle();
  } finally {
    closeSync(part);
    await writer.settle().catch(() => undefined);
  }
  return { services: issues.length > 0 ? [] : services, issues };
}

/** What the summary and provider planning read of a service. */
function summaryOf(service: ServicePlan): SummaryService {
  return {
    service: service.service,
    tier: service.tier,
    regions: service.regions,
    analysis: { workload: service.analysis.workload },
    resources: service.resources.map((r) => ({ provider: r.provider, region: r.region })),
  };
}
