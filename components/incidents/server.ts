/**
 * The bridge's HTTP server: `POST /webhook[?sender=<region>]` takes Alertmanager notifications, the
 * query naming the region whose Alertmanager sends them (Bearer token, as
 * Alertmanager's `http_config.authorization` sends it; JSON validated against the v4 payload; bodies
 * above the limit refused), `/metrics` serves the Prometheus text format, `/healthz` answers while
 * the process runs and `/ready` while it accepts notifications. A notification is answered 200 only
 * once its changes are committed, so Alertmanager retries anything the bridge did not keep.
 */

import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { INCIDENT_NAMES } from "../domains/status/incident-names.js";
import { applyNotification, type BridgeOptions } from "./bridge.js";
import type { BridgeMetrics } from "./metrics.js";
import type { Outbox } from "./outbox.js";
import type { IncidentStore } from "./store.js";
import { parseNotification } from "./webhook.js";

/** What the server works with. */
export interface ServerParts {
  /** The Bearer token a notification must carry. */
  readonly token: string;
  /** Largest body accepted, bytes. */
  readonly maxBodyBytes: number;
  /** The state. */
  readonly store: IncidentStore;
  /** The outbox worker (woken when a notification queued calls). */
  readonly outbox: Outbox;
  /** The metrics. */
  readonly metrics: BridgeMetrics;
  /** State-machine options. */
  readonly bridge: BridgeOptions;
  /** Whether the server still accepts notifications (false while shutting down). */
  readonly ready: () => boolean;
  /** Where problems are reported. */
  readonly log: (line: string) => void;
}

function send(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** True when the request carries `Authorization: Bearer <token>`. */
export function authorized(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Reads a body up to `limit` bytes; undefined when it is larger. */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > limit) {
      req.resume();
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > limit ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** What a `sender` query parameter may be: a region name or another DNS label. */
const SENDER = /^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$/;

/**
 * The sender a webhook URL names (`?sender=<region>`, as the planned AlertmanagerConfigs write it),
 * empty when it names none; an error message when the value is not a DNS label.
 */
export function senderOf(url: URL): { readonly sender: string } | { readonly error: string } {
  const given = url.searchParams.getAll(INCIDENT_NAMES.senderParam);
  if (given.length === 0) return { sender: "" };
  const [value = ""] = given;
  if (given.length === 1 && SENDER.test(value)) return { sender: value };
  return {
    error: `query parameter ${INCIDENT_NAMES.senderParam} must be given once, as a region name such as us-east-1 (lower-case letters, digits, - and ., at most 63); got ${JSON.stringify(given.join(","))}`,
  };
}

async function webhook(parts: ServerParts, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (!authorized(req.headers.authorization, parts.token)) {
    parts.metrics.received.inc({ result: "unauthorized" });
    return send(
      res,
      401,
      { error: "missing or wrong Bearer token" },
      { "www-authenticate": 'Bearer realm="incidents"' },
    );
  }
  const body = await readBody(req, parts.maxBodyBytes);
  if (body === undefined) {
    parts.metrics.received.inc({ result: "too_large" });
    return send(res, 413, { error: `body larger than ${parts.maxBodyBytes} bytes` });
  }
  const from = senderOf(url);
  if ("error" in from) {
    parts.metrics.received.inc({ result: "malformed" });
    return send(res, 400, { error: from.error });
  }
  const parsed = parseNotification(body);
  if (!parsed.ok) {
    parts.metrics.received.inc({ result: "malformed" });
    return send(res, 400, { error: `not an Alertmanager v4 notification: ${parsed.error}` });
  }
  try {
    const outcome = applyNotification(parts.store, parsed.value, parts.bridge, from.sender);
    parts.metrics.received.inc({ result: "accepted" });
    if (outcome.dropped > 0) parts.metrics.dropped.inc({ reason: "queue_full" }, outcome.dropped);
    parts.outbox.wake();
    send(res, 200, outcome);
  } catch (error) {
    parts.metrics.received.inc({ result: "failed" });
    parts.log(`notification ${parsed.value.groupKey} not stored: ${(error as Error).message}`);
    send(res, 500, { error: `not stored: ${(error as Error).message}` });
  }
}

async function route(parts: ServerParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://bridge");
  const path = url.pathname;
  if (path === INCIDENT_NAMES.webhookPath) {
    if (req.method !== "POST") return send(res, 405, { error: "use POST" }, { allow: "POST" });
    if (!parts.ready()) return send(res, 503, { error: "shutting down" });
    return webhook(parts, req, res, url);
  }
  if (req.method !== "GET") return send(res, 405, { error: "use GET" }, { allow: "GET" });
  if (path === INCIDENT_NAMES.healthPath) return send(res, 200, { status: "ok" });
  if (path === INCIDENT_NAMES.readyPath)
    return parts.ready() ? send(res, 200, { status: "ready" }) : send(res, 503, { status: "shutting down" });
  if (path === INCIDENT_NAMES.metricsPath) {
    res.writeHead(200, { "content-type": parts.metrics.registry.contentType });
    res.end(await parts.metrics.registry.metrics());
    return;
  }
  send(res, 404, { error: `no such path ${path}` });
}

/** The bridge's HTTP server (not listening yet). */
export function bridgeServer(parts: ServerParts): Server {
  return createServer((req, res) => {
    route(parts, req, res).catch((error: Error) => {
      parts.log(`request ${req.method} ${req.url} failed: ${error.message}`);
      if (!res.headersSent) send(res, 500, { error: error.message });
    });
  });
}
