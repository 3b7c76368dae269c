/**
 * When robfig/cron v3.0.1 (the scheduler of Chaos Mesh 2.8) fires a parsed five-field cron in a time
 * zone: its `SpecSchedule.Next` search, step by step, with Go's `time.Date`, `AddDate`, `Add` and
 * `Truncate` semantics, so daylight-saving days come out as Chaos Mesh runs them rather than as a
 * calendar library would. robfig's search re-checks the day only when an hour step wraps to 00:00: where a
 * change skips midnight, the changeover day can gain or lose a run; after a 30-minute shift the
 * minute search continues from :30. A local time a change skips is normalised by Go (02:30 in a
 * 02:00→03:00 gap is 03:30), and a repeated hour fires once per pass of the clock through it.
 * @see https://github.com/robfig/cron/blob/v3.0.1/spec.go
 * @see https://pkg.go.dev/time#Date
 */

import type { CronFields } from "./cron.js";
import { offsetAt, toWall } from "./zone.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Wall-clock fields of an instant in a zone, as Go's `Time` methods read them. */
interface Wall {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly weekday: number;
}

function wallOf(instant: number, zone: string): Wall {
  const w = new Date(toWall(instant, zone));
  return {
    year: w.getUTCFullYear(),
    month: w.getUTCMonth() + 1,
    day: w.getUTCDate(),
    hour: w.getUTCHours(),
    minute: w.getUTCMinutes(),
    second: w.getUTCSeconds(),
    weekday: w.getUTCDay(),
  };
}

/**
 * Go's `time.Date` in a zone: out-of-range fields carry over, and a local time that does not exist
 * (or exists twice) gets the offset Go's lookup gives it: the offset at the local time read as UTC,
 * corrected once by the offset at the instant that gives.
 */
function goDate(zone: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const guess = offsetAt(local, zone);
  return local - offsetAt(local - guess, zone);
}

/** Go's `AddDate(0, months, days)`: the same wall clock, the date moved, normalised by `time.Date`. */
function addDate(instant: number, zone: string, months: number, days: number): number {
  const w = wallOf(instant, zone);
  return goDate(zone, w.year, w.month + months, w.day + days, w.hour, w.minute, w.second);
}

function has(values: readonly number[], value: number): boolean {
  return values.includes(value);
}

function dayMatches(f: CronFields, w: Wall): boolean {
  const dom = has(f.dom.values, w.day);
  const dow = has(f.dow.values, w.weekday);
  return f.dom.star || f.dow.star ? dom && dow : dom || dow;
}

/** One search state: the candidate instant and whether it was already reset to a field's start. */
interface Search {
  t: number;
  added: boolean;
}

type Step = "wrap" | "next";

function monthStep(f: CronFields, zone: string, s: Search): Step {
  while (!has(f.month.values, wallOf(s.t, zone).month)) {
    if (!s.added) {
      const w = wallOf(s.t, zone);
      s.added = true;
      s.t = goDate(zone, w.year, w.month, 1);
    }
    s.t = addDate(s.t, zone, 1, 0);
    if (wallOf(s.t, zone).month === 1) return "wrap";
  }
  return "next";
}

function dayStep(f: CronFields, zone: string, s: Search): Step {
  while (!dayMatches(f, wallOf(s.t, zone))) {
    if (!s.added) {
      const w = wallOf(s.t, zone);
      s.added = true;
      s.t = goDate(zone, w.year, w.month, w.day);
    }
    s.t = addDate(s.t, zone, 0, 1);
    const hour = wallOf(s.t, zone).hour;
    if (hour !== 0) s.t += hour > 12 ? (24 - hour) * HOUR : -hour * HOUR;
    if (wallOf(s.t, zone).day === 1) return "wrap";
  }
  return "next";
}

function hourStep(f: CronFields, zone: string, s: Search): Step {
  while (!has(f.hour.values, wallOf(s.t, zone).hour)) {
    if (!s.added) {
      const w = wallOf(s.t, zone);
      s.added = true;
      s.t = goDate(zone, w.year, w.month, w.day, w.hour);
    }
    s.t += HOUR;
    if (wallOf(s.t, zone).hour === 0) return "wrap";
  }
  return "next";
}

/** The minute search; the cron's second is always 0 (five fields), which the same loop handles. */
function clockStep(values: readonly number[], unit: number, read: (w: Wall) => number, zone: string, s: Search): Step {
  while (!has(values, read(wallOf(s.t, zone)))) {
    if (!s.added) {
      s.added = true;
      s.t = Math.floor(s.t / unit) * unit;
    }
    s.t += unit;
    if (read(wallOf(s.t, zone)) === 0) return "wrap";
  }
  return "next";
}

const STEPS: readonly ((f: CronFields, zone: string, s: Search) => Step)[] = [
  monthStep,
  dayStep,
  hourStep,
  (f, zone, s) => clockStep(f.minute.values, MINUTE, (w) => w.minute, zone, s),
  (_, zone, s) => clockStep([0], SECOND, (w) => w.second, zone, s),
];

/**
 * The first instant after `after` (epoch milliseconds) at which robfig/cron v3.0.1 fires `fields` in
 * `zone` (its `CRON_TZ=` prefix), or undefined when there is none within five years, as robfig gives up.
 */
export function robfigNext(fields: CronFields, zone: string, after: number): number | undefined {
  const s: Search = { t: Math.floor(after / SECOND) * SECOND + SECOND, added: false };
  const yearLimit = wallOf(s.t, zone).year + 5;
  for (;;) {
    if (wallOf(s.t, zone).year > yearLimit) return undefined;
    if (STEPS.every((step) => step(fields, zone, s) === "next")) return s.t;
  }
}

/** Every robfig firing of `fields` in `zone` within `[from, until)` (epoch milliseconds), in order. */
export function robfigFirings(fields: CronFields, zone: string, from: number, until: number): number[] {
  const runs: number[] = [];
  for (let t = robfigNext(fields, zone, from - SECOND); t !== undefined && t < until; t = robfigNext(fields, zone, t))
    runs.push(t);
  return runs;
}
