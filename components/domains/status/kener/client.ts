/**
 * A typed client of Kener's v4 REST API: monitors, their data, incidents and their updates. The API
 * key comes from the environment ({@link KENER_NAMES.apiKeyEnv}), never from a flag or a file.
 * @see https://github.com/rajnandan1/kener
 */

import { z } from "zod";
import { KENER_NAMES } from "../../../core/status-page.js";
import {
  commentSchema,
  incidentSchema,
  monitorDataSchema,
  monitorSchema,
  type Comment,
  type CommentInput,
  type Incident,
  type IncidentInput,
  type IncidentPatch,
  type Monitor,
  type MonitorData,
  type MonitorDataRange,
  type MonitorInput,
  type MonitorPatch,
  type MonitorStatus,
} from "./api.js";
import { KenerError, send, type KenerClientOptions, type KenerRequest, type Method } from "./http.js";

export { KenerError, KENER_CLIENT_DEFAULTS, type KenerClientOptions } from "./http.js";

const monitorAnswer = z.object({ monitor: monitorSchema }).transform((a) => a.monitor);
const incidentAnswer = z.object({ incident: incidentSchema }).transform((a) => a.incident);
const commentAnswer = z.object({ comment: commentSchema }).transform((a) => a.comment);
const anyAnswer = z.unknown();

/** `PATCH /monitors/{tag}/data` answer: how many minutes were written. */
export interface DataUpdate {
  /** Server's message. */
  readonly message: string;
  /** Minutes written. */
  readonly updated_count: number;
}

const tagPath = (tag: string) => `/monitors/${encodeURIComponent(tag)}`;
const incidentPath = (id: number) => `/incidents/${encodeURIComponent(String(id))}`;

/** The answer, or undefined when the server answers 404. */
async function unlessNotFound<T>(answer: Promise<T>): Promise<T | undefined> {
  try {
    return await answer;
  } catch (error) {
    if (error instanceof KenerError && error.status === 404) return undefined;
    throw error;
  }
}

/** A Kener v4 API client; every method throws {@link KenerError} when the request fails. */
export class KenerClient {
  constructor(private readonly options: KenerClientOptions) {}

  private call<T>(method: Method, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const request: KenerRequest<T> = body === undefined ? { method, path, schema } : { method, path, schema, body };
    return send(this.options, KENER_NAMES.basePath, request);
  }

  /** Every monitor. */
  listMonitors(): Promise<Monitor[]> {
    return this.call(
      "GET",
      "/monitors",
      z.object({ monitors: z.array(monitorSchema) }).transform((a) => a.monitors),
    );
  }

  /** The monitor with this tag, or undefined when there is none (404). */
  getMonitor(tag: string): Promise<Monitor | undefined> {
    return unlessNotFound(this.call("GET", tagPath(tag), monitorAnswer));
  }

  /** Creates a monitor (a duplicate tag is refused with 400). */
  createMonitor(monitor: MonitorInput): Promise<Monitor> {
    return this.call("POST", "/monitors", monitorAnswer, monitor);
  }

  /** Changes the given fields of a monitor. */
  updateMonitor(tag: string, patch: MonitorPatch): Promise<Monitor> {
    return this.call("PATCH", tagPath(tag), monitorAnswer, patch);
  }

  /** Sets one status for every minute of a range. */
  setMonitorData(tag: string, range: MonitorDataRange): Promise<DataUpdate> {
    const answer = z.object({ message: z.string(), updated_count: z.number() });
    return this.call("PATCH", `${tagPath(tag)}/data`, answer, range);
  }

  /** Sets the status of one minute (`ts` in Unix seconds). */
  setMonitorDataPoint(
    tag: string,
    ts: number,
    point: { status: MonitorStatus; latency: number },
  ): Promise<MonitorData> {
    const answer = z.object({ data: monitorDataSchema }).transform((a) => a.data);
    return this.call("PATCH", `${tagPath(tag)}/data/${Math.floor(ts)}`, answer, point);
  }

  /** The minutes of a monitor's data from `startTs` to `endTs` (Unix seconds). */
  getMonitorData(tag: string, startTs: number, endTs: number): Promise<MonitorData[]> {
    const query = `?start_ts=${Math.floor(startTs)}&end_ts=${Math.floor(endTs)}`;
    const answer = z.object({ data: z.array(monitorDataSchema) }).transform((a) => a.data);
    return this.call("GET", `${tagPath(tag)}/data${query}`, answer);
  }

  /** Opens an incident (state `INVESTIGATING`). */
  createIncident(incident: IncidentInput): Promise<Incident> {
    return this.call("POST", "/incidents", incidentAnswer, incident);
  }

  /** The incident with this id, or undefined when there is none (404). */
  getIncident(id: number): Promise<Incident | undefined> {
    return unlessNotFound(this.call("GET", incidentPath(id), incidentAnswer));
  }

  /** Changes an incident's title or monitors (its state changes only through updates). */
  updateIncident(id: number, patch: IncidentPatch): Promise<Incident> {
    return this.call("PATCH", incidentPath(id), incidentAnswer, patch);
  }

  /** Deletes an incident. */
  async deleteIncident(id: number): Promise<void> {
    await this.call("DELETE", incidentPath(id), anyAnswer);
  }

  /** Posts an update, which moves the incident to the update's state. */
  addUpdate(id: number, update: CommentInput): Promise<Comment> {
    return this.call("POST", `${incidentPath(id)}/comments`, commentAnswer, update);
  }

  /** Edits an update. */
  editUpdate(id: number, commentId: number, update: Partial<CommentInput>): Promise<Comment> {
    return this.call(
      "PATCH",
      `${incidentPath(id)}/comments/${encodeURIComponent(String(commentId))}`,
      commentAnswer,
      update,
    );
  }

  /** Resolves an incident: an update in state `RESOLVED`, which sets its end (there is no other way). */
  resolveIncident(id: number, comment: string, timestamp?: number): Promise<Comment> {
    return this.addUpdate(id, { comment, state: "RESOLVED", ...(timestamp === undefined ? {} : { timestamp }) });
  }
}

/**
 * The API key from the environment.
 * @throws Error naming the variable when it is unset or empty.
 */
export function kenerApiKey(env: NodeJS.ProcessEnv = process.env): string {
  const key = env[KENER_NAMES.apiKeyEnv]?.trim();
  if (!key)
    throw new Error(
      `${KENER_NAMES.apiKeyEnv} is not set: export the Kener API key (created in Kener's dashboard under API keys, kener_<64 hex>) in this environment variable; it is never read from a flag or a file`,
    );
  return key;
}
