import { z } from "zod";
import { bool, dnsLabel, duration, int, intOrPercent, num, oneOf, pattern, text, timeOfDay, weekday } from "../../core/spec/fields.js";

/**
 * `spec.chaos`: Chaos Mesh experiments, their schedule (cron in an IANA time zone), the hours they
 * may run in and the blackouts they must stay out of.
 * @see https://chaos-mesh.org/docs/define-scheduling-rules/
 */

/** Every experiment action the catalogue knows. */
export const CHAOS_ACTIONS = [
  "pod-kill",
  "pod-failure",
  "container-kill",
  "network-delay",
  "network-loss",
  "network-partition",
  "cpu-stress",
  "memory-stress",
  "dns-error",
  "http-abort",
  "http-delay",
] as const;

/** A chaos action of the catalogue. */
export type ChaosAction = (typeof CHAOS_ACTIONS)[number];

/** Actions that reach a declared dependency, and those that must. */
export const TARGETED_ACTIONS: readonly ChaosAction[] = ["network-delay", "network-loss", "network-partition", "dns-error"];

/**
 * Longest experiment name: `<service (≤30)>-<experiment>-<NN>` must fit Chaos Mesh's 51-character
 * limit for a Schedule that wraps a Workflow.
 */
export const MAX_EXPERIMENT_NAME = 17;

const HOUR = 3_600_000;
const LOCAL_DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d)?$/;

/**
 * A blackout: a weekly window (`days` and/or `from`/`to`, in `chaos.timezone`) or a one-off freeze
 * (`start`/`end`, local date-times, end exclusive).
 */
const blackout = z.strictObject({
  name: dnsLabel(63),
  days: z.array(weekday, { error: "must be a list of days such as [sat, sun]" }).min(1, { error: "must list at least one day" }).optional(),
  from: timeOfDay.optional(),
  to: timeOfDay.optional(),
  start: pattern(LOCAL_DATE_TIME, "must be a local date or date-time such as 2026-12-20 or 2026-12-20T18:00").optional(),
  end: pattern(LOCAL_DATE_TIME, "must be a local date or date-time such as 2027-01-04 or 2027-01-04T08:00").optional(),
});

/** What must hold while the experiment runs (a steady-state hypothesis). */
const hypothesis = z.strictObject({
  /** No page (`severity=critical`) alert of the service fires. */
  noPage: bool().optional(),
  /** This alert must fire within the given time, proving the failure is detected. */
  expectAlert: z
    .strictObject({
      name: pattern(/^[A-Za-z_:][A-Za-z0-9_:]*$/, "must be a Prometheus alert name such as KubePodCrashLooping"),
      within: duration(60_000, 6 * HOUR, " between 1m and 6h"),
    })
    .optional(),
});

const experiment = z.strictObject({
  name: dnsLabel(MAX_EXPERIMENT_NAME),
  action: oneOf(CHAOS_ACTIONS),
  schedule: text(120, "a cron expression such as \"0 10 * * 2\""),
  duration: duration(10_000, 6 * HOUR, " between 10s and 6h").optional(),
  maxUnavailable: intOrPercent.optional(),
  target: dnsLabel(63).optional(),
  latency: duration(1, 60_000, " of at most 60s").optional(),
  jitter: duration(0, 60_000, " of at most 60s").optional(),
  lossPercent: num(1, 100).optional(),
  cpuWorkers: int(1, 64).optional(),
  cpuLoad: int(1, 100).optional(),
  memorySize: pattern(/^[1-9]\d*(KB|MB|GB|%)$/, "must be a size such as 256MB or 50%").optional(),
  containerNames: z.array(dnsLabel(63), { error: "must be a list of container names" }).min(1, { error: "must list at least one container" }).optional(),
  httpPath: pattern(/^(\/[\x21-\x7e]*|\*)$/, "must be an absolute HTTP path such as /checkout or *").optional(),
  hypothesis: hypothesis.optional(),
  regions: z.array(text(32, "a region"), { error: "must be a list of regions" }).min(1, { error: "must list at least one region" }).optional(),
});

/** `spec.chaos` */
export const chaosSchema = z.strictObject({
  enabled: bool().optional(),
  timezone: text(64, "an IANA time zone such as Europe/Berlin").optional(),
  allowedHours: z
    .strictObject({ days: z.array(weekday).min(1, { error: "must list at least one day" }).optional(), from: timeOfDay, to: timeOfDay })
    .optional(),
  blackouts: z.array(blackout, { error: "must be a list of blackout windows" }).optional(),
  experiments: z.array(experiment, { error: "must be a list of experiments" }).optional(),
});

/** `spec.chaos` as written. */
export type ChaosInput = z.output<typeof chaosSchema>;
/** One chaos experiment as written. */
export type ExperimentInput = NonNullable<ChaosInput["experiments"]>[number];
