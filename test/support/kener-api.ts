/**
 * An in-memory Kener v4 API on an ephemeral loopback port, answering as the running server does
 * (`test/reference/kener/kener-v4-api.md`): Bearer key or 401, `{"error": {code, message}}` bodies,
 * 400 on a bad or duplicate tag and a bad status or state, 404 on an unknown tag, incident or path,
 * incidents resolved only by an update in state RESOLVED. Faults can be injected (an HTTP status or
 * a dropped connection for the next requests) and every request is recorded.
 */

import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { serve } from "./loopback.js";
import { incidentRoutes, type StoredIncident } from "./kener-incidents.js";

/** A monitor as the server stores and answers it. */
export type StoredMonitor = Record<string, unknown> & { id: number; tag: string };

/** One recorded request. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  /** The Authorization header sent. */
  readonly authorization: string | undefined;
}

/** What the next requests get instead of an answer. */
export type Fault = { readonly status: number } | { readonly drop: true };

/** The shared state the route handlers work on. */
export interface KenerState {
  readonly monitors: Map<string, StoredMonitor>;
  readonly incidents: Map<number, StoredIncident>;
  readonly data: Map<string, Map<number, { status: string; latency: number; type: string }>>;
  nextId: number;
  /** Now, Unix milliseconds. */
  readonly now: () => number;
}

/** A handler's answer: status and JSON body. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** A running loopback Kener API. */
export interface KenerApi {
  /** Base URL (`http://127.0.0.1:<port>`); the API is under `/api/v4`. */
  readonly url: string;
  /** The key it accepts. */
  readonly apiKey: string;
  /** Stored monitors by tag. */
  readonly monitors: Map<string, StoredMonitor>;
  /** Stored incidents by id (with their updates). */
  readonly incidents: Map<number, StoredIncident>;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** The next `count` requests, after `after` answered ones, get `fault` (an HTTP status with an error body, or a dropped connection). */
  failNext(count: number, fault: Fault, after?: number): void;
  /** Stops the server. */
  stop(): Promise<void>;
}

/** An error answer in the server's shape. */
export const fail = (status: number, code: string, message: string): Answer => ({
  status,
  body: { error: { code, message } },
});

const TAG = /^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$/;
const pad = (n: number) => String(n).padStart(2, "0");

/** A date as monitor rows show it: `YYYY-MM-DD HH:MM:SS` in UTC. */
export function rowDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Unix seconds from a request timestamp (milliseconds are accepted and floored). */
export const seconds = (ts: number): number => Math.floor(ts > 1e11 ? ts / 1000 : ts);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function monitorFieldError(body: Record<string, unknown>, creating: boolean): string | undefined {
  for (const field of ["name", "cron", "monitor_type"]) {
    const value = body[field];
    if (value === undefined ? creating : typeof value !== "string" || value === "") return `${field} is required`;
  }
  if (body["status"] !== undefined && body["status"] !== "ACTIVE" && body["status"] !== "INACTIVE")
    return "status must be ACTIVE or INACTIVE";
  const data = body["type_data"];
  if (data === undefined) return creating ? "type_data is required" : undefined;
  if (!isObject(data)) return "type_data must be an object";
  if (typeof data["url"] !== "string" || !/^https?:\/\//.test(data["url"])) return "type_data.url must be a URL";
  if (typeof data["timeout"] !== "number" || data["timeout"] <= 0) return "type_data.timeout must be a number > 0";
  return undefined;
}

function createMonitor(state: KenerState, body: unknown): Answer {
  if (!isObject(body)) return fail(400, "BAD_REQUEST", "Request body must be a JSON object");
  const tag = body["tag"];
  if (typeof tag !== "string" || !TAG.test(tag))
    return fail(400, "BAD_REQUEST", "tag must be lowercase letters, digits, - or _, starting and ending alphanumeric");
  if (state.monitors.has(tag)) return fail(400, "BAD_REQUEST", `Monitor with tag '${tag}' already exists`);
  const problem = monitorFieldError(body, true);
  if (problem) return fail(400, "BAD_REQUEST", problem);
  const at = rowDate(state.now());
  const monitor: StoredMonitor = {
    description: null,
    default_status: "NONE",
    status: "ACTIVE",
    day_degraded_minimum_count: 1,
    day_down_minimum_count: 1,
    confirmation_threshold: 0,
    is_hidden: "NO",
    ...body,
    id: state.nextId++,
    tag,
    created_at: at,
    updated_at: at,
  };
  state.monitors.set(tag, monitor);
  return { status: 201, body: { monitor } };
}

function patchMonitor(state: KenerState, tag: string, body: unknown): Answer {
  const monitor = state.monitors.get(tag);
  if (!monitor) return fail(404, "NOT_FOUND", `Monitor with tag '${tag}' not found`);
  if (!isObject(body)) return fail(400, "BAD_REQUEST", "Request body must be a JSON object");
  const problem = monitorFieldError(body, false);
  if (problem) return fail(400, "BAD_REQUEST", problem);
  const { tag: _ignored, id: _id, ...fields } = body;
  Object.assign(monitor, fields, { updated_at: rowDate(state.now()) });
  return { status: 200, body: { monitor } };
}

const STATUSES = ["UP", "DOWN", "DEGRADED"];

function patchData(state: KenerState, tag: string, body: unknown, at?: string): Answer {
  if (!state.monitors.has(tag)) return fail(404, "NOT_FOUND", `Monitor with tag '${tag}' not found`);
  if (!isObject(body) || typeof body["status"] !== "string" || !STATUSES.includes(body["status"]))
    return fail(400, "BAD_REQUEST", "status must be one of UP, DOWN, DEGRADED");
  const rows = state.data.get(tag) ?? new Map();
  state.data.set(tag, rows);
  const row = { status: body["status"], latency: Number(body["latency"] ?? 0), type: "MANUAL" };
  if (at !== undefined) {
    const ts = seconds(Number(at));
    rows.set(ts - (ts % 60), row);
    return { status: 200, body: { data: { monitor_tag: tag, timestamp: ts - (ts % 60), ...row } } };
  }
  const [start, end] = [Number(body["start_ts"]), Number(body["end_ts"])];
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start)
    return fail(400, "BAD_REQUEST", "start_ts and end_ts must be timestamps with end_ts >= start_ts");
  let count = 0;
  for (let t = seconds(start) - (seconds(start) % 60); t <= seconds(end); t += 60, count++) rows.set(t, row);
  return { status: 200, body: { message: `Updated ${count} data points`, updated_count: count } };
}

