/**
 * Findings as a report shows them: the same finding in several regions is one row listing its
 * regions, and findings that point at a section the spec does not write are one row at the line
 * of the section's nearest written ancestor.
 */

import type { Violation } from "../core/policy/types.js";

/** One row of the findings table: a finding and every region it was found in. */
export interface FindingRow {
  /** The first violation of the group (its message names the first region). */
  readonly violation: Violation;
  /** Regions the finding was found in, in order; empty when the finding is not regional. */
  readonly regions: readonly string[];
  /** How many violations the row stands for. */
  readonly count: number;
}

/** The region a violation's resource lives in (its key's second segment), when it names one of `regions`. */
function regionOf(v: Violation, regions: readonly string[]): string | undefined {
  return v.resource
    .split("/")
    .concat(v.message.match(/\b[a-z]{2}(?:-gov)?-[a-z]+-\d\b/g) ?? [])
    .find((part) => regions.includes(part));
}

/** The text of a violation with its region and resource keys made generic, so regional copies compare equal. */
function shape(v: Violation, regions: readonly string[]): string {
  const generic = (text: string): string => regions.reduce((t, r) => t.split(r).join("<region>"), text);
  return [v.level, v.policy, v.service, v.file, v.line ?? "", generic(v.message)].join("\u0000");
}

/** Groups violations that differ only by region into one row each, keeping first-seen order. */
export function findingRows(violations: readonly Violation[], regions: readonly string[]): FindingRow[] {
  const rows = new Map<string, { violation: Violation; regions: string[]; count: number }>();
  for (const v of violations) {
    const key = shape(v, regions);
    const region = regionOf(v, regions);
    const row = rows.get(key);
    if (!row) {
      rows.set(key, { violation: v, regions: region ? [region] : [], count: 1 });
      continue;
    }
    row.count += 1;
    if (region && !row.regions.includes(region)) row.regions.push(region);
  }
  return [...rows.values()];
}
