/**
 * The scenario catalogue: the same traffic run through ours, Sloth's and Pyrra's rules. Traffic is
 * synthesised from an SLO's own indicator queries (`counters` of series.ts picks label values that
 * the errors/good and total selectors match), one sample a minute from minute 0.
 *
 * Every scenario starts with `HISTORY_DAYS` (3) days of clean traffic before its errors, so the
 * long windows (up to 3d, Pyrra's 4d6h51m mostly) hold realistic traffic; the budget scenarios (h)
 * run 31 days (after the same history) or 10 days with no history at all.
 */

import type { Slo } from "../../../components/domains/alerts/slo.js";
import { counters, type CounterSeries } from "./series.js";
import type { InputSeries } from "./timeline.js";

/** Minutes in a day. */
export const DAY = 1440;

/** Days of clean traffic before the errors of every scenario (except the short-history one). */
export const HISTORY_DAYS = 3;

/** Requests per minute of a busy service (10/s). */
export const BUSY = 600;

/** Requests per minute of a quiet service. */
export const QUIET = 1;

/** Alert names that mean "the SLO window's budget is spent" (ours and Sloth's contrib plugin; Pyrra has none). */
export const EXHAUSTED_ALERTS: readonly string[] = ["ErrorBudgetExhausted"];

/** Share of the SLO window's budget the night-errors scenario really spends. */
export const NIGHT_SPEND = 0.2;

/** A stretch of traffic. */
export interface TrafficPhase {
  /** Length in minutes. */
  readonly minutes: number;
  /** Error ratio (bad / all). */
  readonly ratio: number;
  /** Requests per minute. */
  readonly perMinute: number;
  /** Minutes between samples (the counters still count every minute's requests). @default 1 */
  readonly sampleEvery?: number;
}

/** What a scenario reports. */
export type Measure = "page" | "ticket" | "reset" | "episodes" | "firstAlert" | "exhausted";

/** One scenario. */
export interface Scenario {
  /** Short id (`a` … `h2`). */
  readonly id: string;
  /** What happens, for tables. */
  readonly title: string;
  /** Traffic from minute 0, history included. */
  readonly traffic: readonly TrafficPhase[];
  /** The series end with a staleness marker (the scrape stops) after the traffic. */
  readonly stale: boolean;
  /** Minute the errors (or the missing metrics) start. */
  readonly start: number;
  /** Minute the errors stop (equal to `minutes` when they never do). */
  readonly end: number;
  /** Last minute evaluated. */
  readonly minutes: number;
  /** Minutes between rule evaluations. */
  readonly evaluationMinutes: number;
  /** Minutes between samples of the timeline, when coarser than the evaluations. */
  readonly sampleEveryMinutes?: number;
  /** Alert conditions are queried at the samples only (see sampled.ts); for "does it ever fire" scenarios. */
  readonly sampledAlerts?: boolean;
  /** Only the alerts with these names are evaluated (and the recordings they read); all when left out. */
  readonly alerts?: readonly string[];
  /** Only the alerts with these `severity` labels are evaluated; all when left out. */
  readonly severities?: readonly string[];
  /** What to report. */
  readonly measures: readonly Measure[];
}

const total = (phases: readonly TrafficPhase[]): number => phases.reduce((n, p) => n + p.minutes, 0);

/** Severities pages and tickets carry; other alerts (Sloth's contrib `info`) cannot change those measures. */
const PAGE_AND_TICKET = ["critical", "warning"];

/**
 * Minutes of history sampled every minute before the errors; older history is sampled every
 * `SPARSE_EVERY` minutes. Every window up to a day is then sampled every minute whenever it is
 * evaluated from the errors on; the 3d and 4d windows lose at most the traffic of one sparse
 * interval at their oldest end to `rate`'s extrapolation (≤ 15m/3d = 0.35% of their total, no
 * errors, so their error ratio reads at most 0.35% high), and the clean history costs 4× fewer
 * samples to read.
 */
export const DENSE_HISTORY = DAY;

/** Minutes between samples of the history older than `DENSE_HISTORY`. */
export const SPARSE_EVERY = 15;

/** The clean history: sparse, then a dense day. */
function history(perMinute: number, minutes = HISTORY_DAYS * DAY): TrafficPhase[] {
  return [
    { minutes: minutes - DENSE_HISTORY, ratio: 0, perMinute, sampleEvery: SPARSE_EVERY },
    { minutes: DENSE_HISTORY, ratio: 0, perMinute },
  ];
}

