/**
 * The incident routes of the loopback Kener v4 API (`kener-api.ts`): create, read, change title and
 * monitors, delete, and updates (comments) that set the state; `RESOLVED` ends the incident. As the
 * running server does, `impact` is stored unchecked and `PATCH /incidents/{id}` never changes the state.
 */

import { fail, seconds, type Answer, type KenerState } from "./kener-api.js";

/** An incident update as stored. */
export interface StoredComment {
  id: number;
  incident_id: number;
  comment: string;
  state: string;
  timestamp: number;
  created_at: string;
}

/** An incident as stored: its answer fields and its updates. */
export interface StoredIncident {
  id: number;
  title: string;
  start_date_time: string;
  end_date_time: string | null;
  state: string;
  incident_type: "INCIDENT";
  incident_source: "API";
  monitors: { monitor_tag: string; impact: string }[];
  created_at: string;
  updated_at: string;
  url: string;
  comments: StoredComment[];
}

/** The site URL incident links use (Kener's seeded setting, not the server's origin). */
const SITE_URL = "http://localhost:3000";
const STATES = ["INVESTIGATING", "IDENTIFIED", "MONITORING", "RESOLVED"];

const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function monitorsError(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return "monitors must be an array";
  return value.every((m) => isObject(m) && typeof m["monitor_tag"] === "string")
    ? undefined
    : "monitors[] must have monitor_tag";
}

/** The incident without its stored updates, as answers show it. */
function shown(incident: StoredIncident): Omit<StoredIncident, "comments"> {
  const { comments: _comments, ...rest } = incident;
  return rest;
}

function create(state: KenerState, body: unknown): Answer {
  if (!isObject(body)) return fail(400, "BAD_REQUEST", "Request body must be a JSON object");
  if (typeof body["title"] !== "string" || body["title"] === "") return fail(400, "BAD_REQUEST", "title is required");
  if (typeof body["start_date_time"] !== "number") return fail(400, "BAD_REQUEST", "start_date_time is required");
  const problem = monitorsError(body["monitors"]);
  if (problem) return fail(400, "BAD_REQUEST", problem);
  const id = state.nextId++;
  const now = iso(Math.floor(state.now() / 1000));
  const end = body["end_date_time"];
  const incident: StoredIncident = {
    id,
    title: body["title"],
    start_date_time: iso(seconds(body["start_date_time"])),
    end_date_time: typeof end === "number" ? iso(seconds(end)) : null,
    state: "INVESTIGATING",
    incident_type: "INCIDENT",
    incident_source: "API",
    monitors: ((body["monitors"] ?? []) as { monitor_tag: string; impact: unknown }[]).map((m) => ({
      monitor_tag: m.monitor_tag,
      impact: String(m.impact),
    })),
    created_at: now,
    updated_at: now,
    url: `${SITE_URL}/incidents/${id}`,
    comments: [],
  };
  state.incidents.set(id, incident);
  return { status: 201, body: { incident: shown(incident) } };
}

function patch(state: KenerState, incident: StoredIncident, body: unknown): Answer {
  if (!isObject(body)) return fail(400, "BAD_REQUEST", "Request body must be a JSON object");
  const problem = monitorsError(body["monitors"]);
  if (problem) return fail(400, "BAD_REQUEST", problem);
  if (typeof body["title"] === "string" && body["title"] !== "") incident.title = body["title"];
  if (Array.isArray(body["monitors"]))
    incident.monitors = (body["monitors"] as { monitor_tag: string; impact: unknown }[]).map((m) => ({
      monitor_tag: m.monitor_tag,
      impact: String(m.impact),
    }));
  incident.updated_at = iso(Math.floor(state.now() / 1000));
  return { status: 200, body: { incident: shown(incident) } };
}

function comment(state: KenerState, incident: StoredIncident, body: unknown, commentId?: string): Answer {
  if (!isObject(body)) return fail(400, "BAD_REQUEST", "Request body must be a JSON object");
  const next = body["state"];
  if (next !== undefined && (typeof next !== "string" || !STATES.includes(next)))
    return fail(400, "BAD_REQUEST", `state must be one of ${STATES.join(", ")}`);
  if (commentId !== undefined) {
    const existing = incident.comments.find((c) => String(c.id) === commentId);
    if (!existing) return fail(404, "NOT_FOUND", `Comment ${commentId} not found`);
    if (typeof body["comment"] === "string") existing.comment = body["comment"];
    if (typeof next === "string") existing.state = next;
    return { status: 200, body: { comment: existing } };
  }
  if (typeof body["comment"] !== "string" || body["comment"] === "")
    return fail(400, "BAD_REQUEST", "comment is required");
  if (next === undefined) return fail(400, "BAD_REQUEST", `state must be one of ${STATES.join(", ")}`);
  const nowSeconds = Math.floor(state.now() / 1000);
  const at = typeof body["timestamp"] === "number" ? seconds(body["timestamp"]) : nowSeconds;
  const stored: StoredComment = {
    id: state.nextId++,
    incident_id: incident.id,
    comment: body["comment"],
    state: next as string,
    timestamp: at,
    created_at: iso(nowSeconds),
  };
  incident.comments.push(stored);
  incident.state = stored.state;
  if (stored.state === "RESOLVED") incident.end_date_time = iso(at);
  incident.updated_at = iso(nowSeconds);
  return { status: 201, body: { comment: stored } };
}

/** Answers `/api/v4/incidents…`; undefined for a method or path it does not serve. */
export function incidentRoutes(state: KenerState, method: string, parts: string[], body: unknown): Answer | undefined {
  const [, id, sub, commentId] = parts;
  if (id === undefined) return method === "POST" ? create(state, body) : undefined;
  const incident = state.incidents.get(Number(id));
  if (!incident || !/^\d+$/.test(id)) return fail(404, "NOT_FOUND", `Incident ${id} not found`);
  if (sub === undefined) {
    if (method === "GET") return { status: 200, body: { incident: shown(incident) } };
    if (method === "PATCH") return patch(state, incident, body);
    if (method === "DELETE") {
      state.incidents.delete(incident.id);
      return { status: 200, body: { message: `Incident ${id} deleted` } };
    }
    return undefined;
  }
  if (sub !== "comments" || parts.length > 4) return undefined;
  if (commentId === undefined) return method === "POST" ? comment(state, incident, body) : undefined;
  return method === "PATCH" ? comment(state, incident, body, commentId) : undefined;
}
