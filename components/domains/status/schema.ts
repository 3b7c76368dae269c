/**
 * `spec.status`: the endpoints synthetic probes check from every region, how often and how strictly,
 * what they are called on the status page, and when they are under maintenance. Every field is
 * optional; `defaults.ts` holds the defaults and `resolve.ts` applies them.
 * @see https://github.com/prometheus/blackbox_exporter/blob/master/CONFIGURATION.md
 */

import { z } from "zod";
import { bool, dnsLabel, duration, httpPath, int, oneOf, pattern, text, url } from "../../core/spec/fields.js";
import { chaos } from "../chaos/index.js";
import type { BlackoutInput } from "../chaos/schema.js";

/** Longest endpoint name: it is part of the Probe names (`<service>-<endpoint>-from-<region>`) and their logical names. */
export const MAX_ENDPOINT_NAME = 24;

/** HTTP methods a check may use. */
export const METHODS = ["GET", "HEAD", "POST", "OPTIONS"] as const;

/**
 * The chaos domain's blackout schema, taken from the section schema its module declares, so a
 * maintenance window is read by the very schema a chaos blackout is.
 * @throws Error when the chaos section no longer holds a `blackouts` list.
 */
function blackoutSchema(): z.ZodType<BlackoutInput> {
  const section = chaos.sections.chaos;
  const object = section instanceof z.ZodOptional ? section.unwrap() : section;
  const list = object instanceof z.ZodObject ? (object.shape as Record<string, unknown>)["blackouts"] : undefined;
  const array = list instanceof z.ZodOptional ? list.unwrap() : list;
  if (!(array instanceof z.ZodArray))
    throw new Error("internal: spec.chaos has no blackouts list to read maintenance windows with");
  return array.element as z.ZodType<BlackoutInput>;
}

/**
 * A maintenance window: the chaos blackout syntax (a weekly window of `days` and/or `from`/`to`, or a
 * one-off `start`/`end`, local to `status.timezone`), read by the same schema.
 */
export const maintenanceWindowSchema = blackoutSchema();

const hostPort = pattern(
  /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?(:\d{1,5})?$/,
  "must be a host name or address, with an optional port, such as checkout.acme.example",
);

/** `spec.status.endpoints[]`: one URL to check, or a host and path. */
const endpointSchema = z
  .strictObject({
    name: dnsLabel(MAX_ENDPOINT_NAME),
    url: url.optional(),
    host: hostPort.optional(),
    path: httpPath.optional(),
    /** @default `STATUS_DEFAULTS.scheme` (with `host`) */
    scheme: oneOf(["https", "http"]).optional(),
    /** @default `STATUS_DEFAULTS.method` */
    method: oneOf(METHODS).optional(),
    /** @default `STATUS_DEFAULTS.statusCodes` (any 2xx) */
    status: z
      .array(int(100, 599), { error: "must be a list of HTTP status codes such as [200, 204]" })
      .min(1, { error: "must list at least one status code" })
      .optional(),
    /** @default the section's `timeout` */
    timeout: duration(1_000, 60_000, " between 1s and 60s").optional(),
    /** @default the section's `latency` */
    latency: duration(1, 60_000, " of at most 60s").optional(),
    /** @default the section's `component` */
    component: text(100, "a status-page component name").optional(),
  })
  .refine((e) => (e.url === undefined) !== (e.host === undefined), {
    error: "must set exactly one of url or host (with path and scheme)",
  })
  .refine((e) => e.url === undefined || (e.path === undefined && e.scheme === undefined), {
    error: "must not set path or scheme together with url (the url holds them)",
  });

/** `spec.status` */
export const statusSchema = z.strictObject({
  /** @default `STATUS_DEFAULTS.enabled` */
  enabled: bool().optional(),
  /** @default the public DNS name, or (with a `status` section and no `dns`) each region's ingress host, at the readiness probe's HTTP path */
  endpoints: z
    .array(endpointSchema, { error: "must be a list of endpoints" })
    .max(20, { error: "must list at most 20 endpoints" })
    .optional(),
  /** @default `STATUS_TIER_DEFAULTS.interval` of the tier */
  interval: duration(10_000, 3_600_000, " between 10s and 1h").optional(),
  /** @default `STATUS_TIER_DEFAULTS.failureThreshold` of the tier */
  failureThreshold: int(1, 10).optional(),
  /** @default `STATUS_TIER_DEFAULTS.successThreshold` of the tier */
  successThreshold: int(1, 10).optional(),
  /** @default `STATUS_DEFAULTS.timeout` */
  timeout: duration(1_000, 60_000, " between 1s and 60s").optional(),
  /** @default `objectives.latency.threshold`; none (no EndpointSlow) without a latency objective */
  latency: duration(1, 60_000, " of at most 60s").optional(),
  /** @default `metadata.name` */
  component: text(100, "a status-page component name").optional(),
  /** @default `metadata.team` */
  group: text(100, "a status-page group name").optional(),
  /** @default `STATUS_DEFAULTS.certificateExpiryDays` */
  certificateExpiryDays: int(1, 365).optional(),
  /** @default `DEFAULTS.timezone` (UTC) */
  timezone: text(64, "an IANA time zone such as Europe/Berlin").optional(),
  /** @default none */
  maintenance: z.array(maintenanceWindowSchema, { error: "must be a list of maintenance windows" }).optional(),
});

/** `spec.status` as written. */
export type StatusInput = z.output<typeof statusSchema>;
/** One endpoint as written. */
export type EndpointInput = NonNullable<StatusInput["endpoints"]>[number];
/** One maintenance window as written (the chaos blackout shape). */
export type MaintenanceWindowInput = BlackoutInput;