/** A scenario whose errors follow the history: `errors` phases, then `tail` minutes clean. */
function afterHistory(
  id: string,
  title: string,
  errors: readonly TrafficPhase[],
  tail: number,
  measures: readonly Measure[],
  perMinute = BUSY,
): Scenario {
  const start = HISTORY_DAYS * DAY;
  const end = start + total(errors);
  const traffic = [...history(perMinute), ...errors, ...(tail > 0 ? [{ minutes: tail, ratio: 0, perMinute }] : [])];
  return {
    id,
    title,
    traffic,
    stale: false,
    start,
    end,
    minutes: end + tail,
    evaluationMinutes: 1,
    severities: PAGE_AND_TICKET,
    measures,
  };
}

/** Scenario g: the history's last sample is a minute before `start`, where the staleness marker is; then an hour without samples. */
function scrapeStops(): Scenario {
  const start = HISTORY_DAYS * DAY;
  return {
    id: "g",
    title: "the indicator series go stale (scrape stops)",
    traffic: history(BUSY, start - 1),
    stale: true,
    start,
    end: start + 60,
    minutes: start + 60,
    evaluationMinutes: 1,
    measures: ["firstAlert"],
  };
}

/** 10% errors, 5 minutes on and 5 off, for 3 hours. */
function flapping(): TrafficPhase[] {
  return Array.from({ length: 36 }, (_, i) => ({ minutes: 5, ratio: i % 2 === 0 ? 0.1 : 0, perMinute: BUSY }));
}

/**
 * One day of the night-errors scenario: 02:00–04:00 at 1/50 of the daytime traffic, failing at
 * `nightRatio`, the rest at full traffic without errors.
 */
function nightDay(nightRatio: number, nightPerMinute: number): TrafficPhase[] {
  return [
    { minutes: 120, ratio: 0, perMinute: BUSY },
    { minutes: 120, ratio: nightRatio, perMinute: nightPerMinute },
    { minutes: DAY - 240, ratio: 0, perMinute: BUSY },
  ];
}

/**
 * Night traffic and error ratio that spend exactly `NIGHT_SPEND` of the budget per day, traffic-weighted:
 * errors / requests = spend × budget. At 1/50 of the daytime traffic that needs a night error ratio
 * of spend × budget × (22h × 50 + 2h) / 2h (5.51% for 99.95%); when that exceeds 100% (objectives
 * below ~99.09%), every night request fails and the night traffic is raised instead.
 */
export function nightTraffic(budget: number): { readonly ratio: number; readonly perMinute: number } {
  const target = NIGHT_SPEND * budget;
  const dayRequests = (DAY - 120) * BUSY;
  const ratio = (target * (dayRequests + 120 * (BUSY / 50))) / (120 * (BUSY / 50));
  if (ratio <= 1) return { ratio, perMinute: BUSY / 50 };
  return { ratio: 1, perMinute: (target * dayRequests) / (120 * (1 - target)) };
}

/**
 * How the budget scenarios run: rules every 5 minutes (so 5m budget groups run on their own
 * ticks), only the budget-exhausted alerts, their conditions queried once an hour.
 */
const BUDGET_SCENARIO = {
  evaluationMinutes: 5,
  sampleEveryMinutes: 60,
  sampledAlerts: true,
  alerts: EXHAUSTED_ALERTS,
  measures: ["exhausted"],
} as const;

/** Scenario h: a window and a day of errors at night only, after the clean history (which has the same nightly dip). */
function nightErrors(budget: number, windowDays: number): Scenario {
  const night = nightTraffic(budget);
  const days = Math.ceil(windowDays) + 1;
  const quiet = Array.from({ length: HISTORY_DAYS }, () => nightDay(0, night.perMinute)).flat();
  const noisy = Array.from({ length: days }, () => nightDay(night.ratio, night.perMinute)).flat();
  const minutes = (HISTORY_DAYS + days) * DAY;
  const title = `errors only 02:00–04:00 (${pct(night.ratio)} of ${Number(night.perMinute.toPrecision(3))}/min vs ${BUSY}/min by day) for ${days} days = ${NIGHT_SPEND}× the budget, traffic-weighted`;
  return {
    id: "h",
    title,
    traffic: [...quiet, ...noisy],
    stale: false,
    start: HISTORY_DAYS * DAY + 120,
    end: minutes,
    minutes,
    ...BUDGET_SCENARIO,
  };
}

const pct = (ratio: number): string => `${Number((ratio * 100).toPrecision(3))}%`;

/**
 * Every scenario for an SLO with a `windowMs` SLO window: a–g after 3 days of clean history at
 * 1-minute evaluation; h (the window plus a day of night errors: 31 days for 30d) and h2 (10 days
 * at 2× with no earlier history) at 5-minute evaluation with hourly samples, for the
 * budget-exhausted alerts only.
 */
