/**
 * A strict schema of Gatus's configuration file, written from its documented fields (Gatus has no
 * schema of its own and ignores keys it does not know, so a typo silently disables a setting): the
 * endpoint, alert, client, UI and maintenance fields, closed, with the rules Gatus enforces when it
 * loads the file — a URL and at least one `<value> <comparator> <value>` condition per endpoint, a
 * group and name used once, alert descriptions without `"` or `\`, reminders of at least 5m,
 * maintenance starting at `hh:mm` and lasting more than 0 and at most 24h. The sections it does not
 * render (`alerting`, `storage`, `security`, `web`, `ui`) are accepted as mappings.
 * @see https://github.com/TwiN/gatus#configuration
 */

import { z } from "zod";

/** Alert provider types Gatus documents (`alerting.<type>`). */
export const GATUS_ALERT_TYPES = [
  "awsses",
  "clickup",
  "custom",
  "datadog",
  "discord",
  "email",
  "gitea",
  "github",
  "gitlab",
  "googlechat",
  "gotify",
  "homeassistant",
  "ifttt",
  "ilert",
  "incident-io",
  "line",
  "matrix",
  "mattermost",
  "messagebird",
  "n8n",
  "newrelic",
  "ntfy",
  "opsgenie",
  "pagerduty",
  "plivo",
  "pushover",
  "rocketchat",
  "sendgrid",
  "signal",
  "signl4",
  "slack",
  "splunk",
  "squadcast",
  "teams",
  "teams-workflows",
  "telegram",
  "twilio",
  "vonage",
  "webex",
  "zapier",
  "zulip",
] as const;

/** A Gatus alert provider type. */
export type GatusAlertType = (typeof GATUS_ALERT_TYPES)[number];

/** Day names of `every` (Go's `time.Weekday` names). */
export const GATUS_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/** A Go duration such as `30s`, `1h30m`. */
const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const UNIT_MS: Readonly<Record<string, number>> = {
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 1e-3,
  µs: 1e-3,
  ns: 1e-6,
};

/** Milliseconds of a Go duration. */
export function goDurationMs(text: string): number {
  return [...text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)].reduce(
    (sum, [, n, unit]) => sum + Number(n) * (UNIT_MS[unit ?? "s"] ?? 0),
    0,
  );
}

const goDuration = z.string().regex(GO_DURATION, { error: "must be a Go duration such as 30s, 5m or 1h30m" });

/** `<value> <comparator> <value>`, as Gatus splits a condition. */
const condition = z
  .string()
  .regex(/^\S.* (==|!=|<=|>=|<|>) \S.*$/, { error: "must be `<value> <comparator> <value>`, such as [STATUS] == 200" });

/** `alerts[]` */
const alertSchema = z.strictObject({
  type: z.enum(GATUS_ALERT_TYPES, { error: `must be one of Gatus's alert types (${GATUS_ALERT_TYPES.join(", ")})` }),
  enabled: z.boolean().optional(),
  "failure-threshold": z.number().int().min(1).optional(),
  "success-threshold": z.number().int().min(1).optional(),
  "minimum-reminder-interval": goDuration
    .refine((d) => goDurationMs(d) === 0 || goDurationMs(d) >= 300_000, { error: "must be 0 or at least 5m" })
    .optional(),
  "send-on-resolved": z.boolean().optional(),
  description: z
    .string()
    .refine((d) => !/["\\]/.test(d), { error: 'must not contain " or \\ (Gatus refuses them)' })
    .optional(),
  "provider-override": z.record(z.string(), z.unknown()).optional(),
});

/** `maintenance` and `endpoints[].maintenance-windows[]` */
export const gatusMaintenanceSchema = z.strictObject({
  enabled: z.boolean().optional(),
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "must be hh:mm between 00:00 and 23:59" }),
  duration: goDuration.refine((d) => goDurationMs(d) > 0 && goDurationMs(d) <= 86_400_000, {
    error: "must be more than 0 and at most 24h",
  }),
  timezone: z.string().min(1).optional(),
  every: z.array(z.enum(GATUS_DAYS, { error: `must be one of ${GATUS_DAYS.join(", ")}` })).optional(),
});

