/**
 * One share of a fleet plan, run on the main thread or in a worker thread: read, load and plan a
 * contiguous slice of the spec files, write their manifests and AWS files into the staging folder,
 * and hand back what the whole run needs (diagnostics, names, each service's `plan.json` text and
 * what the summary reads). Checks across files (unique names) and `plan.json` itself are left to
 * the caller, which sees every share.
 */

import type { Plan, ServicePlan, SharedPlan } from "../../components/core/plan/types.js";
import { type Diagnostic, SpecError } from "../../components/core/spec/errors.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import { toPlan } from "../../components/plan/index.js";
import { writeStagedFiles } from "../../components/render/files.js";
import { renderServiceFiles, servicePlanJson, sharedFiles } from "../../components/render/index.js";
import { fleetIssues, loadEach, readSpecTexts, type LoadedSpec } from "../../components/spec/load.js";
import type { SourceMap } from "../../components/core/spec/service.js";
import type { SummaryService } from "../commands/summary.js";

/** What a share is given (plain data: it crosses to a worker thread). */
export interface ChunkInput {
  /** Spec files of this share, relative to `cwd`, in run order: planned and written here. */
  readonly files: readonly string[];
  /** Every spec file of the run: all are loaded, since services are planned with the whole stack in view. */
  readonly fleet: readonly string[];
  /** The stack planned for. */
  readonly stack: StackConfig;
  /** Working directory. */
  readonly cwd: string;
  /** Project root files must stay in, or false. */
  readonly root: string | false;
  /** Staging folder the files are written under. */
  readonly staging: string;
}

/** What a share hands back (plain data). */
export interface ChunkResult {
  /** Files that could not be read. */
  readonly unreadable: readonly Diagnostic[];
  /** Every problem in the files that were read (names are not compared across files here). */
  readonly diagnostics: readonly Diagnostic[];
  /** Each loaded service's name and file, in file order. */
  readonly names: readonly { readonly name: string; readonly file: string }[];
  /** What the summary reads of each planned service. */
  readonly services: readonly SummaryService[];
  /** Each planned service's text in `plan.json`. */
  readonly planJson: readonly string[];
  /** What the stack shares, planned and written by the share holding the run's first file only. */
  readonly shared?: SharedPlan;
  /** Files written. */
  readonly written: number;
}

/** Reports how far a share got: a stage, how many done of how many. */
export type ChunkProgress = (stage: "planning services" | "writing files", done: number, total: number) => void;

/** Plans one share and writes its files; never throws for bad input (problems come back as diagnostics). */
export function planChunk(input: ChunkInput, progress?: ChunkProgress): ChunkResult {
  const mine = new Set(input.files);
  const inShare = (d: Diagnostic) => mine.has(d.file);
  const { texts, unreadable } = readSpecTexts(input.fleet, input.cwd, input.root);
  const scale = input.files.length / Math.max(1, input.fleet.length);
  const onLoaded =
    progress && ((done: number) => progress("planning services", Math.floor(done * scale), input.files.length));
  const { loaded, diagnostics } = loadEach(texts, input.stack, onLoaded);
  const share = loaded.filter((l) => mine.has(l.source.file));
  const names = share.map((l) => ({ name: l.service.name, file: l.source.file }));
  const empty = { unreadable: unreadable.filter(inShare), names, services: [], planJson: [], written: 0 };
  if (unreadable.length > 0 || diagnostics.length > 0) return { ...empty, diagnostics: diagnostics.filter(inShare) };
  const across = acrossFleet(loaded, input);
  if (across !== undefined) return { ...empty, diagnostics: across };
  let plan: Plan;
  try {
    plan = toPlan(
      loaded.map((l) => l.service),
      input.stack,
      share.map((l) => l.service),
    );
  } catch (error) {
    if (error instanceof SpecError) return { ...empty, diagnostics: error.diagnostics };
    throw error;
  }
  const services = plan.services;
  const shared = input.files[0] === input.fleet[0] ? plan.shared : undefined;
  const files = [
    ...services.flatMap((service) => renderServiceFiles(input.stack.stack, service)),
    ...(shared ? sharedFiles(input.stack.stack, shared) : []),
  ];
  writeStagedFiles(input.staging, files, progress && ((done, total) => progress("writing files", done, total)));
  return {
    unreadable,
    diagnostics,
    names,
    services: services.map(summaryOf),
    planJson: services.map(servicePlanJson),
    ...(shared ? { shared } : {}),
    written: files.length,
  };
}

/**
 * Problems across the services of the stack, found by every share and reported by the first (the
 * caller merges the shares); undefined when there are none. Names the caller finds repeated are
 * left to it.
 */
function acrossFleet(loaded: readonly LoadedSpec[], input: ChunkInput): readonly Diagnostic[] | undefined {
  if (new Set(loaded.map((l) => l.service.name)).size < loaded.length) return undefined;
  const sources: SourceMap = new Map(loaded.map((l) => [l.service.name, l.source]));
  const issues = fleetIssues(loaded, input.stack, sources);
  if (issues.length === 0) return undefined;
  return input.files[0] !== undefined && input.files[0] === input.fleet[0] ? issues : [];
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
