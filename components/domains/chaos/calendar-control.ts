/**
 * The calendar under a control state: runs whose gate a pause or a running freeze would close are
 * set apart as `paused` or `frozen` (or `closed`, for a state the gate cannot read) instead of being
 * listed as runs; a service the states do not mention, and a run a planned stop already stops, are
 * left as they are. The states come from the JSON
 * `reliability chaos freeze|pause|resume --dry-run --format json` prints, or from the clusters'
 * control ConfigMaps. Pure.
 */

import type { CalendarRun } from "./calendar.js";
import { controlStateOf, gateVerdict, type ControlState } from "./control.js";

/** Control states per region and service. */
export type ControlStates = ReadonlyMap<string, ReadonlyMap<string, ControlState>>;

/** A run the gate would stop, and why. */
export interface StoppedRun extends CalendarRun {
  /** `paused`, `frozen` (its freeze lasts past the start) or `closed` (a state the gate cannot read). */
  readonly control: "paused" | "frozen" | "closed";
  /** End of the freeze. */
  readonly until?: string;
  /** Why it was paused or frozen. */
  readonly reason?: string;
}

/** The calendar split into the runs that go ahead and those the gate would stop. */
export interface ControlledCalendar {
  /** Runs that start. */
  readonly runs: readonly CalendarRun[];
  /** Runs the gate stops. */
  readonly stopped: readonly StoppedRun[];
}

interface ControlFile {
  readonly clusters?: readonly {
    readonly region?: unknown;
    readonly patches?: readonly { kind?: unknown; service?: unknown; patch?: { data?: unknown } }[];
  }[];
}

/**
 * The control states of a control file (the JSON of a freeze, pause or resume). Throws, naming the
 * place, when it is not one.
 */
export function controlStatesOf(json: unknown, source: string): ControlStates {
  const clusters = (json as ControlFile | undefined)?.clusters;
  if (!Array.isArray(clusters))
    throw new Error(
      `${source}: must be the JSON of reliability chaos freeze|pause|resume --format json, with a "clusters" list; got ${JSON.stringify(json)?.slice(0, 120)}`,
    );
  const states = new Map<string, Map<string, ControlState>>();
  clusters.forEach((cluster, i) => {
    if (typeof cluster.region !== "string") throw new Error(`${source}: clusters[${i}].region must be a region name`);
    const own = states.get(cluster.region) ?? new Map<string, ControlState>();
    for (const p of cluster.patches ?? []) {
      if (p.kind !== "ConfigMap" || typeof p.service !== "string") continue;
      const data = (p.patch?.data ?? {}) as Record<string, string | null>;
      const state = controlStateOf(p.service, data);
      if (state) own.set(p.service, state);
    }
    states.set(cluster.region, own);
  });
  return states;
}

/** Splits calendar runs by what the gate would decide at each run's start. */
export function applyControl(runs: readonly CalendarRun[], states: ControlStates): ControlledCalendar {
  const kept: CalendarRun[] = [];
  const stopped: StoppedRun[] = [];
  for (const run of runs) {
    const state = states.get(run.region)?.get(run.service);
    const verdict = state ? gateVerdict(state, new Date(run.startUtc)) : "active";
    if (!state || verdict === "active" || run.stopped) {
      kept.push(run);
      continue;
    }
    stopped.push({
      ...run,
      control: verdict,
      ...(state.until ? { until: state.until } : {}),
      ...(state.reason ? { reason: state.reason } : {}),
    });
  }
  return { runs: kept, stopped };
}