/** `endpoints[].client` */
const clientSchema = z.strictObject({
  insecure: z.boolean().optional(),
  "ignore-redirect": z.boolean().optional(),
  timeout: goDuration.optional(),
  "dns-resolver": z.string().optional(),
  oauth2: z
    .strictObject({
      "token-url": z.string(),
      "client-id": z.string(),
      "client-secret": z.string(),
      scopes: z.array(z.string()),
    })
    .optional(),
  "proxy-url": z.string().optional(),
  "identity-aware-proxy": z.strictObject({ audience: z.string() }).optional(),
  tls: z
    .strictObject({
      "certificate-file": z.string().optional(),
      "private-key-file": z.string().optional(),
      renegotiation: z.enum(["never", "freely", "once"]).optional(),
    })
    .optional(),
  network: z.enum(["ip", "ip4", "ip6"]).optional(),
  tunnel: z.string().optional(),
  "store-cookies": z.boolean().optional(),
});

/** `endpoints[].ui` */
const endpointUiSchema = z.strictObject({
  "hide-conditions": z.boolean().optional(),
  "hide-hostname": z.boolean().optional(),
  "hide-port": z.boolean().optional(),
  "hide-url": z.boolean().optional(),
  "hide-errors": z.boolean().optional(),
  "dont-resolve-failed-conditions": z.boolean().optional(),
  "resolve-successful-conditions": z.boolean().optional(),
  badge: z.strictObject({ "response-time": z.array(z.number().int().positive()) }).optional(),
});

/** `endpoints[]` */
export const gatusEndpointSchema = z.strictObject({
  enabled: z.boolean().optional(),
  name: z.string().min(1, { error: "is required" }),
  group: z.string().optional(),
  url: z.string().min(1, { error: "is required" }),
  method: z.string().optional(),
  conditions: z.array(condition).min(1, { error: "must list at least one condition (Gatus refuses none)" }),
  interval: goDuration.optional(),
  graphql: z.boolean().optional(),
  body: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  dns: z.strictObject({ "query-type": z.string(), "query-name": z.string() }).optional(),
  ssh: z.strictObject({ username: z.string(), password: z.string() }).optional(),
  alerts: z.array(alertSchema).optional(),
  "maintenance-windows": z.array(gatusMaintenanceSchema).optional(),
  client: clientSchema.optional(),
  ui: endpointUiSchema.optional(),
  "extra-labels": z.record(z.string(), z.string()).optional(),
});

const section = z.record(z.string(), z.unknown());

/** The whole configuration file. */
export const gatusConfigSchema = z
  .strictObject({
    metrics: z.boolean().optional(),
    storage: section.optional(),
    alerting: section.optional(),
    announcements: z.array(section).optional(),
    endpoints: z.array(gatusEndpointSchema),
    "external-endpoints": z.array(section).optional(),
    security: section.optional(),
    concurrency: z.number().int().min(0).optional(),
    "disable-monitoring-lock": z.boolean().optional(),
    "skip-invalid-config-update": z.boolean().optional(),
    web: section.optional(),
    ui: section.optional(),
    maintenance: gatusMaintenanceSchema.optional(),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.endpoints.forEach((e, i) => {
      const key = `${e.group ?? ""}/${e.name}`;
      if (seen.has(key))
        ctx.addIssue({
          code: "custom",
          path: ["endpoints", i, "name"],
          message: `must be unique within its group (Gatus keys endpoints by group and name), got ${JSON.stringify(e.name)} twice in group ${JSON.stringify(e.group ?? "")}`,
        });
      seen.add(key);
    });
  });

/** A Gatus configuration file. */
export type GatusConfig = z.output<typeof gatusConfigSchema>;
/** One Gatus endpoint. */
export type GatusEndpoint = z.output<typeof gatusEndpointSchema>;
/** One Gatus maintenance window. */
export type GatusMaintenance = z.output<typeof gatusMaintenanceSchema>;
