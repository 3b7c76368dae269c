/**
 * The bridge's Prometheus metrics: notifications received, incidents opened, re-opened and resolved on
 * the status page, status-page calls retried and dropped, and the outbox's depth.
 * @see https://github.com/siimon/prom-client
 */

import { Counter, Gauge, Registry } from "prom-client";
import { INCIDENT_NAMES } from "../domains/status/incident-names.js";

const name = (suffix: string): string => `${INCIDENT_NAMES.metricsPrefix}${suffix}`;

/** The bridge's counters and gauges, in their own registry. */
export class BridgeMetrics {
  /** The registry `/metrics` serves. */
  readonly registry = new Registry();
  /** Webhook requests by result (`accepted`, `unauthorized`, `malformed`, `too_large`, `failed`). */
  readonly received = new Counter({
    name: name("notifications_received_total"),
    help: "Alertmanager notifications received, by result.",
    labelNames: ["result"] as const,
    registers: [this.registry],
  });
  /** Incidents opened on the status page. */
  readonly opened = new Counter({
    name: name("incidents_opened_total"),
    help: "Incidents opened on the status page.",
    registers: [this.registry],
  });
  /** Incidents re-opened because their outage started again within the flap window. */
  readonly reopened = new Counter({
    name: name("incidents_reopened_total"),
    help: "Incidents re-opened on the status page within the flap window.",
    registers: [this.registry],
  });
  /** Incidents resolved on the status page. */
  readonly resolved = new Counter({
    name: name("incidents_resolved_total"),
    help: "Incidents resolved on the status page.",
    registers: [this.registry],
  });
  /** Status-page calls that failed and will be tried again. */
  readonly retried = new Counter({
    name: name("status_page_retries_total"),
    help: "Status-page calls that failed and were scheduled again.",
    registers: [this.registry],
  });
  /** Status-page calls given up, by reason (`queue_full`, `refused`, `no_incident`). */
  readonly dropped = new Counter({
    name: name("status_page_calls_dropped_total"),
    help: "Status-page calls given up, by reason.",
    labelNames: ["reason"] as const,
    registers: [this.registry],
  });
  /** Calls waiting in the outbox. */
  readonly depth = new Gauge({
    name: name("outbox_depth"),
    help: "Status-page calls waiting in the outbox.",
    registers: [this.registry],
  });
}
