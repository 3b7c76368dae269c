/**
 * The weekly times an experiment's cron may not touch, in the spec's time zone: weekly blackouts and
 * the outside of the allowed hours. They repeat every week, so cutting them out of the cron is exact.
 * One-off freezes and the runs robfig/cron fires differently on daylight-saving change days have
 * exact dates, which a cron cannot express: the run-time gate stops those runs (`stops.ts`).
 */

import { minutesOf } from "../../core/zone.js";

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

/** Days per month in a leap year (the most a month can have; overlap checks bound day-of-month by it). */
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

/** Everything an experiment must stay out of, precomputed for fast checks. */
export interface Windows {
  /** Per minute of the week: index into `reasons` of what blocks it, or -1. */
  readonly blockedBy: Int16Array;
  /** Prefix sums of blocked minutes over two weeks (wrap-around queries). */
  readonly prefix: Int32Array;
  /** Reason names. */
  readonly reasons: readonly string[];
}

/** What the windows are built from. */
export interface WindowsInput {
  /** Weekly blackouts, by name. */
  readonly weekly: readonly (WeeklyInput & { readonly name: string })[];
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
  if (input.allowedHours) mark("outside the allowed hours", outside(weeklyRanges(input.allowedHours)));
  const prefix = new Int32Array(2 * WEEK_MINUTES + 1);
  for (let m = 0; m < 2 * WEEK_MINUTES; m++)
    prefix[m + 1] = (prefix[m] ?? 0) + ((blockedBy[m % WEEK_MINUTES] ?? -1) >= 0 ? 1 : 0);
  return { blockedBy, prefix, reasons };
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
