/**
 * `reliability:status.incidents`: the incident bridge the stack runs in each region, which turns the
 * outage alerts of every checked service of the region into incidents on the Kener status page. Validated strictly; defaults applied
 * here from `INCIDENT_DEFAULTS`.
 */

import { z } from "zod";
import { cpu, dnsLabel, duration, int, memory, pattern, url } from "../../core/spec/fields.js";
import { workloadSchema } from "../workload/schema.js";
import { INCIDENT_DEFAULTS as D } from "./defaults.js";

const secretKey = pattern(/^[-._a-zA-Z0-9]{1,253}$/, "must be a Secret data key (letters, digits, -, _ and .)");

/** A key of a Secret (in the bridge's namespace; the webhook token also in each checked service's). */
const secretRef = (key: string) =>
  z.strictObject({
    /** @default "incident-bridge" */
    name: dnsLabel(253).default(D.secretName),
    /** The key in that Secret. */
    key: secretKey.default(key),
  });

/** `reliability:status.incidents` */
export const incidentSettingsSchema = z.strictObject({
  /** The image running `reliability incidents serve` (this tool's image). */
  image: workloadSchema.shape.image,
  /** Base URL of the Kener status page (its API is under /api/v4). */
  statusPageUrl: url,
  /** @default "incident-bridge" — namespace of the bridge in every cluster, planned with it (the Secret apiKeySecret names must be created in it). */
  namespace: dnsLabel(63).default(D.namespace),
  /** @default { name: "incident-bridge", key: "status-page-api-key" } — the Kener API key. */
  apiKeySecret: secretRef(D.apiKeyKey).default({ name: D.secretName, key: D.apiKeyKey }),
  /** @default { name: "incident-bridge", key: "webhook-token" } — the Bearer token Alertmanager sends the bridge. */
  tokenSecret: secretRef(D.tokenKey).default({ name: D.secretName, key: D.tokenKey }),
  /** @default "15m" */
  flapWindow: duration(0, 24 * 3_600_000, " (at most 24h)").default(D.flapWindow),
  /** @default "1Gi" */
  storage: memory.default(D.storage),
  /** @default "reliability-critical" — PriorityClass of the bridge's pod (it must exist in every cluster). */
  priorityClassName: dnsLabel(253).default(D.priorityClassName),
  /** Storage class of the volume; none: the cluster's default class. */
  storageClassName: dnsLabel(253).optional(),
  /** @default { cpu: "50m", memory: "64Mi" } */
  resources: z
    .strictObject({ cpu: cpu.default(D.resources.cpu), memory: memory.default(D.resources.memory) })
    .default(D.resources),
  /** @default 8080 */
  port: int(1024, 65_535).default(D.port),
  /** @default "10s" */
  groupWait: duration(0, 3_600_000).default(D.groupWait),
  /** @default "1m" */
  groupInterval: duration(1_000, 3_600_000).default(D.groupInterval),
  /** @default "4h" */
  repeatInterval: duration(60_000).default(D.repeatInterval),
});

/** `reliability:status.incidents` with its defaults applied. */
export type IncidentSettings = z.output<typeof incidentSettingsSchema>;
