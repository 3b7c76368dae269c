/**
 * The whole result of the last `reliability check` of a stack, kept beside its record: a check of
 * the very same specs, stack config, build and hour reads only this file.
 */

import { closeSync, openSync, readSync } from "node:fs";
import type { Plan } from "../../components/core/plan/types.js";
import type { Violation } from "../../components/core/policy/types.js";
import { writeFileAtomic } from "../../components/render/files.js";
import { readUtf8 } from "../read-text.js";
import { attempt, CACHE_FORMAT, type CacheSettings } from "./cache.js";

/** What a whole `check` run found, kept beside its record: a run of the very same fleet at the same time reads only this. */
export interface CheckResult {
  /** The record's layout. */
  readonly format: typeof CACHE_FORMAT;
  /** `toolFingerprint` of the build. */
  readonly tool: string;
  /** Hash of the stack config. */
  readonly stack: string;
  /** {@link fleetKey} of the run. */
  readonly fleet: string;
  /** Start of the range the clock-reading rules checked. */
  readonly from: string;
  /** The plan the report reads. */
  readonly plan: Plan;
  /** Every violation, located. */
  readonly violations: readonly Violation[];
}

/**
 * The result beside the check record, when it is of this build, stack config, fleet and range. The
 * file's first line says which run it is, so a result of another run is not parsed whole.
 */
export function readCheckResult(
  settings: CacheSettings,
  expected: Pick<CheckResult, "stack" | "fleet" | "from">,
): CheckResult | undefined {
  const path = resultFile(settings);
  try {
    const header = JSON.parse(firstLine(path)) as Partial<CheckResult>;
    const fits =
      header.format === CACHE_FORMAT &&
      header.tool === settings.tool &&
      header.stack === expected.stack &&
      header.fleet === expected.fleet &&
      header.from === expected.from;
    if (!fits) return undefined;
    const text = readUtf8(path);
    return { ...(header as CheckResult), ...(JSON.parse(text.slice(text.indexOf("\n") + 1)) as object) };
  } catch {
    return undefined;
  }
}

/** Longest first line {@link firstLine} reads. */
const HEADER_BYTES = 4096;

/** The first line of a file, read on its own; throws when there is none within {@link HEADER_BYTES}. */
function firstLine(path: string): string {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const read = readSync(fd, buffer, 0, HEADER_BYTES, 0);
    const end = buffer.subarray(0, read).indexOf(10);
    if (end < 0) throw new Error(`no line break in the first ${HEADER_BYTES} bytes of ${path}`);
    return buffer.toString("utf8", 0, end);
  } finally {
    closeSync(fd);
  }
}

/** Writes the result beside the check record; why it could not be written, or undefined. */
export function writeCheckResult(settings: CacheSettings, result: CheckResult): string | undefined {
  const { plan, violations, ...header } = result;
  const text = `${JSON.stringify(header)}\n${JSON.stringify({ plan, violations })}`;
  return attempt(settings, () => writeFileAtomic(resultFile(settings), text));
}

/** The result's file, beside the record: `<record>.result.json`. */
function resultFile(settings: CacheSettings): string {
  return settings.file.replace(/\.json$/, ".result.json");
}
