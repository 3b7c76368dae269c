/**
 * Restricts a cron so that none of its runs touches a window: the result is a list of crons (one
 * Schedule each) whose union fires exactly at the original's safe runs, or a reason why no cron
 * can express them. robfig/cron ANDs day-of-month and day-of-week only when one of them is `*`, so
 * every cron emitted here keeps one of the two unrestricted.
 */

import { field, type CronField, type CronFields } from "../../core/cron.js";
import { WEEKDAY_NAMES, weeklyBlock, type Windows } from "./windows.js";
import { clock } from "../../core/zone.js";

/** The outcome of restricting one experiment in one region. */
export type Restriction =
  | { readonly ok: true; readonly crons: readonly CronFields[]; readonly skipped: readonly string[] }
  | { readonly ok: false; readonly error: string };

/** What is being restricted. */
export interface RestrictInput {
  /** The spec's cron. */
  readonly cron: CronFields;
  /** Minutes the runs are shifted by (staggering regions). */
  readonly offsetMinutes: number;
  /** Minutes one run occupies, from firing to the end of the injection. */
  readonly runMinutes: number;
  /** The windows to stay out of. */
  readonly windows: Windows;
  /** Most crons (Schedules) the result may have. */
  readonly maxSchedules: number;
}

/** Records a skipped run: why, on which day (name) and at which time. */
type Note = (reason: string, day: string, time: number) => void;

interface TimeVerdict {
  readonly time: number;
  readonly weekdays: readonly number[];
}

/** Restricts a cron to the runs that avoid every window. Pure. */
export function restrict(input: RestrictInput): Restriction {
  const { cron, offsetMinutes, runMinutes, windows, maxSchedules } = input;
  if (!cron.dom.star && !cron.dow.star) {
    return fail(
      "must not restrict both day-of-month and day-of-week: Chaos Mesh's cron (robfig/cron v3) then runs when EITHER matches; keep one of them *",
    );
  }
  const skipped = new Map<string, { days: Set<string>; times: Set<number> }>();
  const note: Note = (reason, day, time) => {
    const entry = skipped.get(reason) ?? { days: new Set<string>(), times: new Set<number>() };
    skipped.set(reason, entry);
    entry.days.add(day);
    entry.times.add(time);
  };
  const verdicts: TimeVerdict[] = [];
  for (const hour of cron.hour.values) {
    for (const minute of cron.minute.values) {
      const time = hour * 60 + minute + offsetMinutes;
      if (time >= 1440)
        return fail(
          `must leave room before midnight to stagger regions: a run at ${clock(time - offsetMinutes)} shifted by ${offsetMinutes}m starts the next day`,
        );
      verdicts.push(verdict(cron, time, runMinutes, windows, note));
    }
  }
  const crons: CronFields[] = [];
  for (const group of groupBy(verdicts, (v) => v.weekdays.join(","))) {
    const first = group[0] as TimeVerdict;
    if (first.weekdays.length === 0) continue;
    if (!cron.dom.star && first.weekdays.length < 7) {
      const days = WEEKDAY_NAMES.filter((_, d) => !first.weekdays.includes(d)).join(", ");
      return fail(
        `must be scheduled by day of week to stay out of weekly blackouts: a day-of-month schedule cannot skip ${days} at ${clock(first.time)} (robfig/cron would OR the two day fields)`,
      );
    }
    const days = daysOf(cron, first);
    crons.push(...timeSplits(group.map((v) => v.time)).map((t) => ({ ...t, ...days })));
  }
  const notes = [...skipped].map(
    ([reason, { days, times }]) => `${reason}: skips ${[...days].join(", ")} at ${summarise([...times])}`,
  );
  if (crons.length === 0)
    return fail(
      `must leave at least one run outside the blackouts and allowed hours, but every run is blocked (${notes.join("; ")})`,
    );
  if (crons.length > maxSchedules) {
    return fail(
      `must fit in at most ${maxSchedules} Schedules once blackouts are cut out, needs ${crons.length}; use fewer distinct times`,
    );
  }
  return { ok: true, crons, skipped: notes };
}

function fail(error: string): Restriction {
  return { ok: false, error };
}

function summarise(times: number[]): string {
  const sorted = times.sort((a, b) => a - b).map(clock);
  return sorted.length <= 4 ? sorted.join(", ") : `${sorted.slice(0, 4).join(", ")} and ${sorted.length - 4} more`;
}

function verdict(cron: CronFields, time: number, run: number, windows: Windows, note: Note): TimeVerdict {
  const weekdays = (cron.dom.star ? cron.dow.values : [0, 1, 2, 3, 4, 5, 6]).filter((d) => {
    const reason = weeklyBlock(windows, d * 1440 + time, run);
    if (reason) note(reason, WEEKDAY_NAMES[d] ?? String(d), time);
    return reason === undefined;
  });
  return { time, weekdays };
}

/** The day fields (dom, month, dow) of the days one verdict group may run on. */
function daysOf(cron: CronFields, v: TimeVerdict): Pick<CronFields, "dom" | "month" | "dow"> {
  const dow: CronField = v.weekdays.length === 7 ? field([0, 1, 2, 3, 4, 5, 6], true) : field(v.weekdays);
  return { dom: cron.dom, month: cron.month, dow: cron.dom.star ? dow : cron.dow };
}

/** Minute/hour field pairs whose product is exactly `times` (minutes after midnight). */
function timeSplits(times: readonly number[]): Pick<CronFields, "minute" | "hour">[] {
  const byHour = new Map<number, number[]>();
  for (const t of times) byHour.set(Math.floor(t / 60), [...(byHour.get(Math.floor(t / 60)) ?? []), t % 60]);
  const byMinutes = new Map<string, number[]>();
  for (const [hour, minutes] of byHour) {
    const key = [...minutes].sort((a, b) => a - b).join(",");
    byMinutes.set(key, [...(byMinutes.get(key) ?? []), hour]);
  }
  return [...byMinutes].map(([minutes, hours]) => ({
    minute: field(minutes.split(",").map(Number)),
    hour: field(hours),
  }));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.values()];
}
