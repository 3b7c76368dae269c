/**
 * Schema building blocks. Each one carries a single "must ..." message that the loader
 * completes with the offending value, so every error reads the same way.
 */

import { z } from "zod";
import { CPU_PATTERN, DURATION_PATTERN, MEMORY_PATTERN, parseDuration } from "../units.js";

/** An integer in `[min, max]`. */
export function int(min: number, max: number) {
  const error = `must be an integer between ${min} and ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** A number in `[min, max]` (fractions allowed). */
export function num(min: number, max: number, error = `must be a number between ${min} and ${max}`) {
  return z.number({ error }).min(min, { error }).max(max, { error });
}

/** A number strictly between `min` and `max`. */
export function numBetween(min: number, max: number, error: string) {
  return z.number({ error }).gt(min, { error }).lt(max, { error });
}

/** A non-empty string matching `pattern`. */
export function pattern(regex: RegExp, error: string) {
  return z.string({ error }).regex(regex, { error });
}

/** A boolean. */
export function bool() {
  return z.boolean({ error: "must be true or false" });
}

/** A string that is one of `values`. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.join(", ")}` });
}

/** A Prometheus-style duration (`30s`, `5m`, `1h30m`, `30d`) within `[minMs, maxMs]`. */
export function duration(minMs = 0, maxMs = Number.MAX_SAFE_INTEGER, hint = "") {
  const error = `must be a duration such as 30s, 5m or 1h30m${hint}`;
  return z
    .string({ error })
    .regex(DURATION_PATTERN, { error })
    .refine(
      (text) => {
        const ms = parseDuration(text) ?? -1;
        return ms >= minMs && ms <= maxMs;
      },
      { error },
    );
}

/** A non-empty string of at most `max` characters. */
export function text(max = 1024, what = "a non-empty string") {
  const error = `must be ${what} of at most ${max} characters`;
  return z.string({ error }).min(1, { error }).max(max, { error });
}

/** DNS-1123 label: lower-case letters, digits and `-`, starting with a letter. */
export const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 label of at most `max` characters. */
export function dnsLabel(max: number) {
  const error = `must be lower-case letters, digits and '-', starting with a letter, at most ${max} characters`;
  return z.string({ error }).regex(DNS_LABEL, { error }).max(max, { error });
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/**
 * True for a Kubernetes qualified name (label and annotation keys): an optional DNS-1123 subdomain
 * prefix of at most 253 characters and `/`, then a name of at most 63 characters.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
 */
export function isQualifiedName(key: string): boolean {
  const parts = key.split("/");
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1] ?? "";
  const prefix = parts.length === 2 ? (parts[0] ?? "") : undefined;
  const prefixOk = prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix));
  return prefixOk && name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}

const QUALIFIED_NAME_HINT =
  "an optional DNS subdomain prefix (at most 253 characters) and '/', then a name of at most 63 letters, digits, '-', '_' or '.' that starts and ends with a letter or digit";

/** A Kubernetes label key. */
export const labelKey = z
  .string()
  .refine(isQualifiedName, { error: `must be a Kubernetes label key: ${QUALIFIED_NAME_HINT}` });

/** A Kubernetes label value: at most 63 letters, digits, `-`, `_` or `.`, alphanumeric at both ends. */
export const labelValue = pattern(
  LABEL_VALUE,
  "must be a Kubernetes label value: at most 63 letters, digits, '-', '_' or '.' that starts and ends with a letter or digit",
).max(63, {
  error:
    "must be a Kubernetes label value: at most 63 letters, digits, '-', '_' or '.' that starts and ends with a letter or digit",
});

/** A Kubernetes annotation key (checked lower-cased, as the API server does). */
export const annotationKey = z.string().refine((key) => isQualifiedName(key.toLowerCase()), {
  error: `must be a Kubernetes annotation key: ${QUALIFIED_NAME_HINT}`,
});

/** The API server's limit on the summed size of an object's annotation keys and values. */
export const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** Annotations as the API server accepts them: qualified keys, string values, at most 256 KiB in total. */
export function annotations() {
  const error = `must total at most ${ANNOTATIONS_MAX_BYTES} bytes of keys and values`;
  return z
    .record(annotationKey, z.string({ error: "must be a string" }))
    .refine(
      (map) =>
        Object.entries(map).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0) <=
        ANNOTATIONS_MAX_BYTES,
      { error },
    );
}

/** An AWS region name such as `us-east-1`. */
export const awsRegion = pattern(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "must be an AWS region name such as us-east-1");

/** A Kubernetes CPU quantity. */
export const cpu = pattern(CPU_PATTERN, "must be a CPU quantity such as 250m or 1");

/** A Kubernetes memory quantity. */
export const memory = pattern(MEMORY_PATTERN, "must be a memory quantity such as 256Mi or 1Gi");

/** An absolute HTTP path. */
export const httpPath = pattern(/^\/[\x21-\x7e]*$/, "must be an absolute HTTP path such as /healthz");

/** An `https://` or `http://` URL. */
export const url = pattern(/^https?:\/\/[^\s]+$/, "must be an http(s) URL");

/** An integer count or a percentage string (`1`, `25%`). */
export const intOrPercent = z.union(
  [int(0, 10_000), pattern(/^(100|[1-9]?\d)%$/, "must be a whole number or a percentage such as 25%")],
  {
    error: "must be a whole number or a percentage such as 25%",
  },
);

/** A time of day, `HH:MM` (24-hour clock; `24:00` means end of day). */
export const timeOfDay = pattern(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, "must be a time of day such as 09:00 (24-hour)");

/** Days of the week, in order. */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** A day of the week. */
export const weekday = oneOf(WEEKDAYS);
