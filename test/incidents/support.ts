/**
 * Helpers of the incident-bridge tests: Alertmanager notifications as Alertmanager builds them, an
 * in-memory status page that can be made to fail, and a bridge driven with a fake clock.
 */

import { join } from "node:path";
import { applyNotification, type Outcome } from "../../components/incidents/bridge.js";
import { BridgeMetrics } from "../../components/incidents/metrics.js";
import { Outbox } from "../../components/incidents/outbox.js";
import {
  StatusPageError,
  type Impact,
  type IncidentOpening,
  type IncidentUpdate,
  type StatusPage,
} from "../../components/incidents/status-page.js";
import { IncidentStore } from "../../components/incidents/store.js";
import { webhookSchema, type Notification } from "../../components/incidents/webhook.js";
import { tempDir } from "../support/temp.js";

/** An incident as the in-memory page holds it. */
export interface PageIncident {
  readonly id: string;
  readonly opening: IncidentOpening;
  impact: Impact;
  state: string;
  readonly timeline: IncidentUpdate[];
}

/** A status page in memory; `failing` makes every call fail as a page that is down does. */
export class MemoryPage implements StatusPage {
  readonly incidents: PageIncident[] = [];
  failing: "down" | "refusing" | undefined;

  private check(): void {
    if (this.failing === "down") throw new StatusPageError("connect ECONNREFUSED", true);
    if (this.failing === "refusing") throw new StatusPageError("answered 400", false);
  }

  open(opening: IncidentOpening): Promise<string> {
    this.check();
    const id = String(this.incidents.length + 1);
    this.incidents.push({ id, opening, impact: opening.impact, state: "INVESTIGATING", timeline: [] });
    return Promise.resolve(id);
  }

  update(id: string, update: IncidentUpdate): Promise<void> {
    this.check();
    const incident = this.find(id);
    incident.timeline.push(update);
    incident.state = update.state;
    return Promise.resolve();
  }

  setImpact(id: string, _tag: string, impact: Impact): Promise<void> {
    this.check();
    this.find(id).impact = impact;
    return Promise.resolve();
  }

  /** Incidents not resolved. */
  open_(): PageIncident[] {
    return this.incidents.filter((i) => i.state !== "RESOLVED");
  }

  private find(id: string): PageIncident {
    const incident = this.incidents.find((i) => i.id === id);
    if (!incident) throw new StatusPageError(`no incident ${id}`, false);
    return incident;
  }
}

/** Unix ms of minute `m` of the test day. */
export const at = (m: number): number => Date.UTC(2026, 10, 28, 10, 0, 0) + m * 60_000;

/** One alert of a notification. */
export interface AlertAt {
  readonly name?: string;
  readonly severity?: string;
  readonly component?: string;
  readonly endpoint?: string;
  readonly region?: string;
  readonly startsAt: number;
  readonly endsAt?: number;
}

/** A notification with alerts, firing unless every alert has an end. */
export function notification(alerts: readonly AlertAt[], groupKey = '{}:{alertname="EndpointDown"}'): Notification {
  const zero = "0001-01-01T00:00:00Z";
  return webhookSchema.parse({
    version: "4",
    groupKey,
    status: alerts.every((a) => a.endsAt !== undefined) ? "resolved" : "firing",
    receiver: "orders/orders-incidents/incident-bridge",
    groupLabels: {},
    alerts: alerts.map((a) => {
      const name = a.name ?? "EndpointDown";
      const labels = {
        alertname: name,
        severity: a.severity ?? "critical",
        service: "orders",
        component: a.component ?? "orders",
        endpoint: a.endpoint ?? "public",
        region: a.region ?? "us-east-1",
      };
      return {
        status: a.endsAt === undefined ? "firing" : "resolved",
        labels,
        annotations: { summary: `${labels.component} is down` },
        startsAt: new Date(a.startsAt).toISOString(),
        endsAt: a.endsAt === undefined ? zero : new Date(a.endsAt).toISOString(),
        fingerprint: `${name}-${labels.component}-${labels.region}`,
      };
    }),
  });
}

/** A bridge on a store with a fake clock, delivering to a {@link MemoryPage}. */
export class Harness {
  readonly page = new MemoryPage();
  readonly metrics = new BridgeMetrics();
  clock = at(0);
  store: IncidentStore;
  outbox: Outbox;
  readonly log: string[] = [];

  constructor(
    readonly file = join(tempDir("incidents"), "state.sqlite"),
    readonly flapWindowMs = 15 * 60_000,
    readonly queueLimit = 100,
  ) {
    this.store = new IncidentStore(file);
    this.outbox = this.makeOutbox();
  }

  private makeOutbox(): Outbox {
    return new Outbox(this.store, this.page, this.metrics, {
      retryMinMs: 1000,
      retryMaxMs: 60_000,
      now: () => this.clock,
      log: (line) => this.log.push(line),
    });
  }

  /** Applies a notification and delivers every call that is due. */
  async send(n: Notification): Promise<Outcome> {
    const outcome = applyNotification(this.store, n, {
      flapWindowMs: this.flapWindowMs,
      queueLimit: this.queueLimit,
      now: () => this.clock,
    });
    await this.drain();
    return outcome;
  }

  /** Delivers every call that is due now. */
  async drain(): Promise<void> {
    for (;;) {
      const result = await this.outbox.attempt();
      if (result !== "delivered" && result !== "dropped") return;
    }
  }

  /** Closes the database and opens it again, as a restarted bridge does. */
  restart(): void {
    this.store.close();
    this.store = new IncidentStore(this.file);
    this.outbox = this.makeOutbox();
  }

  /** The value of a counter of the metrics. */
  async counter(name: string, labels: Record<string, string> = {}): Promise<number> {
    const metric = (await this.metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
    const value = metric?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
    return Number(value?.value ?? 0);
  }
}
