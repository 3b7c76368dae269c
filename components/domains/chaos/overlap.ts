/**
 * Proves that no two runs of a service can overlap: for every pair of Schedules (any experiment,
 * any region) whose days can coincide in some year, their runs' times of day must not intersect.
 * Every cron here has day-of-month or day-of-week unrestricted, so a day-of-month and a weekday
 * always coincide in some year; runs past midnight are assumed to meet the next day's runs.
 */

import type { CronFields } from "../../core/cron.js";
import { MONTH_DAYS, WEEKDAY_NAMES } from "./windows.js";
import { clock } from "../../core/zone.js";

/** One Schedule's runs. */
export interface Slot {
  /** Experiment name. */
  readonly experiment: string;
  /** Index of the experiment in the spec. */
  readonly index: number;
  /** Region. */
  readonly region: string;
  /** Schedule name (distinguishes the Schedules of one experiment). */
  readonly schedule: string;
  /** The cron. */
  readonly cron: CronFields;
  /** Minutes a run occupies. */
  readonly runMinutes: number;
}

/** A conflict between two slots. */
export interface Overlap {
  /** The slot reported. */
  readonly a: Slot;
  /** The slot it overlaps. */
  readonly b: Slot;
  /** Days both can run on (names), for the message. */
  readonly days: string;
  /** Times of day that collide. */
  readonly at: readonly [number, number];
}

const ALL_DOMS = new Set(Array.from({ length: 31 }, (_, i) => i + 1));
const ALL_DOWS = new Set([0, 1, 2, 3, 4, 5, 6]);

/** A cron's day fields as sets, computed once per slot. */
interface DaySets {
  readonly months: ReadonlySet<number>;
  readonly doms: ReadonlySet<number>;
  readonly dows: ReadonlySet<number>;
}

function daySets(c: CronFields): DaySets {
  return {
    months: new Set(c.month.values),
    doms: c.dom.star ? ALL_DOMS : new Set(c.dom.values),
    dows: c.dow.star ? ALL_DOWS : new Set(c.dow.values),
  };
}

/** True when the two crons' days can coincide in some year (a common weekday and a common real date). */
function daysMeet(a: DaySets, b: DaySets): boolean {
  let dow = false;
  for (const d of a.dows) if (b.dows.has(d)) dow = true;
  if (!dow) return false;
  for (const m of a.months) {
    if (!b.months.has(m)) continue;
    for (const d of a.doms) if (b.doms.has(d) && d <= (MONTH_DAYS[m - 1] ?? 31)) return true;
  }
  return false;
}

/** The weekdays both can run on, in words. */
function sharedWeekdays(a: DaySets, b: DaySets): string {
  const dows = [...a.dows].filter((d) => b.dows.has(d));
  return dows.length === 7 ? "any day" : dows.map((d) => WEEKDAY_NAMES[d]).join(", ");
}

function times(c: CronFields): number[] {
  return c.hour.values.flatMap((h) => c.minute.values.map((m) => h * 60 + m));
}

function collision(
  a: Slot,
  aTimes: readonly number[],
  b: Slot,
  bTimes: readonly number[],
  self: boolean,
): [number, number] | undefined {
  for (const ta of aTimes) {
    for (const tb of bTimes) {
      if (self && ta === tb) continue;
      for (const shift of [0, 1440, -1440]) {
        const start = tb + shift;
        if (ta < start + b.runMinutes && start < ta + a.runMinutes) return [ta, tb];
      }
    }
  }
  return undefined;
}

/** Every pair of slots whose runs can overlap (each pair reported once). */
export function overlaps(slots: readonly Slot[]): Overlap[] {
  const found: Overlap[] = [];
  const sets = slots.map((s) => daySets(s.cron));
  const runTimes = slots.map((s) => times(s.cron));
  for (const [i, a] of slots.entries()) {
    for (let j = i; j < slots.length; j++) {
      const b = slots[j] as Slot;
      const [sa, sb] = [sets[i] as DaySets, sets[j] as DaySets];
      if (!daysMeet(sa, sb)) continue;
      const at = collision(a, runTimes[i] ?? [], b, runTimes[j] ?? [], a === b);
      if (at) found.push({ a, b, days: sharedWeekdays(sa, sb), at });
    }
  }
  return found;
}

/** "must not overlap ..." for a conflict. */
export function overlapMessage(o: Overlap, timezone: string): string {
  const what =
    o.a === o.b
      ? `itself (runs at ${clock(o.at[0])} and ${clock(o.at[1])} are closer than a run lasts, ${o.a.runMinutes}m)`
      : `${o.b.experiment} in ${o.b.region}`;
  return `must not overlap ${what}: ${o.a.experiment} in ${o.a.region} at ${clock(o.at[0])} (${o.a.runMinutes}m) and ${o.b.experiment} at ${clock(o.at[1])} (${o.b.runMinutes}m) can both run on ${o.days} (${timezone}); move one of the schedules`;
}
