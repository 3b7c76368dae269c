/**
 * What the bridge needs of a status page, and the Kener v4 implementation of it: open an incident on a
 * monitor, add an update to its timeline, change its impact, resolve it. Kener v4 has no resolve or
 * re-open call: an incident's state follows its comments, so every update is a comment with a state.
 * @see https://github.com/rajnandan1/kener
 */

/** How badly a component is affected, as Kener's incident monitors state it. */
export type Impact = "DOWN" | "DEGRADED";

/** The states an update may set (Kener v4's comment states). */
export type UpdateState = "INVESTIGATING" | "IDENTIFIED" | "MONITORING" | "RESOLVED";

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

/** A {@link StatusPage} backed by Kener v4's incident API. */
export function kenerStatusPage(options: KenerOptions): StatusPage {
  const call = (method: string, path: string, body: object): Promise<unknown> => request(options, method, path, body);
  return {
    async open(incident) {
      const answer = (await call("POST", "/incidents", {
        title: incident.title,
        start_date_time: seconds(incident.startedAt),
        monitors: [{ monitor_tag: incident.monitorTag, impact: incident.impact }],
      })) as { incident?: { id?: unknown } } | undefined;
      const id = answer?.incident?.id;
      if (typeof id !== "number" && typeof id !== "string")
        throw new StatusPageError(
          `POST /api/v4/incidents answered without incident.id (got ${JSON.stringify(answer)})`,
          false,
        );
      return String(id);
    },
    async update(id, update) {
      await call("POST", `/incidents/${encodeURIComponent(id)}/comments`, {
        comment: update.message,
        state: update.state,
        timestamp: seconds(update.at),
      });
    },
    async setImpact(id, monitorTag, impact) {
      await call("PATCH", `/incidents/${encodeURIComponent(id)}`, { monitors: [{ monitor_tag: monitorTag, impact }] });
    },
  };
}

async function request(options: KenerOptions, method: string, path: string, body: object): Promise<unknown> {
  const url = `${options.url.replace(/\/+$/, "")}/api/v4${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${options.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw new StatusPageError(`${method} ${url} failed: ${(error as Error).message}`, true);
  }
  const text = await response.text();
  if (!response.ok) {
    const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
    throw new StatusPageError(`${method} ${url} answered ${response.status}: ${text.slice(0, 200)}`, retryable);
  }
  try {
    return text === "" ? undefined : (JSON.parse(text) as unknown);
  } catch {
    throw new StatusPageError(
      `${method} ${url} answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`,
      false,
    );
  }
}
