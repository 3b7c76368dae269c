/**
 * The times an experiment may not touch, in the spec's time zone: weekly blackouts, the outside of
 * the allowed hours, daylight-saving changes (all repeating every week) and one-off freezes (applied
 * to the same calendar dates every year, because a cron has no year field).
 */

import { dstWindows, minutesOf, parseLocal } from "../../core/zone.js";

/** Minutes in a week; minute 0 is Sunday 00:00 (cron's day-of-week 0). */
export const WEEK_MINUTES = 7 * 1440;

/** Cron day-of-week numbers of the spec's day names. */
export const WEEKDAY_NUMBER: Readonly<Record<string, number>> = {
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
};

/** Day names by cron day-of-week number. */
export const WEEKDAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/** Days per month in a leap year (the calendar one-off freezes are projected onto). */
export const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** A weekly window as the spec writes it. */
export interface WeeklyInput {
  /** Days it applies to (default: every day). */
  readonly days?: readonly string[] | undefined;
  /** Start `HH:MM` (default 00:00). */
  readonly from?: string | undefined;
  /** End `HH:MM`, exclusive (default 24:00); at or before `from` it ends the next day. */
  readonly to?: string | undefined;
}

/** A one-off freeze as local wall times. */
export interface Freeze {
  /** Blackout name. */
  readonly name: string;
  /** Start, wall time (UTC-encoded ms). */
  readonly start: number;
  /** End, exclusive, wall time. */
  readonly end: number;
}

/** Everything an experiment must stay out of, precomputed for fast checks. */
export interface Windows {
  /** Per minute of the week: index into `reasons` of what blocks it, or -1. */
  readonly blockedBy: Int16Array;
  /** Prefix sums of blocked minutes over two weeks (wrap-around queries). */
  readonly prefix: Int32Array;
  /** Per day of the leap-year calendar: blocked minute ranges `[from, to)` with their reason. */
  readonly dayCover: readonly (readonly [number, number, number][])[];
  /** Calendar days (ascending) on which a freeze may block a run: covered days and the two before each (runs spill past midnight). */
  readonly freezeDays: readonly number[];
  /** Reason names. */
  readonly reasons: readonly string[];
}

/** What the windows are built from. */
export interface WindowsInput {
  /** IANA zone (for its daylight-saving changes). */
  readonly timezone: string;
  /** Weekly blackouts, by name. */
  readonly weekly: readonly (WeeklyInput & { readonly name: string })[];
  /** One-off freezes. */
  readonly freezes: readonly Freeze[];
  /** When set, runs must lie inside these hours. */
  readonly allowedHours?: WeeklyInput;
}

/** Minute-of-week ranges `[from, to)` a weekly window covers (may extend past the week's end). */
export function weeklyRanges(w: WeeklyInput): [number, number][] {
  const from = minutesOf(w.from ?? "00:00");
  const to = minutesOf(w.to ?? "24:00");
  const length = to > from ? to - from : to + 1440 - from;
  const days = (w.days ?? WEEKDAY_NAMES).map((d) => WEEKDAY_NUMBER[d] ?? 0);
  return days.map((d) => [d * 1440 + from, d * 1440 + from + length]);
}

/** Windows already built, by input (blackout sets repeat across services); bounded. */
const built = new Map<string, Windows>();
const BUILT_LIMIT = 256;

/** Builds the windows of a service's chaos section (memoised: a pure function of its input). */
export function buildWindows(input: WindowsInput): Windows {
  const key = JSON.stringify(input);
  const cached = built.get(key);
  if (cached) return cached;
  const windows = computeWindows(input);
  if (built.size >= BUILT_LIMIT) built.delete(built.keys().next().value as string);
  built.set(key, windows);
  return windows;
}

function computeWindows(input: WindowsInput): Windows {
  const reasons: string[] = [];
  const blockedBy = new Int16Array(WEEK_MINUTES).fill(-1);
  const mark = (reason: string, ranges: readonly [number, number][]) => {
    const index = reasons.push(reason) - 1;
    for (const [from, to] of ranges)
      for (let m = from; m < to; m++) if (blockedBy[m % WEEK_MINUTES] === -1) blockedBy[m % WEEK_MINUTES] = index;
  };
  for (const w of input.weekly) mark(`blackout ${w.name}`, weeklyRanges(w));
  const dst = dstWindows(input.timezone).flatMap((w) =>
    WEEKDAY_NAMES.map((_, d): [number, number] => [d * 1440 + w.from, d * 1440 + (w.to > w.from ? w.to : w.to + 1440)]),
  );
  if (dst.length > 0) mark("daylight-saving change", dst);
  if (input.allowedHours) mark("outside the allowed hours", outside(weeklyRanges(input.allowedHours)));
  const prefix = new Int32Array(2 * WEEK_MINUTES + 1);
  for (let m = 0; m < 2 * WEEK_MINUTES; m++)
    prefix[m + 1] = (prefix[m] ?? 0) + ((blockedBy[m % WEEK_MINUTES] ?? -1) >= 0 ? 1 : 0);
  const dayCover = freezeCover(input.freezes, reasons);
  return { blockedBy, prefix, dayCover, freezeDays: daysNear(dayCover), reasons };
}

