/**
 * What the chaos planner decided, for `plan.json`, the calendar and reviewers: per experiment, its
 * hypothesis, its blast radius and the Schedules (crons in the spec's time zone) of every region.
 */

import type { GateStop } from "./stops.js";

/** The steady-state hypothesis of an experiment. */
export interface Hypothesis {
  /** No page (`severity=critical`) alert of the service may fire during the run. */
  readonly noPage: boolean;
  /** An alert that must fire within `withinSeconds` of the injection, proving detection works. */
  readonly expectAlert?: { readonly name: string; readonly withinSeconds: number };
  /** The hypothesis as one sentence. */
  readonly text: string;
}

/** One Schedule of an experiment in one region. */
export interface PlannedSchedule {
  /** Schedule `metadata.name`. */
  readonly name: string;
  /** Plan key of the Schedule resource. */
  readonly key: string;
  /** Five-field cron, in the experiment's time zone. */
  readonly cron: string;
  /** `spec.schedule` as Chaos Mesh reads it (`CRON_TZ=<zone> <cron>`). */
  readonly schedule: string;
}

/** An experiment in one region. */
export interface RegionRuns {
  /** AWS region (its cluster). */
  readonly region: string;
  /** Minutes after the spec's times this region starts (regions take turns). */
  readonly offsetMinutes: number;
  /** Its Schedules. */
  readonly schedules: readonly PlannedSchedule[];
}

/** One planned experiment. */
export interface ExperimentSummary {
  /** Experiment name. */
  readonly name: string;
  /** Catalogue action. */
  readonly action: string;
  /** Chaos Mesh kind. */
  readonly kind: string;
  /** The cron as the spec wrote it. */
  readonly specSchedule: string;
  /** Injection length in seconds. */
  readonly durationSeconds: number;
  /** Seconds a run occupies from firing: gate minute plus the longer of injection and expected-alert wait. */
  readonly runSeconds: number;
  /** Chaos Mesh `mode` and `value`, and how many pods that hits against what the PodDisruptionBudget allows. */
  readonly blastRadius: {
    readonly mode: string;
    readonly value?: string;
    readonly podsAtMinReplicas: number;
    readonly disruptionsAllowed: number;
  };
  /** What must hold. */
  readonly hypothesis: Hypothesis;
  /** Per region, its Schedules. */
  readonly regions: readonly RegionRuns[];
  /** Runs of the spec's cron left out to stay out of blackouts, allowed hours and daylight-saving changes. */
  readonly skipped: readonly string[];
}

/** A blackout as the calendar shows it. */
export interface BlackoutSummary {
  /** Name. */
  readonly name: string;
  /** Weekly days (absent: every day), for weekly windows. */
  readonly days?: readonly string[] | undefined;
  /** Start `HH:MM` of a weekly window. */
  readonly from?: string | undefined;
  /** End `HH:MM` of a weekly window. */
  readonly to?: string | undefined;
  /** Start of a one-off freeze (local). */
  readonly start?: string | undefined;
  /** End of a one-off freeze (local, exclusive). */
  readonly end?: string | undefined;
}

/** The chaos analysis of a service. */
export interface ChaosAnalysis {
  /** Whether any Schedule is planned. */
  readonly enabled: boolean;
  /** Why not, when disabled. */
  readonly reason?: string;
  /** IANA time zone of the crons, blackouts and allowed hours. */
  readonly timezone: string;
  /** Hours runs must lie in, when restricted (declared, or the critical-in-production default). */
  readonly allowedHours?: { readonly days: readonly string[]; readonly from: string; readonly to: string };
  /** Blackouts as declared. */
  readonly blackouts: readonly BlackoutSummary[];
  /** Planned experiments. */
  readonly experiments: readonly ExperimentSummary[];
  /** Spans in which the run-time gate stops runs (one-off freezes, daylight-saving change days). */
  readonly stops: readonly GateStop[];
  /** End of the plan's horizon (ISO 8601 UTC): daylight-saving changes are followed up to it. */
  readonly horizon: string;
}
