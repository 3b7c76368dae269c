/**
 * Every default of `spec.status` and of the `reliability:status` stack setting, in one place. A spec
 * states only what differs; `resolve.ts` and the stack-setting schema apply these and nothing else does.
 */

import { TIER_DEFAULTS } from "../../core/defaults.js";
import { SHARED_OBJECT_NAMES } from "../../core/shared-names.js";
import type { Tier } from "../../core/spec/service.js";

/** Defaults of `spec.status` that depend on the service's tier. */
export interface StatusTierDefaults {
  /** Time between two checks of an endpoint from each region (a Prometheus duration). */
  readonly interval: string;
  /** Consecutive failed checks before an endpoint is down (or degraded). */
  readonly failureThreshold: number;
  /** Consecutive passing checks before a down endpoint is up again. */
  readonly successThreshold: number;
  /** Whether EndpointDown pages (`critical`) or opens a ticket (`warning`). */
  readonly downSeverity: "page" | "ticket";
}

/** The tier presets of `spec.status`. */
export const STATUS_TIER_DEFAULTS: Readonly<Record<Tier, StatusTierDefaults>> = {
  /** @default a check every 30s, down at the first failed check, up after 2 passing checks, pages */
  critical: { interval: "30s", failureThreshold: 1, successThreshold: 2, downSeverity: "page" },
  /** @default a check every 1m, down after 2 failed checks, up after 2 passing checks, pages */
  standard: { interval: "1m", failureThreshold: 2, successThreshold: 2, downSeverity: "page" },
  /** @default a check every 2m, down after 3 failed checks, up after 1 passing check, opens a ticket */
  "best-effort": { interval: "2m", failureThreshold: 3, successThreshold: 1, downSeverity: "ticket" },
};

/** Defaults of `spec.status` that do not depend on the tier. */
export const STATUS_DEFAULTS = {
  /** @default true — a service with an endpoint to check is checked. */
  enabled: true,
  /** @default "public" — name of the endpoint checked by default at the service's DNS name. */
  publicEndpoint: "public",
  /** @default "https" — scheme of a default endpoint and of an endpoint given as host and path. */
  scheme: "https",
  /** @default "/" — path of an endpoint given as a host without a path. */
  path: "/",
  /** @default "GET" */
  method: "GET",
  /** @default [] — any 2xx status passes (the blackbox exporter's own default). */
  statusCodes: [] as readonly number[],
  /** @default "10s" — longest one check may take (the Probe's scrapeTimeout). */
  timeout: "10s",
  /** @default 14 — days before the TLS certificate expires at which EndpointCertificateExpiring opens a ticket. */
  certificateExpiryDays: 14,
  /** @default 5 — consecutive slow checks from one region before EndpointSlow opens a ticket. */
  slowChecks: 5,
} as const;

/** Defaults of the `reliability:status` stack setting. */
export const STATUS_STACK_DEFAULTS = {
  /** @default "http" — scheme Prometheus scrapes the blackbox exporter with. */
  proberScheme: "http",
  /** @default "/probe" — the blackbox exporter's probe path (the Probe CRD's own default). */
  proberPath: "/probe",
  /** @default "http_2xx" — the blackbox module of the default check (GET, any 2xx, TLS for https). */
  module: "http_2xx",
  /** @default 2 — regions that must see an endpoint fail for EndpointDown (at most the regions that probe it). */
  quorum: 2,
  /** @default "ip4" — IP version the blackbox exporter resolves endpoints to first (its own default, ip6, fails on IPv4-only networks). */
  preferredIpProtocol: "ip4",
} as const;

/** Defaults of `reliability:status.incidents` (the incident bridge) and of `reliability incidents serve`. */
export const INCIDENT_DEFAULTS = {
  /**
   * @default the first region of `reliability:regions` — the region whose cluster runs the stack's one
   * bridge (the primary region, listed first by convention).
   */
  region: (stackRegions: readonly string[]): string | undefined => stackRegions[0],
  /** @default "incident-bridge" — namespace of the bridge in its region's cluster. */
  namespace: SHARED_OBJECT_NAMES.incidentBridge,
  /** @default "incident-bridge" — Secret holding the bridge's keys (in the bridge's namespace, and the webhook token also in each service's namespace). */
  secretName: "incident-bridge",
  /** @default "status-page-api-key" — key of the status page's API key in that Secret. */
  apiKeyKey: "status-page-api-key",
  /** @default "webhook-token" — key of the Bearer token Alertmanager sends the bridge, in that Secret. */
  tokenKey: "webhook-token",
  /** @default 8080 — port the bridge listens on. */
  port: 8080,
  /** @default "15m" — an outage that starts again within this time of the last one re-opens its incident. */
  flapWindow: "15m",
  /** @default "1Gi" — size of the volume holding the SQLite file. */
  storage: "1Gi",
  /** @default { cpu: "50m", memory: "64Mi" } — requests; the memory request is also the limit. */
  resources: { cpu: "50m", memory: "64Mi" },
  /** @default "10s" — group wait of the bridge's route (Alertmanager's 30s would delay every incident). */
  groupWait: "10s",
  /** @default "1m" — group interval of the bridge's route: how soon a change (a resolve) is sent. */
  groupInterval: "1m",
  /** @default "reliability-critical" — PriorityClass of the bridge's pod: the class critical services run with, since it opens their incidents. */
  priorityClassName: TIER_DEFAULTS.critical.priorityClassName,
  /** @default "4h" — repeat interval of the bridge's route (repeats are no-ops for the bridge). */
  repeatInterval: "4h",
  /** @default 1000 — most status-page calls waiting in the outbox before updates (never opens or resolves) are dropped. */
  queueLimit: 1000,
  /** @default "1s" — first retry delay of a failed status-page call; doubled each time. */
  retryMin: "1s",
  /** @default "5m" — longest retry delay. */
  retryMax: "5m",
  /** @default "10s" — longest one status-page call may take. */
  callTimeout: "10s",
  /** @default 1048576 — largest webhook body accepted, bytes (larger: 413). */
  maxBodyBytes: 1_048_576,
} as const;

/** Fixed settings of the incident bridge's pod. */
export const INCIDENT_POD = {
  /** @default { request: "64Mi", limit: "256Mi" } — the container writes nothing outside its volume. */
  ephemeralStorage: { request: "64Mi", limit: "256Mi" },
  /** @default 30 — seconds a stopping bridge has to finish its request and status-page call in flight. */
  terminationGracePeriodSeconds: 30,
  /** @default { periodSeconds: 2, failureThreshold: 30 } — up to a minute to open its database and listen. */
  startup: { periodSeconds: 2, failureThreshold: 30 },
  /** @default { periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 2 } — restarted after 30s without an answer. */
  liveness: { periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 2 },
  /** @default { periodSeconds: 5, failureThreshold: 2, timeoutSeconds: 2 } */
  readiness: { periodSeconds: 5, failureThreshold: 2, timeoutSeconds: 2 },
} as const;
