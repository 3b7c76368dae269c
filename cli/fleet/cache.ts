/**
 * The cache of `reliability plan` and `check`: what one run knew of each service, so the next run
 * skips what did not change. A service is loaded again only when its key changes: its spec's path and text,
 * the stack config and the CLI build (the bundle and the locked dependencies). Its files are
 * written again only when, besides, what the stack-wide planners give it changed (callers,
 * retries along the call graph) or its files in the output folder are not as the run left them.
 * The record is only an optimisation: a missing, damaged or foreign one is ignored.
 */

import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ResolvedService } from "../../components/core/spec/service.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import { writeFileAtomic } from "../../components/render/files.js";
import { hashOf } from "../../components/spec/resolve.js";
import type { SummaryService } from "../commands/summary.js";
import type { CheckedService } from "./check-share.js";
import { readUtf8 } from "../read-text.js";
import { type Entries, readEntry, storeDir, writeEntries } from "./store.js";

/** The record's layout; a record of another layout is ignored. */
export const CACHE_FORMAT = 2;

/** A file as a run left it: a later run reuses it only if it is still the same file, unchanged. */
export interface FileStamp {
  /** Path relative to the output folder. */
  readonly path: string;
  /** Size in bytes. */
  readonly size: number;
  /** Last change, milliseconds since the epoch. */
  readonly mtimeMs: number;
  /** Inode number. */
  readonly ino: number;
}

/** What every record keeps of one service: which spec it was and what the stack gave it. */
export interface CachedEntry {
  /** Spec file, as the run named it. */
  readonly file: string;
  /** {@link serviceKey} of the spec. */
  readonly key: string;
  /** Hash of what the stack-wide planners gave the service. */
  readonly share: string;
}

/**
 * The record of one run for one stack (`plan` or `check`). The resolved services are kept in the
 * store beside it, one entry per spec key ({@link serviceEntry}): a run where nothing changed does
 * not read them.
 */
export interface CacheRecord<E extends CachedEntry = CachedEntry> {
  /** Layout of the record. */
  readonly format: typeof CACHE_FORMAT;
  /** The CLI build that wrote it ({@link toolFingerprint}). */
  readonly tool: string;
  /** Hash of the stack config. */
  readonly stack: string;
  /** {@link fleetKey} of the run: equal keys mean the very same specs, stack and build. */
  readonly fleet: string;
  /** Every service of the run, in file order. */
  readonly services: readonly E[];
}

/** What a `plan` run knew of one service. */
export interface CachedService extends CachedEntry {
  /** What the summary and provider planning read of its plan. */
  readonly summary: SummaryService;
  /** Its files in the output folder. */
  readonly files: readonly FileStamp[];
  /** Where its JSON stands in `plan.json`: byte offset and length. */
  readonly part: readonly [number, number];
}

/** The record of one run of `reliability plan`. */
export interface PlanCache extends CacheRecord<CachedService> {
  /** The output folder the run wrote, absolute. */
  readonly out: string;
  /** `plan.json` as the run left it. */
  readonly planJson: FileStamp;
  /** The files of what the stack shares. */
  readonly shared: readonly FileStamp[];
}

/** The record of one run of `reliability check`: each service's check is in the store ({@link checkEntry}). */
export interface CheckCache extends CacheRecord<CachedEntry> {
  /** Start of the range the clock-reading rules checked (ISO 8601): a record of another range is not reused. */
  readonly from: string;
}

/** Where a run keeps its record and which build it is. */
export interface CacheSettings {
  /** The record's path. */
  readonly file: string;
  /** {@link toolFingerprint} of the running build. */
  readonly tool: string;
}

let fingerprint: string | undefined | null = null;

/**
 * What identifies the running build: a hash of the bundled CLI and worker and of the dependencies
 * they were locked with. Undefined when running from the TypeScript sources (no bundle): then
 * nothing is cached.
 */
export function toolFingerprint(): string | undefined {
  if (fingerprint !== null) return fingerprint;
  fingerprint = undefined;
  if (!__filename.endsWith(".cjs")) return fingerprint;
  const hash = createHash("sha256");
  for (const file of [__filename, join(__dirname, "worker.cjs"), join(__dirname, "../../package-lock.json")]) {
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update(`no ${file}`);
    }
  }
  return (fingerprint = hash.digest("hex").slice(0, 32));
}

/** The record's path of `command` for `stack` in the cache folder `dir`. */
export function cacheFile(dir: string, command: "plan" | "check", stack: string): string {
  return join(dir, `${command}-${stack}.json`);
}

