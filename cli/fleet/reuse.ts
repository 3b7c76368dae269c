/**
 * How a fleet plan uses the plan cache ({@link PlanCache}): when nothing changed, the whole previous
 * output is linked ({@link sameOutput}, {@link linkOutput}); else, once the stack is loaded, which
 * services' files are linked from the previous output instead of planned again
 * ({@link reuseFiles}); after the output is in place, the record of this run ({@link remember}).
 */

import { closeSync, fstatSync, linkSync, mkdirSync, openSync, unlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ResolvedService } from "../../components/core/spec/service.js";
import type { SummaryService } from "../commands/summary.js";
import {
  CACHE_FORMAT,
  type CachedService,
  type FileStamp,
  type PlanCache,
  sameFile,
  stampOf,
  unchanged,
  writeRecord,
} from "./cache.js";
import type { CacheInput, Recalled } from "./recall.js";
import type { KnownServices } from "./threads.js";

/** A fleet to plan, its output folder and its cache. */
export interface CachedRun extends CacheInput {
  /** The output folder. */
  readonly outDir: string;
}

/** True when the record is of this very run (same specs, stack config and build) and its output is untouched. */
export function sameOutput(run: CachedRun, recalled: Recalled<PlanCache>): boolean {
  const record = recalled.record;
  if (!record || record.fleet !== recalled.fleet || record.out !== run.outDir) return false;
  return record.services.length === run.files.length && outputOf(record).every((f) => unchanged(run.outDir, f));
}

/** Links the whole previous output into `staging` ({@link sameOutput}); false when a file could not be linked. */
export function linkOutput(run: CachedRun, record: PlanCache, staging: string): boolean {
  return linkAll(run.outDir, staging, outputOf(record), new Set());
}

/** Every file of the output a record describes. */
function outputOf(record: PlanCache): FileStamp[] {
  return [record.planJson, ...record.shared, ...record.services.flatMap((s) => s.files)];
}

/** The services whose files were linked, and the previous `plan.json` their parts are copied from. */
export interface Reused {
  /** By spec file. */
  readonly services: ReadonlyMap<string, CachedService>;
  /** The previous `plan.json`, open for reading (the file as stamped, whatever is renamed meanwhile); the caller closes it. */
  readonly planJson?: number;
}

/**
 * Links into `staging` the files of every service whose spec, share of the stack and files in the
 * output folder are all as the record has them; those services need no planning.
 */
export function reuseFiles(
  run: CachedRun,
  recalled: Recalled<PlanCache>,
  known: KnownServices,
  shares: ReadonlyMap<string, string>,
  staging: string,
): Reused {
  const record = recalled.record;
  const services = new Map<string, CachedService>();
  const planJson = record && record.out === run.outDir ? openStamped(run.outDir, record.planJson) : undefined;
  if (!record || planJson === undefined) return { services };
  const folders = new Set<string>();
  for (const entry of record.services) {
    const fits =
      known.services.has(entry.file) &&
      shares.get(entry.file) === entry.share &&
      entry.files.every((f) => unchanged(run.outDir, f));
    if (fits && linkAll(run.outDir, staging, entry.files, folders)) services.set(entry.file, entry);
  }
  if (services.size > 0) return { services, planJson };
  closeSync(planJson);
  return { services };
}

/** The file `stamp` describes under `dir`, open for reading, when it is still that file; else undefined. */
function openStamped(dir: string, stamp: FileStamp): number | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(join(dir, stamp.path), "r");
    if (sameFile(fstatSync(fd), stamp)) return fd;
  } catch {
    // unreadable: not reused
  }
  if (fd !== undefined) closeSync(fd);
  return undefined;
}

/** Links each file from `from` into `to`; on any failure removes the links made and returns false. */
function linkAll(from: string, to: string, files: readonly { readonly path: string }[], folders: Set<string>): boolean {
  const made: string[] = [];
  try {
    for (const { path } of files) {
      const target = join(to, path);
      if (!folders.has(dirname(target))) mkdirSync(dirname(target), { recursive: true });
      folders.add(dirname(target));
      linkSync(join(from, path), target);
      made.push(target);
    }
    return true;
  } catch {
    for (const target of made) unlinkSync(target);
    return false;
  }
}

/** One service of this run as the record keeps it, before its files are stamped. */
export interface Written {
  /** The resolved service. */
  readonly service: ResolvedService;
  /** What the summary reads. */
  readonly summary: SummaryService;
  /** Its files, relative to the output folder. */
  readonly files: readonly string[];
  /** Where its JSON stands in the new `plan.json`. */
  readonly part: readonly [number, number];
  /** Its entry in the previous record, when its files were reused. */
  readonly reused?: CachedService;
}

/**
 * Writes the record of this run, once its output is in place: every service in file order with
 * the stamps of its files. Returns why it could not be written, or undefined.
 */
export function remember(
  run: CachedRun,
  recalled: Recalled<PlanCache>,
  shares: ReadonlyMap<string, string>,
  written: { readonly services: readonly Written[]; readonly shared: readonly string[] },
): string | undefined {
  const cache = run.cache;
  const planJson = stampOf(run.outDir, "plan.json");
  const shared = written.shared.map((path) => stampOf(run.outDir, path));
  if (!cache || !planJson || shared.some((f) => f === undefined)) return undefined;
  const services: CachedService[] = [];
  const resolved: ResolvedService[] = [];
  for (const w of written.services) {
    const file = w.service.file;
    const files = w.reused?.files ?? w.files.map((path) => stampOf(run.outDir, path));
    if (files.some((f) => f === undefined)) continue;
    const entry = { file, key: recalled.keys.get(file) ?? "", share: shares.get(file) ?? "", summary: w.summary };
    services.push({ ...entry, files: files as CachedService["files"], part: w.part });
    resolved.push(w.service);
  }
  const record: PlanCache = {
    format: CACHE_FORMAT,
    tool: cache.tool,
    stack: recalled.stack,
    out: run.outDir,
    fleet: recalled.fleet,
    planJson,
    shared: shared as FileStamp[],
    services,
  };
  return writeRecord(cache, record, resolved);
}
