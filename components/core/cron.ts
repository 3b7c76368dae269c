/**
 * The cron dialect Chaos Mesh accepts: robfig/cron v3 `ParseStandard` (five fields, `*`, `?`, lists,
 * ranges, steps, month and weekday names, `@daily`-style descriptors, an optional `CRON_TZ=<zone>` prefix).
 * Parsed into value sets that keep robfig's "star bit", because robfig ORs day-of-month and day-of-week
 * when neither field starts with `*`/`?` (a step greater than 1 clears the star).
 * @see https://pkg.go.dev/github.com/robfig/cron/v3#hdr-CRON_Expression_Format
 */

import { quote } from "./spec/errors.js";

/** One cron field: the values it allows and whether robfig treats it as unrestricted (`*`/`?`). */
export interface CronField {
  /** Allowed values, sorted ascending. */
  readonly values: readonly number[];
  /** robfig's star bit: the field was written as `*` or `?` (without a step above 1). */
  readonly star: boolean;
}

/** A parsed five-field cron expression. */
export interface CronFields {
  /** Minutes 0–59. */
  readonly minute: CronField;
  /** Hours 0–23. */
  readonly hour: CronField;
  /** Days of the month 1–31. */
  readonly dom: CronField;
  /** Months 1–12. */
  readonly month: CronField;
  /** Days of the week 0–6, Sunday = 0. */
  readonly dow: CronField;
}

/** A parse result: the fields, or a "must ..." reason. */
export type CronParse =
  { readonly ok: true; readonly fields: CronFields } | { readonly ok: false; readonly error: string };

interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly label: string;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const BOUNDS: readonly Bounds[] = [
  { min: 0, max: 59, label: "minute" },
  { min: 0, max: 23, label: "hour" },
  { min: 1, max: 31, label: "day of month" },
  { min: 1, max: 12, names: MONTHS, label: "month" },
  { min: 0, max: 6, names: DAYS, label: "day of week" },
];

/** robfig's descriptors as the five fields they stand for (day fields keep robfig's star bits). */
const DESCRIPTORS: Readonly<Record<string, string>> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/** Parses a cron expression as Chaos Mesh (robfig/cron v3) would, refusing what it would refuse. */
export function parseCron(expression: string): CronParse {
  const text = expression.trim();
  if (/^(CRON_)?TZ=/.test(text)) return fail("must not carry a CRON_TZ=/TZ= prefix (set chaos.timezone instead)");
  if (text.startsWith("@every"))
    return fail(
      "must be a calendar schedule, not @every (its runs depend on when the Schedule was created, so blackouts cannot be checked)",
    );
  const expanded = text.startsWith("@") ? DESCRIPTORS[text] : text;
  if (expanded === undefined) return fail(`must be one of the descriptors ${Object.keys(DESCRIPTORS).join(", ")}`);
  const parts = expanded.split(/\s+/);
  if (parts.length !== 5)
    return fail(`must have exactly five fields (minute hour day-of-month month day-of-week), found ${parts.length}`);
  const fields: CronField[] = [];
  for (const [i, part] of parts.entries()) {
    const bounds = BOUNDS[i] as Bounds;
    const field = parseField(part, bounds);
    if (typeof field === "string") return fail(field);
    fields.push(field);
  }
  const [minute, hour, dom, month, dow] = fields as [CronField, CronField, CronField, CronField, CronField];
  return { ok: true, fields: { minute, hour, dom, month, dow } };
}

function fail(error: string): CronParse {
  return { ok: false, error };
}

function parseField(text: string, bounds: Bounds): CronField | string {
  const values = new Set<number>();
  let star = false;
  for (const range of text.split(",")) {
    if (range === "") return `must not have an empty list item in the ${bounds.label} field`;
    const parsed = parseRange(range, bounds);
    if (typeof parsed === "string") return parsed;
    parsed.values.forEach((v) => values.add(v));
    star ||= parsed.star;
  }
  return { values: [...values].sort((a, b) => a - b), star };
}

function parseRange(text: string, bounds: Bounds): CronField | string {
  const [span = "", step, extra] = text.split("/");
  if (extra !== undefined) return `must have at most one "/" in ${quote(text)} (${bounds.label})`;
  const stepValue = step === undefined ? 1 : parseNumber(step);
  if (stepValue === undefined || stepValue < 1) return `must have a positive step in ${quote(text)} (${bounds.label})`;
  const wildcard = span === "*" || span === "?";
  const ends = wildcard ? [bounds.min, bounds.max] : span.split("-").map((part) => parseValue(part, bounds));
  if (ends.length > 2) return `must have at most one "-" in ${quote(text)} (${bounds.label})`;
  const [low, high = step !== undefined && !wildcard ? bounds.max : low] = ends;
  if (low === undefined || high === undefined)
    return `must use numbers${bounds.names ? " or names" : ""} in ${quote(text)} (${bounds.label})`;
  if (low < bounds.min || high > bounds.max || low > high) {
    return `must stay within ${bounds.min}-${bounds.max} in ${quote(text)} (${bounds.label})`;
  }
  const values: number[] = [];
  for (let v = low; v <= high; v += stepValue) values.push(v);
  return { values, star: wildcard && stepValue === 1 };
}

function parseValue(text: string, bounds: Bounds): number | undefined {
  const named = bounds.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + bounds.min;
  return parseNumber(text);
}

function parseNumber(text: string): number | undefined {
  return /^\d{1,2}$/.test(text) ? Number(text) : undefined;
}

/** Writes a field back: `*` when unrestricted, else a list of values and ranges. */
export function formatField(field: CronField, min: number, max: number): string {
  if (field.star && field.values.length === max - min + 1) return "*";
  const out: string[] = [];
  let start = field.values[0];
  for (let i = 0; i < field.values.length; i++) {
    const value = field.values[i] as number;
    const next = field.values[i + 1];
    if (next === value + 1) continue;
    out.push(start === value ? String(value) : `${String(start)}-${value}`);
    start = next;
  }
  return out.join(",");
}

/** A field that allows exactly `values` (no star bit unless `star`). */
export function field(values: Iterable<number>, star = false): CronField {
  return { values: [...new Set(values)].sort((a, b) => a - b), star };
}

/** Writes five fields back as a cron expression both robfig/cron and croner read the same way. */
export function formatCron(f: CronFields): string {
  return [
    formatField(f.minute, 0, 59),
    formatField(f.hour, 0, 23),
    formatField(f.dom, 1, 31),
    formatField(f.month, 1, 12),
    formatField(f.dow, 0, 6),
  ].join(" ");
}

/** The Schedule's `spec.schedule`: the expression in the spec's time zone (robfig/cron v3 reads `CRON_TZ=`). */
export function zonedCron(f: CronFields, timezone: string): string {
  return `CRON_TZ=${timezone} ${formatCron(f)}`;
}

/** Splits `CRON_TZ=<zone> <five fields>` back into zone and expression. */
export function splitZonedCron(schedule: string): { readonly timezone: string; readonly cron: string } {
  const match = /^CRON_TZ=(\S+) (.+)$/.exec(schedule);
  return match ? { timezone: match[1] as string, cron: match[2] as string } : { timezone: "UTC", cron: schedule };
}
