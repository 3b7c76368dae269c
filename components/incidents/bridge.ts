/**
 * The bridge's state machine: what a notification changes. One incident per status-page component is
 * open while any alert that affects it fires, as any sender (the Alertmanager of any region) reports
 * it: the incident is known by its component, never by who reported it, so the same outage from every
 * region is one incident, resolved when the last sender reports its last alert resolved. Its impact is
 * the worst of them. An outage that starts within the flap window of the last one's end re-opens that
 * incident. Alertmanager's retries and repeat notifications change nothing, because an alert is known
 * by its sender, fingerprint and start. Every
 * status-page call a change needs is queued in the same transaction (the outbox delivers it).
 */

import { KENER_NAMES } from "../core/status-page.js";
import { STATUS_DEFAULTS } from "../domains/status/defaults.js";
import { INCIDENT_ALERTS, incidentTags } from "../domains/status/incident-names.js";
import type { IncidentStore, IncidentRow } from "./store.js";
import type { Impact, IncidentUpdate } from "./status-page.js";
import type { Notification, NotifiedAlert } from "./webhook.js";

/** What the state machine needs besides the store. */
export interface BridgeOptions {
  /** An outage starting within this many ms of the last one's end re-opens its incident. */
  readonly flapWindowMs: number;
  /** Most calls in the outbox before updates that change no state are dropped. */
  readonly queueLimit: number;
  /** The clock, Unix ms. */
  readonly now: () => number;
}

/** What one notification did, alert by alert. */
export interface Outcome {
  /** Alerts that opened, joined, re-opened or resolved an incident, or changed its impact. */
  readonly changed: number;
  /** Alerts already known in that state (retries, repeats). */
  readonly repeated: number;
  /** Alerts the bridge does not act on (other names or severities, no component). */
  readonly ignored: number;
  /** Updates left out because the outbox was full. */
  readonly dropped: number;
}

type Verdict = keyof Outcome;

/** The impact an alert gives, or undefined when the bridge does not act on it. */
export function impactOf(labels: Readonly<Record<string, string>>): Impact | undefined {
  const rule = INCIDENT_ALERTS.find(
    (a) => a.alert === labels["alertname"] && (a.severity === undefined || a.severity === labels["severity"]),
  );
  return rule?.impact;
}

/**
 * The status-page monitor an alert is about, as the status sync tags it: `<service>-<endpoint>`, the
 * service's default endpoint for an alert about the whole service (ErrorBudgetBurn).
 */
export function componentOf(labels: Readonly<Record<string, string>>): string | undefined {
  const service = labels["service"];
  if (service === undefined) return undefined;
  const tag = KENER_NAMES.monitorTag(service, labels["endpoint"] ?? STATUS_DEFAULTS.publicEndpoint)
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "");
  return tag === "" ? undefined : tag;
}

/** The name an incident's title gives the component: its `component` label, else its service. */
const displayName = (labels: Readonly<Record<string, string>>, tag: string): string =>
  labels["component"] ?? labels["service"] ?? tag;

const worse = (a: Impact, b: Impact): Impact => (a === "DOWN" || b === "DOWN" ? "DOWN" : "DEGRADED");
const minutes = (ms: number): string => {
  const n = Math.ceil(ms / 60_000);
  return `${n} minute${n === 1 ? "" : "s"}`;
};
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Applies a notification from `sender` (the region whose Alertmanager sent it, as its webhook URL
 * names it; empty when it names none) to the store as one transaction.
 */
export function applyNotification(
  store: IncidentStore,
  notification: Notification,
  options: BridgeOptions,
  sender = "",
): Outcome {
  return store.transaction(() => {
    const outcome = { changed: 0, repeated: 0, ignored: 0, dropped: 0 };
    const queue = new Queue(store, options, outcome);
    for (const alert of notification.alerts) {
      const verdict =
        alert.status === "firing"
          ? fire(store, queue, { alert, sender, groupKey: notification.groupKey }, options)
          : resolve(store, queue, alert, sender);
      outcome[verdict] += 1;
    }
    return outcome;
  });
}

/** Queues status-page calls, dropping updates that change no state when the outbox is full. */
class Queue {
  constructor(
    private readonly store: IncidentStore,
    private readonly options: BridgeOptions,
    private readonly outcome: { dropped: number },
  ) {}

  open(incident: IncidentRow, title: string): void {
    const payload = { title, monitorTag: incident.component, impact: incident.impact, startedAt: incident.opened_at };
    this.add(incident.id, "open", payload, true);
  }

  update(incidentId: number, update: Omit<IncidentUpdate, "at"> & { readonly at: number }, essential: boolean): void {
    this.add(incidentId, "update", update, essential);
  }

  impact(incident: IncidentRow, impact: Impact): void {
    this.add(incident.id, "impact", { monitorTag: incident.component, impact }, false);
  }

  private add(incidentId: number, kind: "open" | "update" | "impact", payload: object, essential: boolean): void {
    if (!essential && this.store.depth() >= this.options.queueLimit) {
      this.outcome.dropped += 1;
      return;
    }
    const row = { incident_id: incidentId, kind, payload: JSON.stringify(payload), essential: essential ? 1 : 0 };
    this.store.enqueue({ ...row, next_at: this.options.now() });
  }
}

