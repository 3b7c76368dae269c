/**
 * `spec.chaos`: Chaos Mesh experiments, their schedule (cron in an IANA time zone), the hours they
 * may run in and the blackouts they must stay out of. An experiment is one of the registry's
 * actions: the fields every experiment has, and that action's own fields only.
 * @see https://chaos-mesh.org/docs/define-scheduling-rules/
 */

import { z } from "zod";
import { bool, dnsLabel, duration, intOrPercent, pattern, text, timeOfDay, weekday } from "../../core/spec/fields.js";
import type { ActionRegistry, ChaosActionRecord } from "./actions/action.js";

/**
 * Longest experiment name: `<service (≤30)>-<experiment>-<NN>` must fit Chaos Mesh's 51-character
 * limit for a Schedule that wraps a Workflow.
 */
export const MAX_EXPERIMENT_NAME = 17;

const HOUR = 3_600_000;
const LOCAL_DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d)?$/;

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** Days in a month of a year (`month` 1–12), leap years included. */
function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The days-in-month problem of a well-formed local date, or undefined when the date exists. */
function missingDay(text: string): string | undefined {
  const [year, month, day] = text.slice(0, 10).split("-").map(Number);
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const days = daysIn(year, month);
  return day <= days ? undefined : `${MONTHS[month - 1] ?? month} ${year} has ${days} days`;
}

/** A local date or date-time (`2026-12-20`, `2026-12-20T18:00`) that exists in the calendar. */
function localDateTime(example: string) {
  return pattern(LOCAL_DATE_TIME, `must be a local date or date-time such as ${example}`).refine(
    (text) => !LOCAL_DATE_TIME.test(text) || missingDay(text) === undefined,
    { error: (issue) => `must be a date that exists (${missingDay(String(issue.input))})` },
  );
}

/**
 * A blackout: a weekly window (`days` and/or `from`/`to`, in `chaos.timezone`) or a one-off freeze
 * (`start`/`end`, local date-times, end exclusive).
 */
const blackout = z.strictObject({
  name: dnsLabel(63),
  days: z
    .array(weekday, { error: "must be a list of days such as [sat, sun]" })
    .min(1, { error: "must list at least one day" })
    .optional(),
  from: timeOfDay.optional(),
  to: timeOfDay.optional(),
  start: localDateTime("2026-12-20 or 2026-12-20T18:00").optional(),
  end: localDateTime("2027-01-04 or 2027-01-04T08:00").optional(),
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

/** The experiment's name, its first field. */
const named = { name: dnsLabel(MAX_EXPERIMENT_NAME) };

/** The fields every experiment has between its action and the action's own fields. */
const leading = {
  schedule: text(120, 'a cron expression such as "0 10 * * 2"'),
  duration: duration(10_000, 6 * HOUR, " between 10s and 6h").optional(),
  maxUnavailable: intOrPercent.optional(),
};

/** The fields every experiment has after its action's own. */
const trailing = {
  hypothesis: hypothesis.optional(),
  regions: z
    .array(text(32, "a region"), { error: "must be a list of regions" })
    .min(1, { error: "must list at least one region" })
    .optional(),
};

/** `target`: the dependency a targeted action reaches. */
const target = dnsLabel(63).optional();

/** The fields of an experiment every action has, as written. */
export type CommonExperimentInput = z.output<z.ZodObject<typeof named & typeof leading & typeof trailing>>;

/** One chaos experiment as written: the common fields, its action and that action's own fields. */
export type ExperimentInput = CommonExperimentInput & {
  /** The action, one of the registry's. */
  readonly action: string;
  /** The dependency it reaches, for a targeted action. */
  readonly target?: string | undefined;
  /** The action's own fields. */
  readonly [field: string]: unknown;
};

const section = {
  enabled: bool().optional(),
  timezone: text(64, "an IANA time zone such as Europe/Berlin").optional(),
  allowedHours: z
    .strictObject({
      days: z.array(weekday).min(1, { error: "must list at least one day" }).optional(),
      from: timeOfDay,
      to: timeOfDay,
    })
    .optional(),
  blackouts: z.array(blackout, { error: "must be a list of blackout windows" }).optional(),
};

/** `spec.chaos` as written. */
export type ChaosInput = z.output<z.ZodObject<typeof section>> & {
  /** The experiments. */
  readonly experiments?: readonly ExperimentInput[] | undefined;
};

/** One blackout as written. */
export type BlackoutInput = z.output<typeof blackout>;

/** The hypothesis of an experiment as written. */
export type HypothesisInput = z.output<typeof hypothesis>;

/** `spec.chaos` for the actions of a registry. */
export function chaosSchema(actions: ActionRegistry): z.ZodType<ChaosInput> {
  return z.strictObject({
    ...section,
    experiments: z.array(experimentSchema(actions), { error: "must be a list of experiments" }).optional(),
  });
}

/**
 * One experiment: a union of the registry's actions, told apart by `action`. Each action accepts its
 * own fields; another action's field is refused with the actions that read it.
 */
export function experimentSchema(actions: ActionRegistry): z.ZodType<ExperimentInput> {
  const owners = fieldOwners(actions);
  const options = actions.map((a) =>
    z.strictObject({ ...named, action: z.literal(a.action), ...leading, ...ownFields(a, owners), ...trailing }),
  );
  const names = actions.map((a) => a.action).join(", ");
  const [first, ...rest] = options;
  if (!first) throw new Error("a chaos action registry needs at least one action");
  return z.discriminatedUnion("action", [first, ...rest], {
    error: (issue) => (issue.code === "invalid_union" ? `must be one of ${names}` : undefined),
  }) as unknown as z.ZodType<ExperimentInput>;
}

/** The fields of an action: its own, and every other action's field as one it must not set. */
function ownFields(a: ChaosActionRecord, owners: ReadonlyMap<string, readonly string[]>): z.core.$ZodLooseShape {
  const own: z.core.$ZodLooseShape = { ...(a.targeted === "never" ? {} : { target }), ...a.params.shape };
  return Object.fromEntries(
    [...owners].map(([field, readers]) => [
      field,
      own[field] ??
        z.never({ error: `must not be set for action ${a.action} (only ${readers.join(", ")} read it)` }).optional(),
    ]),
  );
}

/** Every action-specific field (`target` first), with the actions that read it, in registry order. */
function fieldOwners(actions: ActionRegistry): Map<string, readonly string[]> {
  const owners = new Map<string, string[]>([["target", []]]);
  for (const a of actions) {
    const fields = [...(a.targeted === "never" ? [] : ["target"]), ...Object.keys(a.params.shape)];
    for (const field of fields) owners.set(field, [...(owners.get(field) ?? []), a.action]);
  }
  return new Map([...owners].filter(([, readers]) => readers.length > 0));
}
