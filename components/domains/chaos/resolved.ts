/**
 * `spec.chaos` with every default applied, as the chaos checks and planner read it: the time zone,
 * the allowed hours (declared or the tier's), each experiment with its duration, blast radius,
 * hypothesis, regions and action fields settled, and the settings of the Schedules.
 */

import type { BlackoutInput } from "./schema.js";
import type { Hypothesis } from "./types.js";

/** Weekly hours runs must lie in. */
export interface AllowedHours {
  /** Days the hours apply to. */
  readonly days: readonly string[];
  /** Start `HH:MM`. */
  readonly from: string;
  /** End `HH:MM`, exclusive; at or before `from` it ends the next day. */
  readonly to: string;
}

/** The gate's pod: its image, resources and how long its Prometheus request may take. */
export interface GateSettings {
  /** Container image with `sh` and `curl`. */
  readonly image: string;
  /** Seconds the whole Prometheus request may take (`curl --max-time`). */
  readonly queryTimeoutSeconds: number;
  /** CPU request and limit. */
  readonly cpu: string;
  /** Memory request and limit. */
  readonly memory: string;
}

/** How every Schedule of the service is built and spaced. */
export interface ScheduleSettings {
  /** Finished Workflows a Schedule keeps. */
  readonly historyLimit: number;
  /** Seconds after which a missed run is skipped instead of fired late. */
  readonly startingDeadlineSeconds: number;
  /** Timing of the status checks that gate and guard a run. */
  readonly statusCheck: {
    /** Seconds between two queries. */
    readonly intervalSeconds: number;
    /** Seconds one query may take. */
    readonly timeoutSeconds: number;
    /** Consecutive failed queries that abort the Workflow. */
    readonly failureThreshold: number;
  };
  /** The fail-closed gate that runs before every injection. */
  readonly gate: GateSettings;
  /** Longest the gate may take before injecting (`1m`). */
  readonly preCheckDeadline: string;
  /** The same in milliseconds. */
  readonly preCheckDeadlineMs: number;
  /** Minutes between the end of a run in one region and the start of the same experiment in the next. */
  readonly regionGapMinutes: number;
  /** Most Schedules one experiment may be split into per region. */
  readonly maxSchedulesPerExperiment: number;
}

/** One experiment with its defaults applied. */
export interface ResolvedExperiment {
  /** Name. */
  readonly name: string;
  /** Action, one of the registry's. */
  readonly action: string;
  /** The cron as the spec wrote it. */
  readonly schedule: string;
  /** How long the injection lasts (or, for an instant action, its effect is watched), in milliseconds. */
  readonly durationMs: number;
  /** Pods hit: a count or a percentage. */
  readonly maxUnavailable: number | string;
  /** The dependency it reaches, when it names one. */
  readonly target?: string;
  /** The regions it runs in, in `spec.regions` order. */
  readonly regions: readonly string[];
  /** What must hold while it runs. */
  readonly hypothesis: Hypothesis;
  /** The action's own fields, its defaults applied. */
  readonly params: Readonly<Record<string, unknown>>;
}

/** `spec.chaos` with defaults applied. */
export interface ResolvedChaos {
  /** Whether experiments may run (`chaos.enabled`, else the tier's default). */
  readonly enabled: boolean;
  /** Whether `enabled` was declared in the spec or taken from the tier. */
  readonly enabledBy: "spec" | "tier";
  /** IANA time zone of the crons, blackouts and allowed hours. */
  readonly timezone: string;
  /** Hours runs must lie in, when restricted (declared, or the critical-in-production default). */
  readonly allowedHours?: AllowedHours;
  /** Blackouts as declared. */
  readonly blackouts: readonly BlackoutInput[];
  /** Experiments, in spec order. */
  readonly experiments: readonly ResolvedExperiment[];
  /** Prefix of every service's namespace in the stack (to reach a service dependency's pods). */
  readonly namespacePrefix: string;
  /** How the Schedules are built and spaced. */
  readonly schedules: ScheduleSettings;
}
