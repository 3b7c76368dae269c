/**
 * A loopback server answering Kener v4's incident calls as a running Kener 4.1 answers them
 * (test/reference/kener/kener-v4-api.md): Bearer key, `POST /api/v4/incidents`, comments that set the
 * incident's state (`RESOLVED` sets `end_date_time`), `PATCH` of the monitors, JSON errors. It keeps
 * each incident's state changes in order, and can be taken down (503) and brought back.
 */

import type { Server } from "node:http";
import { serve } from "../support/loopback.js";

/** An incident as the server keeps it. */
export interface KenerIncident {
  readonly id: number;
  readonly title: string;
  readonly start_date_time: string;
  end_date_time: string | null;
  state: string;
  monitors: { monitor_tag: string; impact: string }[];
  readonly comments: { comment: string; state: string; timestamp: number }[];
}

const STATES = ["INVESTIGATING", "IDENTIFIED", "MONITORING", "RESOLVED"];

/** The running server. */
export interface KenerServer {
  readonly url: string;
  readonly server: Server;
  readonly incidents: KenerIncident[];
  /** Number of incidents not resolved after each change, in order. */
  readonly openCounts: number[];
  /** While true, every call answers 503. */
  down: boolean;
  close(): Promise<void>;
}

const iso = (seconds: number): string => new Date(Math.floor(seconds) * 1000).toISOString().replace(".000Z", "Z");
const toSeconds = (value: number): number => (value > 1e11 ? Math.floor(value / 1000) : Math.floor(value));

/** Starts the server with the API key it accepts. */
export async function startKener(apiKey: string): Promise<KenerServer> {
  const state: Omit<KenerServer, "url" | "server" | "close"> = { incidents: [], openCounts: [], down: false };
  const { server, url } = await serve((req, body, res) => {
    const reply = (status: number, value: object): void => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    const error = (status: number, code: string, message: string): void => reply(status, { error: { code, message } });
    if (state.down) return error(503, "UNAVAILABLE", "down for the test");
    if (req.headers.authorization !== `Bearer ${apiKey}`) return error(401, "UNAUTHORIZED", "Invalid API key");
    let input: Record<string, unknown> = {};
    try {
      input = body === "" ? {} : (JSON.parse(body) as Record<string, unknown>);
    } catch {
      return error(400, "BAD_REQUEST", "Invalid JSON");
    }
    const path = new URL(req.url ?? "/", url).pathname;
    const match = /^\/api\/v4\/incidents(?:\/(\d+))?(\/comments)?$/.exec(path);
    if (!match) return error(404, "NOT_FOUND", `no route ${path}`);
    const changed = (): void =>
      void state.openCounts.push(state.incidents.filter((i) => i.state !== "RESOLVED").length);
    if (!match[1] && req.method === "POST") {
      if (typeof input["start_date_time"] !== "number") return error(400, "BAD_REQUEST", "start_date_time is required");
      const incident: KenerIncident = {
        id: state.incidents.length + 1,
        title: String(input["title"]),
        start_date_time: iso(toSeconds(input["start_date_time"])),
        end_date_time: null,
        state: "INVESTIGATING",
        monitors: (input["monitors"] as KenerIncident["monitors"] | undefined) ?? [],
        comments: [],
      };
      state.incidents.push(incident);
      changed();
      return reply(201, { incident: { ...incident, incident_type: "INCIDENT", incident_source: "API" } });
    }
    const incident = state.incidents.find((i) => i.id === Number(match[1]));
    if (!incident) return error(404, "NOT_FOUND", `incident ${match[1]} not found`);
    if (match[2] && req.method === "POST") {
      if (!STATES.includes(String(input["state"]))) return error(400, "BAD_REQUEST", "Invalid state");
      const timestamp = toSeconds(typeof input["timestamp"] === "number" ? input["timestamp"] : Date.now());
      const comment = { comment: String(input["comment"]), state: String(input["state"]), timestamp };
      incident.comments.push(comment);
      incident.state = comment.state;
      if (comment.state === "RESOLVED") incident.end_date_time = iso(timestamp);
      changed();
      return reply(201, { comment });
    }
    if (!match[2] && req.method === "PATCH") {
      if (Array.isArray(input["monitors"])) incident.monitors = input["monitors"] as KenerIncident["monitors"];
      return reply(200, { incident });
    }
    if (!match[2] && req.method === "GET") return reply(200, { incident });
    return error(405, "METHOD_NOT_ALLOWED", `${req.method} ${path}`);
  });
  const kener = state as KenerServer;
  Object.assign(kener, {
    url,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
  return kener;
}