/** The hash of a stack config. */
export function stackKey(stack: StackConfig): string {
  return hashOf(stack);
}

/** The key of one spec: its path and text, the stack config and the build. */
export function serviceKey(tool: string, stack: string, file: string, text: string): string {
  return createHash("sha256").update(`${tool}\0${stack}\0${file}\0`).update(text).digest("hex").slice(0, 32);
}

/** The key of a whole run: every spec's key in order. */
export function fleetKey(keys: readonly string[]): string {
  return createHash("sha256").update(keys.join("\n")).digest("hex").slice(0, 32);
}

/** The hash of what the stack-wide planners gave one service. */
export function shareKey(share: unknown): string {
  return createHash("sha256").update(JSON.stringify(share)).digest("hex").slice(0, 32);
}

/**
 * The record for `settings` if it was written by this build for this stack; undefined when there
 * is none or it cannot be read, is damaged or belongs to another build or stack config.
 */
export function readRecord<R extends CacheRecord>(settings: CacheSettings, stack: string): R | undefined {
  try {
    const record = JSON.parse(readUtf8(settings.file)) as Partial<R>;
    const fits =
      record.format === CACHE_FORMAT &&
      record.tool === settings.tool &&
      record.stack === stack &&
      Array.isArray(record.services);
    return fits ? (record as R) : undefined;
  } catch {
    return undefined;
  }
}

/** The name of a resolved service's entry in the store: the service follows from its spec's key. */
export function serviceEntry(key: string): string {
  return `service-${key}`;
}

/** The name of a service's check in the store: it follows from the spec's key, its share of the stack and the range checked. */
export function checkEntry(entry: CachedEntry, from: string): string {
  return `check-${entry.key}-${entry.share}-${Date.parse(from)}`;
}

/** The stored resolved services of the record's entries whose key is still `keys` gives, by spec file. */
export function readCachedServices(
  settings: CacheSettings,
  record: CacheRecord,
  keys: ReadonlyMap<string, string>,
): ReadonlyMap<string, ResolvedService> {
  const dir = storeDir(settings.file);
  const found = new Map<string, ResolvedService>();
  for (const entry of record.services) {
    if (keys.get(entry.file) !== entry.key) continue;
    const service = readEntry<ResolvedService>(dir, serviceEntry(entry.key));
    if (service) found.set(entry.file, service);
  }
  return found;
}

/** The stored check of a record's entry, for the range the record checked. */
export function readCachedCheck(
  settings: CacheSettings,
  record: CheckCache,
  entry: CachedEntry,
): CheckedService | undefined {
  return readEntry<CheckedService>(storeDir(settings.file), checkEntry(entry, record.from));
}

/** Runs a write; why it failed, or undefined. */
export function attempt(settings: CacheSettings, write: () => void): string | undefined {
  try {
    write();
    return undefined;
  } catch (error) {
    return `cannot write the cache ${settings.file}: ${(error as Error).message}`;
  }
}

/**
 * Stores the resolved services (`services`, in the record's order) and `more` entries the store does
 * not hold yet, then writes the record atomically; why they could not be written, or undefined (the
 * run's output stands regardless).
 */
export function writeRecord(
  settings: CacheSettings,
  record: CacheRecord,
  services: readonly ResolvedService[],
  more: Entries = new Map(),
): string | undefined {
  return attempt(settings, () => {
    const entries = new Map<string, unknown>(record.services.map((e, i) => [serviceEntry(e.key), services[i]]));
    for (const [name, value] of more) entries.set(name, value);
    writeEntries(storeDir(settings.file), entries);
    writeFileAtomic(settings.file, JSON.stringify(record));
  });
}

/** The stamp of `path` under `dir` as it is now; undefined when it cannot be read. */
export function stampOf(dir: string, path: string): FileStamp | undefined {
  try {
    const s = statSync(resolve(dir, path));
    return s.isFile() ? { path, size: s.size, mtimeMs: s.mtimeMs, ino: s.ino } : undefined;
  } catch {
    return undefined;
  }
}

/** True when `path` under `dir` is still the file `stamp` describes. */
export function unchanged(dir: string, stamp: FileStamp): boolean {
  const now = stampOf(dir, stamp.path);
  return now !== undefined && sameFile(now, stamp);
}

/** True when a file's size, modification time and inode are those `stamp` recorded. */
export function sameFile(now: Pick<FileStamp, "size" | "mtimeMs" | "ino">, stamp: FileStamp): boolean {
  return now.size === stamp.size && now.mtimeMs === stamp.mtimeMs && now.ino === stamp.ino;
}