/** A firing alert and who reported it. */
interface Report {
  readonly alert: NotifiedAlert;
  readonly sender: string;
  readonly groupKey: string;
}

function fire(store: IncidentStore, queue: Queue, report: Report, options: BridgeOptions): Verdict {
  const { alert, sender, groupKey } = report;
  const impact = impactOf(alert.labels);
  const component = componentOf(alert.labels);
  if (impact === undefined || component === undefined) return "ignored";
  const startsAt = Date.parse(alert.startsAt);
  if (store.cause(sender, alert.fingerprint, startsAt)) return "repeated";
  const incident = incidentFor(store, queue, {
    component,
    impact,
    startsAt,
    alert,
    flapWindowMs: options.flapWindowMs,
  });
  store.addCause({
    sender,
    fingerprint: alert.fingerprint,
    starts_at: startsAt,
    incident_id: incident.id,
    alertname: alert.labels["alertname"] ?? "",
    impact,
    group_key: groupKey,
  });
  const now = worse(incident.impact, impact);
  if (now !== incident.impact) changeImpact(store, queue, incident, now, startsAt);
  return "changed";
}

/** The incident a firing alert belongs to: the component's open one, its recent one re-opened, or a new one. */
function incidentFor(
  store: IncidentStore,
  queue: Queue,
  at: {
    readonly component: string;
    readonly impact: Impact;
    readonly startsAt: number;
    readonly alert: NotifiedAlert;
    readonly flapWindowMs: number;
  },
): IncidentRow {
  const latest = store.latest(at.component);
  if (latest && latest.resolved_at === null) return latest;
  if (latest?.resolved_at != null && at.startsAt - latest.resolved_at <= at.flapWindowMs) {
    store.change(latest.id, { resolved_at: null, down_since: Math.max(at.startsAt, latest.resolved_at) });
    if (!store.withdrawResolve(latest.id))
      queue.update(
        latest.id,
        {
          message: `${at.component} fails again (${at.alert.labels["alertname"]}), ${Math.round((at.startsAt - latest.resolved_at) / 1000)}s after it recovered: incident re-opened.`,
          state: "INVESTIGATING",
          at: at.startsAt,
        },
        true,
      );
    return store.incident(latest.id) as IncidentRow;
  }
  const incident = store.create(at.component, at.impact, at.startsAt);
  const word = at.impact === "DOWN" ? "down" : "degraded";
  queue.open(incident, `${displayName(at.alert.labels, at.component)} is ${word}`);
  const summary = at.alert.annotations["summary"] ?? `${at.alert.labels["alertname"]} is firing`;
  queue.update(
    incident.id,
    {
      message: `${summary}. Opened automatically; labels: ${incidentTags(at.component, at.impact).join(", ")}.`,
      state: "INVESTIGATING",
      at: at.startsAt,
    },
    false,
  );
  return incident;
}

function changeImpact(store: IncidentStore, queue: Queue, incident: IncidentRow, impact: Impact, at: number): void {
  store.change(incident.id, { impact });
  queue.impact(incident, impact);
  queue.update(
    incident.id,
    { message: `${incident.component} is now ${impact === "DOWN" ? "down" : "degraded"}.`, state: "IDENTIFIED", at },
    false,
  );
}

/**
 * Resolves the sender's alert; the incident closes when no cause of it, from any sender, still fires,
 * its outage ending at the latest end any sender reported. A cause stored before causes had a sender
 * (under the empty one) is resolved by whichever sender reports it.
 */
function resolve(store: IncidentStore, queue: Queue, alert: NotifiedAlert, sender: string): Verdict {
  const startsAt = Date.parse(alert.startsAt);
  const cause = store.cause(sender, alert.fingerprint, startsAt) ?? store.cause("", alert.fingerprint, startsAt);
  if (!cause) return impactOf(alert.labels) === undefined ? "ignored" : "repeated";
  if (cause.resolved_at !== null) return "repeated";
  const endsAt = Math.max(Date.parse(alert.endsAt), cause.starts_at);
  store.resolveCause(cause, endsAt);
  const incident = store.incident(cause.incident_id) as IncidentRow;
  const firing = store.firing(incident.id);
  if (firing.length > 0) {
    const now = firing.map((c) => c.impact).reduce(worse);
    if (now !== incident.impact) changeImpact(store, queue, incident, now, endsAt);
    return "changed";
  }
  const since = incident.down_since ?? endsAt;
  const end = Math.max(endsAt, store.lastEnd(incident.id, since) ?? endsAt);
  const downtime = incident.downtime_ms + Math.max(0, end - since);
  store.change(incident.id, { resolved_at: end, down_since: null, downtime_ms: downtime });
  queue.update(
    incident.id,
    {
      message: `auto resolved at ${iso(end)}, total downtime ${minutes(downtime)}`,
      state: "RESOLVED",
      at: end,
    },
    true,
  );
  return "changed";
}
