/**
 * The cache's store: one file per entry in a folder beside the record, named after everything its
 * contents follow from (a spec's key; for a check, also its share of the stack and the range
 * checked). A run writes only the entries the store does not hold yet and rewrites the small
 * record, so a change to one spec of a large fleet writes one or two entries instead of rewriting
 * every service's. An entry that cannot be read is removed, so the next run stores it again.
 */

import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readUtf8 } from "../read-text.js";

/** The store of the record at `recordFile` (`<record>.store/`). */
export function storeDir(recordFile: string): string {
  return recordFile.replace(/\.json$/, ".store");
}

/** The entry `name` of the store in `dir`; undefined when there is none, and removed when it is damaged. */
export function readEntry<T>(dir: string, name: string): T | undefined {
  const path = join(dir, `${name}.json`);
  let text: string;
  try {
    text = readUtf8(path);
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    rmSync(path, { force: true });
    return undefined;
  }
}

/** Entries to store, by name. */
export type Entries = ReadonlyMap<string, unknown>;

/**
 * Stores each entry the store does not hold yet (each written beside its name and renamed into
 * place, so a reader never sees half of one), then removes the entries `entries` does not name
 * once they outnumber those it does.
 * @throws when the folder or an entry cannot be written.
 */
export function writeEntries(dir: string, entries: Entries): void {
  mkdirSync(dir, { recursive: true });
  const present = new Set(readdirSync(dir));
  for (const [name, value] of entries) {
    const file = `${name}.json`;
    if (present.has(file)) continue;
    const temporary = join(dir, `.${file}.${process.pid}`);
    writeFileSync(temporary, JSON.stringify(value));
    renameSync(temporary, join(dir, file));
    present.add(file);
  }
  if (present.size <= 2 * entries.size + PRUNE_SLACK) return;
  for (const file of present) if (!entries.has(file.replace(/\.json$/, ""))) rmSync(join(dir, file), { force: true });
}

/** Entries beyond twice those in use that a store keeps before it is pruned. */
const PRUNE_SLACK = 64;
