/**
 * What the cache knows of a `plan` or `check` run before it loads anything ({@link recall}), and
 * once the stack is loaded, what each service takes from the others ({@link sharesOf}): a service
 * is reused only when both are unchanged.
 */

import type { ResolvedService } from "../../components/core/spec/service.js";
import { stackShareOf } from "../../components/plan/index.js";
import { readSpecTexts } from "../../components/spec/load.js";
import {
  type CacheRecord,
  type CacheSettings,
  fleetKey,
  readCachedServices,
  readRecord,
  serviceKey,
  shareKey,
  stackKey,
} from "./cache.js";
import type { FleetFiles, KnownServices } from "./threads.js";

/** A fleet run and its cache. */
export interface CacheInput extends FleetFiles {
  /** Where the record is kept and which build runs; none: nothing is reused. */
  readonly cache?: CacheSettings;
}

/** What the cache knows of a run before it loads anything. */
export interface Recalled<R extends CacheRecord = CacheRecord> {
  /** The previous run's record, when it fits this build and stack config. */
  readonly record?: R;
  /** Each spec file's key, by file (empty without a cache). */
  readonly keys: ReadonlyMap<string, string>;
  /** {@link fleetKey} of this run. */
  readonly fleet: string;
  /** {@link stackKey} of the run's stack config (empty without a cache). */
  readonly stack: string;
}

/** Reads the specs' texts and keys each spec and the run; nothing without a cache. */
export function fingerprint(run: CacheInput): Recalled<never> {
  if (!run.cache) return { keys: new Map(), fleet: "", stack: "" };
  const stack = stackKey(run.stack);
  const { texts } = readSpecTexts(run.files, run.cwd, run.root);
  const keys = new Map(texts.map((t) => [t.file, serviceKey(run.cache!.tool, stack, t.file, t.text)]));
  return { keys, fleet: fleetKey(run.files.map((file) => `${file}\0${keys.get(file) ?? ""}`)), stack };
}

/** {@link fingerprint}, with the previous run's record when it fits this build and stack config. */
export function recall<R extends CacheRecord>(run: CacheInput, known: Recalled<never> = fingerprint(run)): Recalled<R> {
  const record = run.cache && readRecord<R>(run.cache, known.stack);
  return record ? { ...known, record } : known;
}

/** The services the record holds under the same key, read from the store: they are not loaded again. */
export function knownServices(run: CacheInput, recalled: Recalled): KnownServices {
  const record = recalled.record;
  if (!record || !run.cache) return { services: new Map(), checked: false };
  const services = readCachedServices(run.cache, record, recalled.keys);
  return { services, checked: record.fleet === recalled.fleet && services.size === run.files.length };
}

/**
 * Each service's {@link shareKey}, by spec file: carried over when nothing changed, else computed;
 * none without a cache.
 */
export function sharesOf(
  run: CacheInput,
  recalled: Recalled,
  known: KnownServices,
  all: readonly ResolvedService[],
): ReadonlyMap<string, string> {
  if (!run.cache) return new Map();
  if (known.checked && recalled.record) return new Map(recalled.record.services.map((s) => [s.file, s.share]));
  return new Map(all.map((s) => [s.file, shareKey(stackShareOf(all, run.stack, s.name))]));
}
