/**
 * The runs the gate stops at run time: what a cron cannot express because it has exact dates. One-off
 * freezes hold for their own dates only (a cron has no year, so cutting them out of the cron would
 * repeat them every year and drop whole months), and on a daylight-saving change day robfig/cron can
 * fire a run the cron does not mean, or a run whose real length reaches a blackout. Each becomes a
 * span in UTC that the Workflow's gate reads before it injects; the calendar marks the runs it stops.
 */

import type { CronFields } from "../../core/cron.js";
import { fromWall, parseLocal, wallSpans } from "../../core/zone.js";
import { changeDayRuns } from "./dst.js";
import { WEEK_MINUTES, weeklyBlock, type Windows } from "./windows.js";

/** A span of time in which the gate stops the runs of a Schedule (or of every Schedule of the service). */
export interface GateStop {
  /** The Schedule it applies to; absent for every Schedule of the service. */
  readonly schedule?: string;
  /** Start, ISO 8601 UTC. */
  readonly from: string;
  /** End (exclusive), ISO 8601 UTC. */
  readonly until: string;
  /** Why runs in it are stopped. */
  readonly reason: string;
}

/** A one-off blackout as the spec writes it: local `YYYY-MM-DD[THH:MM]` in the chaos time zone. */
export interface FreezeInput {
  /** Blackout name. */
  readonly name: string;
  /** Start, local. */
  readonly start: string;
  /** End (exclusive), local. */
  readonly end: string;
}

const MINUTE = 60_000;

/**
 * How long a stop around a single run lasts: the run is fired at its minute and its gate starts
 * within the Schedule's starting deadline, so two minutes hold the gate's check with room to spare.
 */
export const RUN_STOP_MS = 2 * MINUTE;

const iso = (t: number) => new Date(t).toISOString();

/** The stops of the spec's one-off freezes: their exact local dates in the zone, as UTC spans. */
export function freezeStops(freezes: readonly FreezeInput[], zone: string): GateStop[] {
  return freezes.map((f) => ({
    from: iso(fromWall(parseLocal(f.start), zone)),
    until: iso(fromWall(parseLocal(f.end), zone)),
    reason: `freeze ${f.name}`,
  }));
}

/** What one planned Schedule is checked with on daylight-saving change days. */
export interface ChangeDayInput {
  /** Schedule name. */
  readonly schedule: string;
  /** The cron it runs (in `zone`). */
  readonly cron: CronFields;
  /** IANA zone. */
  readonly zone: string;
  /** Minutes one run occupies. */
  readonly runMinutes: number;
  /** The weekly windows its cron was cut to avoid. */
  readonly windows: Windows;
}

/** The outcome on change days: runs the gate stops, and runs Chaos Mesh never fires. */
export interface ChangeDayStops {
  /** Stops of runs robfig adds, and of runs whose real length reaches a weekly window. */
  readonly stops: readonly GateStop[];
  /** Runs the cron means that robfig skips (epoch milliseconds). */
  readonly missed: readonly number[];
}

/** Follows a Schedule through every offset change of its zone and stops each run that would misbehave. */
export function changeDayStops(input: ChangeDayInput): ChangeDayStops {
  const runs = changeDayRuns(input.cron, input.zone);
  const extra = new Set(runs.extra);
  const stops: GateStop[] = [];
  for (const at of runs.fired) {
    const reason = extra.has(at)
      ? "daylight-saving change: Chaos Mesh (robfig/cron v3) fires a run the cron does not mean"
      : blockOfRun(at, input);
    if (reason)
      stops.push({ schedule: input.schedule, from: iso(at), until: iso(at + RUN_STOP_MS), reason: dstReason(reason) });
  }
  return { stops, missed: runs.missed };
}

function dstReason(reason: string): string {
  return reason.startsWith("daylight-saving") ? reason : `daylight-saving change: the run would reach ${reason}`;
}

/** The weekly window a run's real wall-clock spans touch, or undefined. */
function blockOfRun(at: number, input: ChangeDayInput): string | undefined {
  for (const [a, b] of wallSpans(at, at + input.runMinutes * MINUTE, input.zone)) {
    const day = new Date(a).getUTCDay();
    const start = day * 1440 + Math.floor((a % 86_400_000) / MINUTE);
    const length = Math.max(1, Math.ceil((b - a) / MINUTE));
    const reason = weeklyBlock(input.windows, start % WEEK_MINUTES, length);
    if (reason) return reason;
  }
  return undefined;
}

/** True when a run `[start, end)` of `schedule` falls in a stop. */
export function stopOf(stops: readonly GateStop[], schedule: string, start: number, end: number): GateStop | undefined {
  return stops.find(
    (s) =>
      (s.schedule === undefined || s.schedule === schedule) && Date.parse(s.from) < end && start < Date.parse(s.until),
  );
}
