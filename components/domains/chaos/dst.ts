/**
 * Where Chaos Mesh's scheduler misfires on a daylight-saving change day. robfig/cron v3.0.1 re-checks
 * the day only when its hour search wraps to 00:00, so where a change skips midnight the changeover
 * day gains or loses a run, and a 30-minute change shifts its minute search. A cron is checked around
 * every change of its zone in the years the zone's changes are scanned (2020–2039): the runs robfig
 * fires (`core/cron-next.ts`) must be exactly the cron's wall-clock matches that exist once.
 * @see https://github.com/robfig/cron/blob/v3.0.1/spec.go
 */

import type { CronFields } from "../../core/cron.js";
import { robfigFirings } from "../../core/cron-next.js";
import { offsetAt, toWall, zoneChanges } from "../../core/zone.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A run robfig fires that the cron does not mean, or one the cron means that robfig skips. */
export interface Misfire {
  /** `extra`: fired though the cron does not match; `missed`: the cron matches but nothing fires. */
  readonly kind: "extra" | "missed";
  /** The instant (epoch milliseconds). */
  readonly at: number;
}

/** The first misfire of `cron` in `zone` around any change of the zone's offset, or undefined. */
export function dstMisfire(cron: CronFields, zone: string): Misfire | undefined {
  for (const change of zoneChanges(zone)) {
    const from = change - DAY;
    const until = change + DAY;
    const fired = robfigFirings(cron, zone, from, until);
    const meant = intended(cron, zone, from, until);
    const extra = fired.find((t) => !meant.includes(t));
    const missed = meant.find((t) => !fired.includes(t));
    if (extra !== undefined || missed !== undefined)
      return extra !== undefined && (missed === undefined || extra <= missed)
        ? { kind: "extra", at: extra }
        : { kind: "missed", at: missed ?? change };
  }
  return undefined;
}

/** The cron's wall-clock matches in `[from, until)` that exist exactly once in the zone. */
function intended(cron: CronFields, zone: string, from: number, until: number): number[] {
  const runs: number[] = [];
  const first = Math.floor(toWall(from, zone) / DAY) * DAY - DAY;
  for (let day = first; day <= toWall(until, zone) + DAY; day += DAY) {
    const date = new Date(day);
    if (!cron.month.values.includes(date.getUTCMonth() + 1) || !dayMatches(cron, date)) continue;
    for (const hour of cron.hour.values)
      for (const minute of cron.minute.values) {
        const at = onlyInstant(day + hour * HOUR + minute * 60_000, zone);
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

/** The instant of a local wall time when it exists exactly once (not skipped, not repeated). */
function onlyInstant(wall: number, zone: string): number | undefined {
  const offsets = new Set([offsetAt(wall - DAY, zone), offsetAt(wall + DAY, zone), offsetAt(wall, zone)]);
  const instants = [...offsets].map((o) => wall - o).filter((t) => toWall(t, zone) === wall);
  return new Set(instants).size === 1 ? instants[0] : undefined;
}