function outside(allowed: readonly [number, number][]): [number, number][] {
  const open = new Uint8Array(WEEK_MINUTES);
  for (const [from, to] of allowed) for (let m = from; m < to; m++) open[m % WEEK_MINUTES] = 1;
  const ranges: [number, number][] = [];
  for (let m = 0; m < WEEK_MINUTES; m++) {
    if (open[m]) continue;
    const start = m;
    while (m < WEEK_MINUTES && !open[m]) m++;
    ranges.push([start, m]);
  }
  return ranges;
}

/** What blocks a run starting at `start` (minute of week) for `length` minutes, or undefined when it is free. */
export function weeklyBlock(w: Windows, start: number, length: number): string | undefined {
  const s = start % WEEK_MINUTES;
  if ((w.prefix[s + length] ?? 0) - (w.prefix[s] ?? 0) === 0) return undefined;
  for (let m = s; m < s + length; m++) {
    const reason = w.blockedBy[m % WEEK_MINUTES] ?? -1;
    if (reason >= 0) return w.reasons[reason];
  }
  return undefined;
}

/** Day of the leap-year calendar on which each month (1–12, at index month − 1) starts. */
const MONTH_START = MONTH_DAYS.map((_, m) => MONTH_DAYS.slice(0, m).reduce((a: number, b) => a + b, 0));

/** Day of the leap-year calendar (0–365) of a month (1–12) and day. */
export function dayIndex(month: number, day: number): number {
  return (MONTH_START[month - 1] ?? 0) + day - 1;
}

/** Month (1–12) and day of a day of the leap-year calendar (0–365). */
export const CALENDAR: readonly { readonly month: number; readonly day: number }[] = MONTH_DAYS.flatMap((days, m) =>
  Array.from({ length: days }, (_, d) => ({ month: m + 1, day: d + 1 })),
);

function daysNear(cover: readonly (readonly unknown[])[]): number[] {
  const days = new Set<number>();
  cover.forEach((ranges, day) => {
    if (ranges.length > 0) for (const back of [0, 1, 2]) days.add((day - back + 366) % 366);
  });
  return [...days].sort((a, b) => a - b);
}

const FEB_28 = dayIndex(2, 28);

/** What freeze blocks a run on calendar day `index` from `start` for `length` minutes (any year), if any. */
export function freezeBlock(w: Windows, index: number, start: number, length: number): string | undefined {
  const spills = start + length > 1440;
  if (
    (w.dayCover[index % 366]?.length ?? 0) === 0 &&
    (!spills || (w.dayCover[(index + 1) % 366]?.length ?? 0) + (w.dayCover[(index + 2) % 366]?.length ?? 0) === 0)
  )
    return undefined;
  const hit = (day: number, from: number, to: number) => w.dayCover[day % 366]?.find(([a, b]) => a < to && from < b);
  const same = hit(index, start, start + length);
  if (same) return w.reasons[same[2]];
  if (start + length <= 1440) return undefined;
  const nextDays = index === FEB_28 ? [index + 1, index + 2] : [index + 1];
  for (const next of nextDays) {
    const spill = hit(next, 0, start + length - 1440);
    if (spill) return w.reasons[spill[2]];
  }
  return undefined;
}

const DAY = 86_400_000;

/** Years a freeze is projected onto, relative to its own (a leap cycle on either side of it). */
const PROJECTED_YEARS = [-1, 0, 1, 2, 3, 4] as const;

function freezeCover(freezes: readonly Freeze[], reasons: string[]): [number, number, number][][] {
  const cover: [number, number, number][][] = Array.from({ length: 366 }, () => []);
  for (const f of freezes) {
    const reason = reasons.push(`freeze ${f.name} (applied every year)`) - 1;
    const s = new Date(f.start);
    const e = new Date(f.end);
    for (const k of PROJECTED_YEARS) {
      const start = Date.UTC(
        s.getUTCFullYear() + k,
        s.getUTCMonth(),
        s.getUTCDate(),
        s.getUTCHours(),
        s.getUTCMinutes(),
      );
      const end = Date.UTC(e.getUTCFullYear() + k, e.getUTCMonth(), e.getUTCDate(), e.getUTCHours(), e.getUTCMinutes());
      for (let day = Math.floor(start / DAY) * DAY; day < end; day += DAY) {
        const d = new Date(day);
        const from = Math.max(start, day) - day;
        const to = Math.min(end, day + DAY) - day;
        if (to > from) cover[dayIndex(d.getUTCMonth() + 1, d.getUTCDate())]?.push([from / 60_000, to / 60_000, reason]);
      }
    }
  }
  return cover;
}

/** A freeze from its spec strings. */
export function freezeOf(name: string, start: string, end: string): Freeze {
  return { name, start: parseLocal(start), end: parseLocal(end) };
}