export function sloScenarioCatalogue(slo: Slo, windowMs: number): Scenario[] {
  const budget = (100 - slo.percent) / 100;
  const slow = 4 * budget;
  const windowDays = windowMs / (DAY * 60_000);
  return [
    afterHistory("a", "100% errors for 30 min", [{ minutes: 30, ratio: 1, perMinute: BUSY }], 180, [
      "page",
      "ticket",
      "reset",
    ]),
    afterHistory("b", "2% errors for 3 h", [{ minutes: 180, ratio: 0.02, perMinute: BUSY }], 0, ["page", "ticket"]),
    afterHistory(
      "c",
      `${pct(slow)} errors (4× the budget) for 2 days`,
      [{ minutes: 2 * DAY, ratio: slow, perMinute: BUSY }],
      0,
      ["ticket", "page"],
    ),
    afterHistory("d", "10% errors, 5 min on / 5 min off, for 3 h", flapping(), 60, ["episodes", "page"]),
    afterHistory(
      "e",
      "1 request/min, all failing, for 3 h",
      [{ minutes: 180, ratio: 1, perMinute: QUIET }],
      0,
      ["page", "ticket"],
      QUIET,
    ),
    afterHistory(
      "f",
      "1 request/min, exactly one fails",
      [{ minutes: 1, ratio: 1, perMinute: QUIET }],
      180,
      ["page", "ticket"],
      QUIET,
    ),
    scrapeStops(),
    nightErrors(budget, windowDays),
    {
      id: "h2",
      title: `${pct(2 * budget)} errors (2× the budget) for 10 days, no earlier history (${Number(((2 * 10) / windowDays).toFixed(2))} of the ${windowDays}d budget)`,
      traffic: [{ minutes: 10 * DAY, ratio: 2 * budget, perMinute: BUSY }],
      stale: false,
      start: 0,
      end: 10 * DAY,
      minutes: 10 * DAY,
      ...BUDGET_SCENARIO,
    },
    spentBudget(budget, windowDays),
  ];
}

/**
 * Scenario i: 1.5× the budget from the first minute, for the window and a day more: the budget is
 * really spent, so a budget-exhausted alert must fire, and (with no earlier history) not before the
 * data spans the window.
 */
function spentBudget(budget: number, windowDays: number): Scenario {
  const minutes = Math.round((windowDays + 1) * DAY);
  const title = `${pct(1.5 * budget)} errors (1.5× the budget) for ${windowDays + 1} days, no earlier history`;
  return {
    id: "i",
    title,
    traffic: [{ minutes, ratio: 1.5 * budget, perMinute: BUSY }],
    stale: false,
    start: 0,
    end: minutes,
    minutes,
    ...BUDGET_SCENARIO,
  };
}

/** Adjacent phases with the same ratio and traffic merged (shorter promtool input). */
function merged(phases: readonly TrafficPhase[]): TrafficPhase[] {
  const out: TrafficPhase[] = [];
  for (const p of phases) {
    const last = out[out.length - 1];
    if (last && last.ratio === p.ratio && last.perMinute === p.perMinute && last.sampleEvery === p.sampleEvery)
      out[out.length - 1] = { ...last, minutes: last.minutes + p.minutes };
    else if (p.minutes > 0) out.push(p);
  }
  return out;
}

/**
 * promtool values for one counter: 0 at minute 0, then each minute adds what its phase's traffic
 * and error ratio give this counter; `stale` appends a staleness marker after the last minute.
 * Numbers are printed exactly and summed the way promtool expands `a+bxn` (repeated addition), so
 * the next phase never starts below the last value (which `rate` would read as a counter reset).
 */
export function counterTrafficValues(c: CounterSeries, phases: readonly TrafficPhase[], stale: boolean): string {
  const tokens = ["0"];
  let value = 0;
  for (const p of merged(phases)) {
    const step = c.perMinute(p.ratio, p.perMinute);
    if ((p.sampleEvery ?? 1) > 1) {
      value = sparseTokens(tokens, value, step, p.minutes, p.sampleEvery ?? 1);
      continue;
    }
    const first = value + step;
    tokens.push(p.minutes === 1 ? String(first) : `${String(first)}+${String(step)}x${p.minutes - 1}`);
    value = first;
    for (let i = 1; i < p.minutes; i += 1) value += step;
  }
  if (stale) tokens.push("stale");
  return tokens.join(" ");
}

/** A phase sampled every `every` minutes (and at its last minute): `_xN` gaps between the samples. */
function sparseTokens(tokens: string[], start: number, step: number, minutes: number, every: number): number {
  let value = start;
  let last = 0;
  for (let i = 1; i <= minutes; i += 1) {
    value += step;
    if (i % every !== 0 && i !== minutes) continue;
    if (i - last > 1) tokens.push(`_x${i - last - 1}`);
    tokens.push(String(value));
    last = i;
  }
  return value;
}

/** The input series of a scenario for an SLO's indicator. */
export function scenarioSeries(slo: Slo, scenario: Scenario): InputSeries[] {
  return counters(slo).map((c) => ({
    series: c.series,
    values: counterTrafficValues(c, scenario.traffic, scenario.stale),
  }));
}