function getData(state: KenerState, tag: string, query: URLSearchParams): Answer {
  if (!state.monitors.has(tag)) return fail(404, "NOT_FOUND", `Monitor with tag '${tag}' not found`);
  const [from, to] = [seconds(Number(query.get("start_ts") ?? 0)), seconds(Number(query.get("end_ts") ?? Infinity))];
  const rows = [...(state.data.get(tag) ?? new Map<number, { status: string }>())]
    .filter(([t]) => t >= from && t <= to)
    .sort(([a], [b]) => a - b)
    .map(([timestamp, row]) => ({ monitor_tag: tag, timestamp, ...row }));
  return { status: 200, body: { data: rows } };
}

function monitorRoutes(state: KenerState, method: string, parts: string[], body: unknown, query: URLSearchParams) {
  const [, tag, data, ts] = parts;
  if (tag === undefined) {
    if (method === "GET") return { status: 200, body: { monitors: [...state.monitors.values()] } };
    if (method === "POST") return createMonitor(state, body);
  } else if (data === undefined) {
    if (method === "GET") {
      const monitor = state.monitors.get(tag);
      return monitor
        ? { status: 200, body: { monitor } }
        : fail(404, "NOT_FOUND", `Monitor with tag '${tag}' not found`);
    }
    if (method === "PATCH") return patchMonitor(state, tag, body);
  } else if (data === "data" && parts.length <= 4) {
    if (method === "PATCH") return patchData(state, tag, body, ts);
    if (method === "GET" && ts === undefined) return getData(state, tag, query);
  }
  return undefined;
}

function route(state: KenerState, req: IncomingMessage, raw: string, apiKey: string): Answer {
  const url = new URL(req.url ?? "/", "http://loopback");
  if (url.pathname === "/healthcheck") return { status: 200, body: { status: "ok", db: true, redis: true } };
  if (!url.pathname.startsWith("/api/v4/")) return { status: 404, body: "<!doctype html><title>Not Found</title>" };
  if (req.headers.authorization !== `Bearer ${apiKey}`) return fail(401, "UNAUTHORIZED", "Invalid or missing API key");
  let body: unknown;
  try {
    body = raw === "" ? undefined : (JSON.parse(raw) as unknown);
  } catch {
    return fail(400, "BAD_REQUEST", "Invalid JSON body");
  }
  const parts = url.pathname.slice("/api/v4/".length).split("/").filter(Boolean).map(decodeURIComponent);
  const method = req.method ?? "GET";
  const answer =
    parts[0] === "monitors"
      ? monitorRoutes(state, method, parts, body, url.searchParams)
      : parts[0] === "incidents"
        ? incidentRoutes(state, method, parts, body)
        : undefined;
  return answer ?? fail(404, "NOT_FOUND", `No route for ${method} ${url.pathname}`);
}

function reply(res: ServerResponse, answer: Answer): void {
  const html = typeof answer.body === "string";
  res.writeHead(answer.status, { "content-type": html ? "text/html" : "application/json" });
  res.end(html ? (answer.body as string) : JSON.stringify(answer.body));
}

/** Starts the loopback Kener API; `now` (Unix milliseconds) drives the timestamps it writes. */
export async function startKenerApi(
  options: { readonly apiKey?: string; readonly now?: () => number } = {},
): Promise<KenerApi> {
  const apiKey = options.apiKey ?? `kener_${"0123456789abcdef".repeat(4)}`;
  const state: KenerState = {
    monitors: new Map(),
    incidents: new Map(),
    data: new Map(),
    nextId: 1,
    now: options.now ?? Date.now,
  };
  const requests: RecordedRequest[] = [];
  const faults: (Fault | undefined)[] = [];
  const { server, url } = await serve((req, raw, res) => {
    requests.push({
      method: req.method ?? "GET",
      path: req.url ?? "/",
      body: safeParse(raw),
      authorization: req.headers.authorization,
    });
    const fault = faults.shift();
    if (fault && "drop" in fault) return void req.socket.destroy();
    reply(
      res,
      fault ? fail(fault.status, "INTERNAL_ERROR", `Injected failure ${fault.status}`) : route(state, req, raw, apiKey),
    );
  });
  return {
    url,
    apiKey,
    monitors: state.monitors,
    incidents: state.incidents,
    requests,
    failNext: (count, fault, after = 0) =>
      faults.push(...Array.from({ length: after }, () => undefined), ...Array.from({ length: count }, () => fault)),
    stop: () => close(server),
  };
}

function safeParse(raw: string): unknown {
  try {
    return raw === "" ? undefined : (JSON.parse(raw) as unknown);
  } catch {
    return raw;
  }
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
