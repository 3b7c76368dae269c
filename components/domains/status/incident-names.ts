/**
 * Names of the incident bridge: its Kubernetes objects, the labels its incidents carry on the status
 * page (those Kener v2 put on the GitHub issues it opened), its metrics and its HTTP paths.
 */

import { ALERT_NAMES } from "../../core/conventions.js";
import { SHARED_OBJECT_NAMES } from "../../core/shared-names.js";

/** Names of the incident bridge's objects and of what it serves. */
export const INCIDENT_NAMES = {
  /** The Deployment, Service and PersistentVolumeClaim of the stack's bridge (a service name reserved for it). */
  bridge: SHARED_OBJECT_NAMES.incidentBridge,
  /** `app.kubernetes.io/component` of the bridge's objects. */
  component: "incident-bridge",
  /** The AlertmanagerConfig routing a service's outage alerts to its region's bridge: `<service>-incidents`. */
  alertmanagerConfig: (service: string) => `${service}-incidents`,
  /** The receiver of that AlertmanagerConfig. */
  receiver: "incident-bridge",
  /** Name of the bridge's HTTP port. */
  port: "http",
  /** Path Alertmanager posts notifications to. */
  webhookPath: "/webhook",
  /** Query parameter of the webhook URL naming the region whose Alertmanager posts (`/webhook?sender=<region>`). */
  senderParam: "sender",
  /** Liveness path. */
  healthPath: "/healthz",
  /** Readiness path. */
  readyPath: "/ready",
  /** Prometheus metrics path. */
  metricsPath: "/metrics",
  /** Directory the SQLite file lives in (the PersistentVolumeClaim's mount). */
  dataDir: "/var/lib/incident-bridge",
  /** Name of the SQLite file in it. */
  databaseFile: "incidents.sqlite",
  /** Environment variable holding the status page's API key. */
  apiKeyEnv: "STATUS_PAGE_API_KEY",
  /** Environment variable holding the Bearer token Alertmanager must send. */
  tokenEnv: "INCIDENTS_WEBHOOK_TOKEN",
  /** Prefix of the bridge's metrics. */
  metricsPrefix: "incident_bridge_",
} as const;

/** Labels of an incident on the status page, as the founding cases had them: incident, incident-down|-degraded, the component, auto. */
export function incidentTags(component: string, impact: "DOWN" | "DEGRADED"): readonly string[] {
  return ["incident", `incident-${impact.toLowerCase()}`, component, "auto"];
}

/** Alerts the bridge acts on, each with the impact it gives and the severity it needs (none: any). */
export const INCIDENT_ALERTS: readonly {
  readonly alert: string;
  readonly impact: "DOWN" | "DEGRADED";
  readonly severity?: string;
}[] = [
  { alert: ALERT_NAMES.endpointDown, impact: "DOWN" },
  { alert: ALERT_NAMES.endpointDegraded, impact: "DEGRADED" },
  { alert: ALERT_NAMES.burn, impact: "DEGRADED", severity: "critical" },
];
