import { z } from "zod";
import { bool, dnsLabel, duration, int, intOrPercent, num, oneOf, pattern, text, timeOfDay, weekday } from "./common.js";

/**
 * `spec.chaos`: Chaos Mesh experiments, their schedule (cron in an IANA time zone) and blackouts.
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

const HOUR = 3_600_000;

/** A recurring weekly window (`days` + `from`/`to`) or a one-off window (`start`/`end`). */
const blackout = z.strictObject({
  name: text(63, "a name"),
  days: z.array(weekday, { error: "must be a list of days such as [sat, sun]" }).min(1).optional(),
  from: timeOfDay.optional(),
  to: timeOfDay.optional(),
  start: pattern(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/, "must be a local date-time such as 2026-12-20T00:00").optional(),
  end: pattern(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/, "must be a local date-time such as 2027-01-04T00:00").optional(),
});

/** What must hold while the experiment runs. */
const hypothesis = z.strictObject({
  noPage: bool().optional(),
  expectAlert: z.strictObject({ name: pattern(/^[A-Za-z_:][A-Za-z0-9_:]*$/, "must be an alert name"), within: duration(60_000, 6 * HOUR) }).optional(),
});

const experiment = z.strictObject({
  name: dnsLabel(20),
  action: oneOf(CHAOS_ACTIONS),
  schedule: text(120, "a cron expression"),
  duration: duration(1_000, 6 * HOUR, " between 1s and 6h").optional(),
  maxUnavailable: intOrPercent.optional(),
  target: dnsLabel(63).optional(),
  latency: duration(1, 60_000, " of at most 60s").optional(),
  jitter: duration(0, 60_000, " of at most 60s").optional(),
  lossPercent: num(0, 100).optional(),
  cpuWorkers: int(1, 64).optional(),
  cpuLoad: int(1, 100).optional(),
  memorySize: pattern(/^\d+(MB|GB|KB|B|%)$/, "must be a size such as 256MB or 50%").optional(),
  containerNames: z.array(dnsLabel(63), { error: "must be a list of container names" }).optional(),
  httpPath: text(1024).optional(),
  httpCode: int(100, 599).optional(),
  hypothesis: hypothesis.optional(),
  regions: z.array(text(32), { error: "must be a list of regions" }).optional(),
});

/** `spec.chaos` */
export const chaosSchema = z.strictObject({
  enabled: bool().optional(),
  timezone: text(64, "an IANA time zone such as Europe/Berlin").optional(),
  allowedHours: z
    .strictObject({ days: z.array(weekday).min(1).optional(), from: timeOfDay, to: timeOfDay })
    .optional(),
  blackouts: z.array(blackout, { error: "must be a list of blackout windows" }).optional(),
  experiments: z.array(experiment, { error: "must be a list of experiments" }).optional(),
});
