/**
 * Where Chaos Mesh's scheduler misfires on a daylight-saving change day. robfig/cron v3.0.1 re-checks
 * the day only when its hour search wraps to 00:00, so where a change skips midnight the changeover
 * day gains or loses a run, and a 30-minute change shifts its minute search. A cron is followed around
 * every change of its zone in the years the zone's changes are scanned (2020–2039): the runs robfig
 * fires (`core/cron-next.ts`) are compared with the cron's wall-clock matches (once each: a repeated
 * time means its first occurrence, a skipped time means no run).
 * @see https://github.com/robfig/cron/blob/v3.0.1/spec.go
 */

import type { CronFields } from "../../core/cron.js";
import { robfigFirings } from "../../core/cron-next.js";
import { remembered } from "../../core/memo.js";
import { offsetAt, toWall, zoneChanges } from "../../core/zone.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How robfig fires a cron around every change of its zone's offset. */
export interface ChangeDayRuns {
  /** Every run robfig fires within a day of a change (epoch milliseconds, ascending). */
  readonly fired: readonly number[];
  /** Runs robfig fires that the cron does not mean (a repeated hour, or a day re-checked too late). */
  readonly extra: readonly number[];
  /** Runs the cron means that robfig never fires. */
  readonly missed: readonly number[];
}

/** Most distinct (cron, zone) pairs whose change-day runs are kept. */
const MEMO_LIMIT = 1_000;

/** Change-day runs already followed, by cron fields and zone: a fleet shares a handful of schedules. */
const memo = new Map<string, ChangeDayRuns>();

/**
 * The runs of `cron` in `zone` within a day of each offset change in the scanned years. Pure, and
 * remembered for the run: the result depends on the cron's fields and the zone only.
 */
export function changeDayRuns(cron: CronFields, zone: string): ChangeDayRuns {
  return remembered(memo, MEMO_LIMIT, `${zone} ${JSON.stringify(cron)}`, () => followChanges(cron, zone));
}

function followChanges(cron: CronFields, zone: string): ChangeDayRuns {
  const fired: number[] = [];
  const extra: number[] = [];
  const missed: number[] = [];
  for (const change of zoneChanges(zone)) {
    const from = change - DAY;
    const until = change + DAY;
    const runs = robfigFirings(cron, zone, from, until);
    const meant = new Set(intended(cron, zone, from, until));
    fired.push(...runs);
    extra.push(...runs.filter((t) => !meant.has(t)));
    const got = new Set(runs);
    missed.push(...[...meant].filter((t) => !got.has(t)));
  }
  const unique = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);
  return Object.freeze({ fired: unique(fired), extra: unique(extra), missed: unique(missed) });
}

/** The cron's wall-clock matches in `[from, until)`: once each, at the first instant of a repeated time; a skipped time has none. */
function intended(cron: CronFields, zone: string, from: number, until: number): number[] {
  const runs: number[] = [];
  const first = Math.floor(toWall(from, zone) / DAY) * DAY - DAY;
  for (let day = first; day <= toWall(until, zone) + DAY; day += DAY) {
    const date = new Date(day);
    if (!cron.month.values.includes(date.getUTCMonth() + 1) || !dayMatches(cron, date)) continue;
    for (const hour of cron.hour.values)
      for (const minute of cron.minute.values) {
        const at = firstInstant(day + hour * HOUR + minute * 60_000, zone);
        if (at !== undefined && at >= from && at < until) runs.push(at);
      }
  }
  return runs.sort((a, b) => a - b);
}

function dayMatches(cron: CronFields, date: Date): boolean {
  const dom = cron.dom.values.includes(date.getUTCDate());
  const dow = cron.dow.values.includes(date.getUTCDay());
  return cron.dom.star || cron.dow.star ? dom && dow : dom || dow;
}

/** The first instant of a local wall time, or undefined when the clock skips it. */
function firstInstant(wall: number, zone: string): number | undefined {
  const offsets = new Set([offsetAt(wall - DAY, zone), offsetAt(wall + DAY, zone), offsetAt(wall, zone)]);
  const instants = [...offsets].map((o) => wall - o).filter((t) => toWall(t, zone) === wall);
  return instants.length === 0 ? undefined : Math.min(...instants);
}
