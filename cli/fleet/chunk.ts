/**
 * One share of a fleet plan, run on the main thread or in a worker thread, in two steps. First
 * {@link loadShare}: read, validate and plan a contiguous slice of the spec files, handing back
 * every problem and the resolved services. Then, once the caller has checked names and calls
 * across every share and sent every service of the stack, {@link planShare}: plan each service of
 * the slice with the whole stack in view, writing its manifests, AWS files and its part of
 * `plan.json` into the staging folder one service at a time, so no thread holds the fleet's output.
 */

import { closeSync, openSync } from "node:fs";
import { join } from "node:path";
import type { ServicePlan } from "../../components/core/plan/types.js";
import type { Diagnostic } from "../../components/core/spec/errors.js";
import type { ResolvedService, SourceMap } from "../../components/core/spec/service.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import { sharePlans } from "../../components/plan/index.js";
import { writeStagedFiles } from "../../components/render/files.js";
import { renderServicePieces, servicePlanJsonPieces } from "../../components/render/index.js";
import { TextSink } from "../../components/render/sink.js";
import { loadEach, readSpecTexts } from "../../components/spec/load.js";
import type { SummaryService } from "../commands/summary.js";

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
  /** Each service planned, in the order given. */
  readonly services: readonly PlannedService[];
}

/** Reports how far a share got: a stage, how many done of how many. */
export type ChunkProgress = (
  stage: "planning services" | "writing files" | "checking services",
  done: number,
  total: number,
) => void;

/** The file in the staging folder that holds share `index`'s services of `plan.json`, one after another. */
export function planPart(staging: string, index: number): string {
  return join(staging, `.plan-part-${index}`);
}

/**
 * Loads a share's files for the stack (each validated and planned on its own); never throws for
 * bad input. The sources (where each field is written) stay with the share.
 */
export function loadShare(input: ShareInput, progress?: ChunkProgress): LoadedShare & { readonly sources: SourceMap } {
  const { texts, unreadable } = readSpecTexts(input.files, input.cwd, input.root);
  const onLoaded = progress && ((done: number, total: number) => progress("planning services", done, total));
  const { loaded, diagnostics } = loadEach(texts, input.stack, onLoaded);
  const ok = unreadable.length === 0 && diagnostics.length === 0;
  return {
    unreadable,
    diagnostics,
    names: loaded.map((l) => ({ name: l.service.name, file: l.source.file })),
    services: ok ? loaded.map((l) => l.service) : [],
    sources: new Map(loaded.map((l) => [l.service.name, l.source])),
  };
}

/** What of a loaded share crosses to the main thread: all but the sources. */
export function crossing(share: LoadedShare): LoadedShare {
  const { unreadable, diagnostics, names, services } = share;
  return { unreadable, diagnostics, names, services };
}

/**
 * Plans the share's services (`mine`, the very objects {@link loadShare} resolved) with every
 * service of the stack in view (`all`, in run order), writing each one's files under `staging` as it goes.
 * @throws SpecError when planning finds a problem across services (the caller checks first).
 */
export function planShare(
  input: ShareInput,
  staging: string,
  all: readonly ResolvedService[],
  mine: readonly ResolvedService[],
  progress?: ChunkProgress,
): PlannedShare {
  const part = openSync(planPart(staging, input.index), "w");
  const sink = new TextSink(part);
  const services: PlannedService[] = [];
  let offset = 0;
  try {
    for (const plan of sharePlans(all, input.stack, mine)) {
      const files = renderServicePieces(input.stack.stack, plan);
      writeStagedFiles(staging, files);
      const length = sink.writeEach(servicePlanJsonPieces(plan));
      services.push({ summary: summaryOf(plan), files: files.map((f) => f.path), part: [offset, length] });
      offset += length;
      progress?.("writing files", services.length, mine.length);
    }
    sink.flush();
  } finally {
    closeSync(part);
  }
  return { services };
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
