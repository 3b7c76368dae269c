/**
 * The chaos calendar: every run the planned Schedules will start in a time range, computed from the
 * very crons Chaos Mesh receives with the same next-run search it uses (robfig/cron v3.0.1 in each
 * service's time zone, daylight-saving days included), and checked once more against the declared
 * blackouts and allowed hours on the run's real wall-clock spans (an independent check of the
 * planner's cuts). A run the gate stops (a one-off freeze, a daylight-saving change day) is listed
 * with the reason and never counts as a run.
 * Pure: the range's start is an input.
 * @see https://github.com/robfig/cron/blob/v3.0.1/spec.go
 */

import { parseCron } from "../../core/cron.js";
import { remembered } from "../../core/memo.js";
import { robfigFirings } from "../../core/cron-next.js";
import type { Plan } from "../../core/plan/types.js";
import type { ChaosAnalysis } from "./types.js";
import { weeklyRanges, WEEKDAY_NAMES } from "./windows.js";
import { parseLocal, toWall, wallSpans } from "../../core/zone.js";
import { stopOf } from "./stops.js";

/** One upcoming run. */
export interface CalendarRun {
  /** Service. */
  readonly service: string;
  /** Experiment. */
  readonly experiment: string;
  /** Catalogue action. */
  readonly action: string;
  /** Region (cluster) it runs in. */
  readonly region: string;
  /** Schedule name. */
  readonly schedule: string;
  /** IANA zone of the local times. */
  readonly timezone: string;
  /** Start, ISO 8601 UTC. */
  readonly startUtc: string;
  /** End of the run (pre-check plus injection), ISO 8601 UTC. */
  readonly endUtc: string;
  /** Start, local `YYYY-MM-DD HH:MM` with weekday. */
  readonly startLocal: string;
  /** End, local `HH:MM`. */
  readonly endLocal: string;
  /** Blackout, allowed-hours or overlap problems of this run (empty when it is safe or stopped). */
  readonly problems: readonly string[];
  /** Why the gate stops this run before it injects (a one-off freeze, a daylight-saving change day), when it does. */
  readonly stopped?: string;
}

const DAY = 86_400_000;

/** Every run of every planned Schedule that starts in `[from, from + days)`, sorted by start. */
export function chaosCalendar(plan: Plan, from: Date, days: number): CalendarRun[] {
  const until = new Date(from.getTime() + days * DAY);
  const runs: CalendarRun[] = [];
  for (const service of plan.services) {
    const chaos = service.analysis.chaos;
    if (!chaos?.enabled) continue;
    const own: CalendarRun[] = [];
    for (const e of chaos.experiments) {
      for (const r of e.regions) {
        for (const s of r.schedules) {
          for (const start of firings(s.cron, chaos.timezone, from, until)) {
            const end = new Date(start.getTime() + e.runSeconds * 1000);
            const stop = stopOf(chaos.stops, s.name, start.getTime(), end.getTime());
            own.push({
              service: service.service,
              experiment: e.name,
              action: e.action,
              region: r.region,
              schedule: s.name,
              timezone: chaos.timezone,
              startUtc: start.toISOString(),
              endUtc: end.toISOString(),
              startLocal: localLabel(start, chaos.timezone),
              endLocal: localLabel(end, chaos.timezone).slice(-5),
              problems: stop ? [] : windowProblems(start, end, chaos),
              ...(stop ? { stopped: stop.reason } : {}),
            });
          }
        }
      }
    }
    runs.push(...markOverlaps(own.filter((r) => !r.stopped)), ...own.filter((r) => r.stopped));
  }
  return runs.sort((a, b) => a.startUtc.localeCompare(b.startUtc) || a.service.localeCompare(b.service));
}

/**
 * Firings of a five-field cron in `zone` within `[from, until)`: when Chaos Mesh (robfig/cron
 * v3.0.1 with `CRON_TZ=`) fires it, daylight-saving days included.
 * @throws Error for a cron Chaos Mesh would refuse (planned crons always parse).
 */
export function firings(cron: string, zone: string, from: Date, until: Date): Date[] {
  return firingTimes(cron, zone, from.getTime(), until.getTime()).map((t) => new Date(t));
}

/**
 * {@link firings} as epoch milliseconds, shared between callers (never change the list).
 * @throws Error for a cron Chaos Mesh would refuse.
 */
export function firingTimes(cron: string, zone: string, from: number, until: number): readonly number[] {
  return remembered(FIRINGS, FIRINGS_LIMIT, `${cron}\u0000${zone}\u0000${from}\u0000${until}`, () => {
    const parsed = parseCron(cron);
    if (!parsed.ok) throw new Error(`cron ${JSON.stringify(cron)} ${parsed.error}`);
    return robfigFirings(parsed.fields, zone, from, until);
  });
}

