/**
 * What the bridge needs of a status page, and its Kener v4 implementation on the one Kener client
 * (`KenerClient`): open an incident on a monitor, add an update to its timeline, change its impact,
 * resolve it. Kener v4 has no resolve or re-open call: an incident's state follows its updates, so
 * every update carries a state. The client makes one attempt per call; the bridge's outbox retries.
 * @see https://github.com/rajnandan1/kener
 */

import type { IncidentImpact, IncidentState } from "../domains/status/kener/api.js";
import { KenerClient, KenerError } from "../domains/status/kener/client.js";

/** How badly a component is affected, as Kener's incident monitors state it. */
export type Impact = IncidentImpact;

/** The states an update may set (Kener v4's update states). */
export type UpdateState = IncidentState;

/** An incident to open. */
export interface IncidentOpening {
  /** Title shown on the status page. */
  readonly title: string;
  /** The status-page monitor (component) the incident affects. */
  readonly monitorTag: string;
  /** Impact on that monitor. */
  readonly impact: Impact;
  /** When the outage began. */
  readonly startedAt: Date;
}

/** One entry of an incident's timeline. */
export interface IncidentUpdate {
  /** Text of the entry. */
  readonly message: string;
  /** State the incident is in after it. */
  readonly state: UpdateState;
  /** When it happened. */
  readonly at: Date;
}

/** The calls the bridge makes on a status page; each either succeeds or throws {@link StatusPageError}. */
export interface StatusPage {
  /** Opens an incident and returns its id on the status page. */
  open(incident: IncidentOpening): Promise<string>;
  /** Adds an entry to an incident's timeline (a `RESOLVED` entry resolves it, another state re-opens it). */
  update(id: string, update: IncidentUpdate): Promise<void>;
  /** Changes the impact of an incident on its monitor. */
  setImpact(id: string, monitorTag: string, impact: Impact): Promise<void>;
}

/** A failed status-page call; `retryable` says whether the same call may succeed later. */
export class StatusPageError extends Error {
  /** True for network errors, timeouts, 408, 429 and 5xx; false for a request the page refuses. */
  readonly retryable: boolean;

  constructor(message: string, retryable: boolean) {
    super(message);
    this.name = "StatusPageError";
    this.retryable = retryable;
  }
}

/** Where a Kener v4 server answers and the API key it accepts. */
export interface KenerOptions {
  /** Base URL of the Kener site, such as https://status.acme.example (the API is under /api/v4). */
  readonly url: string;
  /** A Kener API key (`kener_` and 64 hex digits). */
  readonly apiKey: string;
  /** Longest one call may take, milliseconds. */
  readonly timeoutMs: number;
}

const seconds = (at: Date): number => Math.floor(at.getTime() / 1000);

/** Whether a failed Kener call may succeed if made again: no answer, 408, 429 or a 5xx. */
function retryable(error: KenerError): boolean {
  const status = error.status;
  return status === undefined || status === 408 || status === 429 || status >= 500;
}

/** Runs a Kener call, turning its failure into a {@link StatusPageError}. */
async function onPage<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof KenerError) throw new StatusPageError(error.message, retryable(error));
    throw error;
  }
}

/** The Kener incident id a bridge stored (its ids are the page's, as text). */
function incidentId(id: string): number {
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new StatusPageError(`a Kener incident id must be a whole number; got ${JSON.stringify(id)}`, false);
  return n;
}

/** A {@link StatusPage} backed by Kener v4's incident API through {@link KenerClient}. */
export function kenerStatusPage(options: KenerOptions): StatusPage {
  const client = new KenerClient({
    baseUrl: options.url,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs,
    retries: 0,
  });
  return {
    open: (incident) =>
      onPage(async () => {
        const created = await client.createIncident({
          title: incident.title,
          start_date_time: seconds(incident.startedAt),
          monitors: [{ monitor_tag: incident.monitorTag, impact: incident.impact }],
        });
        return String(created.id);
      }),
    update: (id, update) =>
      onPage(async () => {
        await client.addUpdate(incidentId(id), {
          comment: update.message,
          state: update.state,
          timestamp: seconds(update.at),
        });
      }),
    setImpact: (id, monitorTag, impact) =>
      onPage(async () => {
        await client.updateIncident(incidentId(id), { monitors: [{ monitor_tag: monitorTag, impact }] });
      }),
  };
}
