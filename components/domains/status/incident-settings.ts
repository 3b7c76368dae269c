/**
 * `reliability:status.incidents`: the one incident bridge the stack runs (in one region's cluster),
 * which turns the outage alerts of every checked service, reported by every region's Alertmanager,
 * into incidents on the Kener status page. Validated strictly; defaults applied here from
 * `INCIDENT_DEFAULTS` (the region's in `incident-topology.ts`, as it depends on `reliability:regions`).
 */

import { z } from "zod";
import { awsRegion, cpu, dnsLabel, duration, int, memory, pattern, url } from "../../core/spec/fields.js";
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

/** An https URL without query or fragment (the planner adds the sender to it). */
const webhookUrl = pattern(
  /^https:\/\/[^\s/?#]+(\/[^\s?#]*)?$/,
  "must be an https URL without query or fragment, such as https://incident-bridge.internal.acme.example/webhook (it carries the webhook token between regions)",
);

/** `reliability:status.incidents` */
export const incidentSettingsSchema = z.strictObject({
  /** @default the first region of `reliability:regions` — the region whose cluster runs the stack's one bridge. */
  region: awsRegion.optional(),
  /**
   * The bridge's webhook as the other regions' Alertmanagers reach it (an internal load balancer or
   * ingress in the bridge's region); required when the stack has more than one region.
   */
  url: webhookUrl.optional(),
  /** The image running `reliability incidents serve` (this tool's image). */
  image: workloadSchema.shape.image,
  /** Base URL of the Kener status page (its API is under /api/v4). */
  statusPageUrl: url,
  /** @default "incident-bridge" — namespace of the bridge in its region's cluster, planned with it (the Secret apiKeySecret names must be created in it). */
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