/** Most distinct (cron, zone, span) searches whose runs are kept. */
const FIRINGS_LIMIT = 1_000;

/** Runs already searched, by cron, zone and span: services of a fleet share a handful of schedules and one check time. */
const FIRINGS = new Map<string, readonly number[]>();

function localLabel(instant: Date, zone: string): string {
  const wall = new Date(toWall(instant.getTime(), zone));
  return `${wall.toISOString().slice(0, 10)} ${WEEKDAY_NAMES[wall.getUTCDay()] ?? ""} ${wall.toISOString().slice(11, 16)}`;
}

/**
 * Which declared windows a concrete run touches, judged on local wall-clock times (one-off freezes
 * in their own year only). Answers are remembered: the services of a fleet share their calendar's
 * windows and their schedules' runs, and a check asks about every run of a year.
 */
export function windowProblems(
  start: Date,
  end: Date,
  chaos: Pick<ChaosAnalysis, "timezone" | "blackouts" | "allowedHours">,
): string[] {
  const allowed = chaos.allowedHours === undefined ? "" : declarationId(chaos.allowedHours);
  const key = `${chaos.timezone}|${declarationId(chaos.blackouts)}|${allowed}|${start.getTime()}|${end.getTime()}`;
  return [...remembered(PROBLEMS, PROBLEMS_LIMIT, key, () => touchedWindows(start, end, chaos))];
}

/** Most answers of {@link windowProblems} kept. */
const PROBLEMS_LIMIT = 100_000;

/** Answers of {@link windowProblems}, by time zone, declarations and run. */
const PROBLEMS = new Map<string, readonly string[]>();

/** A number per distinct declaration text, and the text's number per declaration object seen. */
const DECLARATIONS = { byText: new Map<string, number>(), byObject: new WeakMap<object, number>() };

/** The number of a declaration (blackouts, allowed hours): equal for equal contents. */
function declarationId(declaration: object): number {
  let id = DECLARATIONS.byObject.get(declaration);
  if (id === undefined) {
    const text = JSON.stringify(declaration);
    id = DECLARATIONS.byText.get(text) ?? DECLARATIONS.byText.size;
    DECLARATIONS.byText.set(text, id);
    DECLARATIONS.byObject.set(declaration, id);
  }
  return id;
}

function touchedWindows(
  start: Date,
  end: Date,
  chaos: Pick<ChaosAnalysis, "timezone" | "blackouts" | "allowedHours">,
): string[] {
  const spans = wallSpans(start.getTime(), end.getTime(), chaos.timezone);
  const problems: string[] = [];
  for (const blackout of chaos.blackouts) {
    const hit = spans.some(([a, b]) =>
      blackout.start !== undefined && blackout.end !== undefined
        ? a < parseLocal(blackout.end) && parseLocal(blackout.start) < b
        : wallWindows(blackout, a, b).some(([s, e]) => a < e && s < b),
    );
    if (hit) problems.push(`inside blackout ${blackout.name}`);
  }
  const allowed = chaos.allowedHours;
  if (allowed && !spans.every(([a, b]) => wallWindows(allowed, a, b).some(([s, e]) => s <= a && b <= e)))
    problems.push("outside the allowed hours");
  return problems;
}

/** Concrete wall-clock intervals of a weekly window around `[a, b)` (from the week before to the week after). */
function wallWindows(w: Parameters<typeof weeklyRanges>[0], a: number, b: number): [number, number][] {
  const weekStart = (t: number) => t - (new Date(t).getUTCDay() * DAY + (t % DAY));
  const ranges = weeklyRanges(w);
  const out: [number, number][] = [];
  for (let week = weekStart(a) - 7 * DAY; week <= weekStart(b); week += 7 * DAY) {
    for (const [from, to] of ranges) out.push([week + from * 60_000, week + to * 60_000]);
  }
  return merge(out);
}

function merge(ranges: [number, number][]): [number, number][] {
  const sorted = ranges.sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

function markOverlaps(runs: CalendarRun[]): CalendarRun[] {
  const sorted = [...runs].sort((x, y) => x.startUtc.localeCompare(y.startUtc));
  return sorted.map((run, i) => {
    const clash = sorted.filter((other, j) => j !== i && other.startUtc < run.endUtc && run.startUtc < other.endUtc);
    return clash.length === 0
      ? run
      : { ...run, problems: [...run.problems, ...clash.map((c) => `overlaps ${c.experiment} in ${c.region}`)] };
  });
}
