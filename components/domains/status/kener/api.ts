/**
 * The request and response bodies of Kener's v4 REST API, as the running server (4.1.x) answers
 * them: responses are wrapped in one key (`{"monitor": …}`, `{"incident": …}`), errors are
 * `{"error": {code, message}}`, request times are Unix seconds. Responses are read with zod schemas
 * that check the fields this product uses and keep the rest.
 * @see https://github.com/rajnandan1/kener
 */

import { z } from "zod";

/** A monitor's status at one minute. */
export const MONITOR_STATUSES = ["UP", "DOWN", "DEGRADED"] as const;
/** A monitor's status at one minute. */
export type MonitorStatus = (typeof MONITOR_STATUSES)[number];

/** The state an incident is in; each comment sets it, and `RESOLVED` ends the incident. */
export const INCIDENT_STATES = ["INVESTIGATING", "IDENTIFIED", "MONITORING", "RESOLVED"] as const;
/** The state an incident is in. */
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** How an incident affects a monitor (the server stores any string; these are the ones the page shows). */
export type IncidentImpact = "DOWN" | "DEGRADED";

/** One request header of an API monitor. */
export interface MonitorHeader {
  /** Header name. */
  readonly key: string;
  /** Header value. */
  readonly value: string;
}

/** `type_data` of an `API` monitor: the HTTP request Kener makes and how it judges the answer. */
export interface ApiTypeData {
  /** URL to request. */
  readonly url: string;
  /** HTTP method. */
  readonly method: string;
  /** Request headers. */
  readonly headers: readonly MonitorHeader[];
  /** Request body ("" for none). */
  readonly body: string;
  /** Milliseconds before the check fails. */
  readonly timeout: number;
  /** Whether a self-signed certificate passes. */
  readonly allowSelfSignedCert?: boolean;
  /** JavaScript function `(statusCode, responseTime, …) → {status, latency}` judging the answer; Kener's own when absent. */
  readonly eval?: string;
}

/** `POST /api/v4/monitors` body. */
export interface MonitorInput {
  /** Unique tag: lowercase letters, digits, `-` and `_`, starting and ending alphanumeric. */
  readonly tag: string;
  /** Name shown on the status page. */
  readonly name: string;
  /** Description shown under the name. */
  readonly description?: string;
  /** Cron expression (five fields, minutes at the finest) of the checks. */
  readonly cron: string;
  /** Monitor kind; this product creates `API` monitors. */
  readonly monitor_type: "API";
  /** The request and its judgement. */
  readonly type_data: ApiTypeData;
  /** Status shown before the first check. */
  readonly default_status?: MonitorStatus;
  /** Consecutive checks with a new status before the monitor takes it. */
  readonly confirmation_threshold?: number;
}

/** Whether Kener checks a monitor (`INACTIVE`: no checks, kept with its history). */
export type MonitorActivity = "ACTIVE" | "INACTIVE";

/** `PATCH /api/v4/monitors/{tag}` body: any of the fields of a monitor but its tag, and its activity. */
export type MonitorPatch = Partial<Omit<MonitorInput, "tag">> & { readonly status?: MonitorActivity };

/**
 * `type_data` as answered: an object whose shape depends on the monitor's type (an older server hands
 * it back as JSON text), read as a mapping so monitors of every type can be listed.
 */
const typeData = z.preprocess(
  (value) => (typeof value === "string" ? safeJson(value) : value),
  z.record(z.string(), z.unknown()),
);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A monitor as the server answers it. */
export const monitorSchema = z.looseObject({
  id: z.number(),
  tag: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  cron: z.string(),
  monitor_type: z.string(),
  type_data: typeData.nullish(),
  default_status: z.string().nullish(),
  status: z.string().nullish(),
  confirmation_threshold: z.number().nullish(),
  day_degraded_minimum_count: z.number().nullish(),
  day_down_minimum_count: z.number().nullish(),
  is_hidden: z.union([z.boolean(), z.string(), z.number()]).nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
});
/** A monitor as the server answers it. */
export type Monitor = z.output<typeof monitorSchema>;

/** `PATCH /api/v4/monitors/{tag}/data` body: one status for every minute from `start_ts` to `end_ts`. */
export interface MonitorDataRange {
  /** First minute, Unix seconds. */
  readonly start_ts: number;
  /** Last minute, Unix seconds. */
  readonly end_ts: number;
  /** Status of every minute in the range. */
  readonly status: MonitorStatus;
  /** Latency in milliseconds. */
  readonly latency: number;
}

/** One minute of a monitor's data. */
export const monitorDataSchema = z.looseObject({
  monitor_tag: z.string(),
  timestamp: z.number(),
  status: z.string(),
  latency: z.number().nullish(),
  type: z.string().nullish(),
});
/** One minute of a monitor's data. */
export type MonitorData = z.output<typeof monitorDataSchema>;

/** A monitor an incident affects, and how. */
export interface IncidentMonitor {
  /** Tag of the monitor. */
  readonly monitor_tag: string;
  /** Its impact. */
  readonly impact: IncidentImpact;
}

/** `POST /api/v4/incidents` body. */
export interface IncidentInput {
  /** Title shown on the status page. */
  readonly title: string;
  /** When it began, Unix seconds. */
  readonly start_date_time: number;
  /** When it ended, Unix seconds; absent while it is open. */
  readonly end_date_time?: number;
  /** The monitors it affects. */
  readonly monitors: readonly IncidentMonitor[];
}

/** `PATCH /api/v4/incidents/{id}` body: title and monitors (never the state). */
export type IncidentPatch = Partial<Pick<IncidentInput, "title" | "monitors">>;

/** An incident as the server answers it (times ISO-8601 in UTC). */
export const incidentSchema = z.looseObject({
  id: z.number(),
  title: z.string(),
  start_date_time: z.string(),
  end_date_time: z.string().nullable(),
  state: z.string(),
  incident_type: z.string().nullish(),
  incident_source: z.string().nullish(),
  monitors: z.array(z.looseObject({ monitor_tag: z.string(), impact: z.string() })).default([]),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  url: z.string().nullish(),
});
/** An incident as the server answers it. */
export type Incident = z.output<typeof incidentSchema>;

/** `POST /api/v4/incidents/{id}/comments` body: an update, which also sets the incident's state. */
export interface CommentInput {
  /** Text of the update. */
  readonly comment: string;
  /** State the incident moves to; `RESOLVED` ends it. */
  readonly state: IncidentState;
  /** When it was written, Unix seconds; now when absent. */
  readonly timestamp?: number;
}

/** An incident update as the server answers it. */
export const commentSchema = z.looseObject({
  id: z.number(),
  comment: z.string(),
  state: z.string(),
  timestamp: z.union([z.number(), z.string()]).nullish(),
});
/** An incident update as the server answers it. */
export type Comment = z.output<typeof commentSchema>;

/** The error body of every failed request. */
export const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
