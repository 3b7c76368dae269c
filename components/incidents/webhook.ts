/**
 * The body Alertmanager POSTs to a webhook receiver (payload version 4), validated strictly enough to
 * act on: the group's status and key, and each alert's status, labels, times and fingerprint. Fields
 * the bridge does not read are allowed, since Alertmanager adds them over releases.
 * @see https://prometheus.io/docs/alerting/0.25/configuration/#webhook_config
 */

import { z } from "zod";

const status = z.enum(["firing", "resolved"]);
const time = z.iso.datetime({ offset: true, error: "must be an RFC 3339 time such as 2026-11-28T10:00:00Z" });
const labels = z.record(z.string(), z.string());

/** One alert of a notification. */
const alertSchema = z.looseObject({
  status,
  labels,
  annotations: labels.default({}),
  startsAt: time,
  /** Zero time (`0001-01-01T00:00:00Z`) while firing. */
  endsAt: time,
  fingerprint: z.string().min(1, { error: "must be the alert's fingerprint (a non-empty string)" }),
});

/** An Alertmanager webhook notification. */
export const webhookSchema = z.looseObject({
  version: z.literal("4", { error: 'must be "4" (the only payload version Alertmanager sends)' }),
  groupKey: z.string().min(1, { error: "must be the aggregation group's key (a non-empty string)" }),
  status,
  receiver: z.string(),
  groupLabels: labels.default({}),
  alerts: z.array(alertSchema).min(1, { error: "must hold at least one alert" }),
});

/** A validated notification. */
export type Notification = z.output<typeof webhookSchema>;

/** One alert of a validated notification. */
export type NotifiedAlert = Notification["alerts"][number];

/** Parses a webhook body; the error lists every bad field with its path and value. */
export function parseNotification(body: string): { ok: true; value: Notification } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    return { ok: false, error: `body is not JSON: ${(error as Error).message}` };
  }
  const parsed = webhookSchema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((i) => {
    const path = i.path.length === 0 ? "(body)" : i.path.join(".");
    const got = valueAt(json, i.path);
    return `${path}: ${i.message} (got ${got === undefined ? "nothing" : JSON.stringify(got)?.slice(0, 80)})`;
  });
  return { ok: false, error: issues.join("; ") };
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}
