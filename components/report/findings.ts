/**
 * Findings as a report shows them: the same finding in several regions is one row listing its
 * regions, and every finding that needs a section the spec does not write at all is part of one row
 * for that section, at the line of its nearest written ancestor.
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
  /** The violations of the row's distinct findings, first of each (more than one only for a missing section). */
  readonly findings: readonly Violation[];
  /** The section the spec does not write that every finding of the row needs, when the row is about one. */
  readonly section?: string;
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

/**
 * Groups violations that differ only by region into one row each, and every violation that needs the
 * same missing section of a service's spec into one row, keeping first-seen order (so the first
 * violation of a row, whose level the row shows, is the most severe when mandatory ones come first).
 */
export function findingRows(violations: readonly Violation[], regions: readonly string[]): FindingRow[] {
  const rows = new Map<
    string,
    {
      violation: Violation;
      regions: string[];
      count: number;
      findings: Violation[];
      shapes: Set<string>;
      section?: string;
    }
  >();
  for (const v of violations) {
    const finding = shape(v, regions);
    const key = v.section === undefined ? finding : ["section", v.service, v.file, v.section].join("\u0000");
    const region = regionOf(v, regions);
    const row = rows.get(key);
    if (!row) {
      rows.set(key, {
        violation: v,
        regions: region ? [region] : [],
        count: 1,
        findings: [v],
        shapes: new Set([finding]),
        ...(v.section === undefined ? {} : { section: v.section }),
      });
      continue;
    }
    row.count += 1;
    if (region && !row.regions.includes(region)) row.regions.push(region);
    if (!row.shapes.has(finding)) {
      row.shapes.add(finding);
      row.findings.push(v);
    }
  }
  return [...rows.values()].map(({ shapes: _shapes, ...row }) => row);
}
