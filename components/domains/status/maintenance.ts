/**
 * Maintenance windows as a PromQL condition that holds while one is open. Weekly windows are read as
 * chaos blackouts are (`weeklyRanges`: days, from, to in the zone's wall time) and one-off windows
 * (`start`/`end`) are absolute. Prometheus knows only UTC (`day_of_week()`, `hour()`, `month()`), so
 * a weekly window becomes UTC minutes of the week under each offset the zone has in that UTC month:
 * exact in months with one offset, and in the months of a daylight-saving change open under both
 * offsets (up to one hour longer, never shorter). Pure.
 * @see https://prometheus.io/docs/prometheus/2.42/querying/functions/#day_of_week
 */

import { offsetAt, parseLocal } from "../../core/zone.js";
import { WEEK_MINUTES, weeklyRanges } from "../chaos/windows.js";
import type { MaintenanceWindowInput } from "./schema.js";

const DAY = 86_400_000;
const MINUTE = 60_000;

/** Years scanned for the offsets a zone has in each month (its rules as the time-zone database knows them). */
const OFFSET_SCAN = { fromYear: 2024, toYear: 2040 } as const;

/** UTC minute of the week (Sunday 00:00 is 0), as PromQL computes it at evaluation time. */
export const MINUTE_OF_WEEK = "(day_of_week() * 1440 + hour() * 60 + minute())";

const offsetCache = new Map<string, readonly (readonly number[])[]>();

/** The UTC offsets, in minutes, a zone has at some time of each UTC month (index 0 is January). */
export function monthOffsets(zone: string): readonly (readonly number[])[] {
  const cached = offsetCache.get(zone);
  if (cached) return cached;
  const months = Array.from({ length: 12 }, () => new Set<number>());
  let previous = offsetAt(Date.UTC(OFFSET_SCAN.fromYear, 0, 1), zone) / MINUTE;
  for (let t = Date.UTC(OFFSET_SCAN.fromYear, 0, 1); t < Date.UTC(OFFSET_SCAN.toYear, 0, 1); t += DAY) {
    const next = offsetAt(t + DAY, zone) / MINUTE;
    const month = months[new Date(t).getUTCMonth()];
    month?.add(previous);
    month?.add(next);
    previous = next;
  }
  const result = months.map((set) => [...set].sort((a, b) => a - b));
  offsetCache.set(zone, result);
  return result;
}

/** Weekly local ranges shifted to UTC by `offset` minutes, folded into one week and merged. */
export function utcRanges(
  local: readonly (readonly [number, number])[],
  offsets: readonly number[],
): [number, number][] {
  const pieces: [number, number][] = [];
  for (const offset of offsets) {
    for (const [from, to] of local) {
      const start = (((from - offset) % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
      const end = start + (to - from);
      if (end <= WEEK_MINUTES) pieces.push([start, end]);
      else pieces.push([start, WEEK_MINUTES], [0, end - WEEK_MINUTES]);
    }
  }
  return merge(pieces);
}

function merge(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

/** The instant (Unix milliseconds) of a local date-time in `zone`. */
export function instantOf(local: string, zone: string): number {
  const wall = parseLocal(local);
  return wall - offsetAt(wall - offsetAt(wall, zone), zone);
}

/** `month() ...` for a set of months (1–12), as runs of consecutive months; undefined for every month. */
function monthCondition(months: readonly number[]): string | undefined {
  if (months.length === 12) return undefined;
  const runs: [number, number][] = [];
  for (const m of months) {
    const last = runs[runs.length - 1];
    if (last && m === last[1] + 1) last[1] = m;
    else runs.push([m, m]);
  }
  return runs.map(([a, b]) => (a === b ? `month() == ${a}` : `month() >= ${a} <= ${b}`)).join(" or ");
}

/** The condition for the weekly windows: per group of months with the same offsets, their UTC minutes of the week. */
function weeklyClauses(windows: readonly MaintenanceWindowInput[], zone: string): string[] {
  const local = windows.flatMap((w) => weeklyRanges(w));
  if (local.length === 0) return [];
  const groups = new Map<string, number[]>();
  monthOffsets(zone).forEach((offsets, month) =>
    groups.set(offsets.join(","), [...(groups.get(offsets.join(",")) ?? []), month + 1]),
  );
  return [...groups].map(([key, months]) => {
    const ranges = utcRanges(local, key.split(",").map(Number));
    const week = ranges.map(([from, to]) => `${MINUTE_OF_WEEK} >= ${from} < ${to}`).join(" or ");
    const when = monthCondition(months);
    return when === undefined ? week : `(${week}) and on() (${when})`;
  });
}

/**
 * A PromQL expression with one sample (value 1, no labels) while a maintenance window is open and
 * none otherwise; undefined when there are no windows.
 */
export function maintenanceExpr(windows: readonly MaintenanceWindowInput[], zone: string): string | undefined {
  const weekly = windows.filter((w) => w.start === undefined);
  const oneOff = windows.filter((w) => w.start !== undefined && w.end !== undefined);
  const clauses = [
    ...weeklyClauses(weekly, zone),
    ...oneOff.map(
      (w) => `vector(time()) >= ${instantOf(w.start ?? "", zone) / 1000} < ${instantOf(w.end ?? "", zone) / 1000}`,
    ),
  ];
  if (clauses.length === 0) return undefined;
  return `vector(1) and on() (\n  ${clauses.map((c) => `(${c})`).join("\n  or\n  ")}\n)`;
}
