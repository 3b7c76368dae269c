/**
 * The `reliability:status` stack setting: where each region's blackbox exporter answers, the module of
 * the default check, the labels the clusters' Prometheus selects Probes by (its `probeSelector`), and
 * how many regions must see an endpoint fail before it is down. Validated strictly; defaults applied here.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ProberSpec
 */

import { z } from "zod";
import { awsRegion, httpPath, int, labelKey, labelValue, oneOf, pattern } from "../../core/spec/fields.js";
import { GATUS_DEFAULTS } from "./gatus/defaults.js";
import { GATUS_ALERT_TYPES, type GatusAlertType } from "./gatus/schema.js";
import { incidentSettingsSchema, type IncidentSettings } from "./incident-settings.js";
import { INCIDENT_DEFAULTS, STATUS_STACK_DEFAULTS } from "./defaults.js";

/** The placeholder a prober URL template names the region with. */
export const REGION_PLACEHOLDER = "{region}";

const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?)(:\d{1,5})?$/;
const proberUrl = (placeholder: boolean) =>
  z
    .string({ error: "must be a host name with an optional port, such as blackbox-exporter.monitoring.svc:9115" })
    .refine(
      (text) =>
        HOST_PORT.test(text.replaceAll(REGION_PLACEHOLDER, "us-east-1")) &&
        (placeholder || !text.includes(REGION_PLACEHOLDER)),
      {
        error:
          "must be a host name with an optional port and no scheme or path (the prometheus-operator refuses anything else), such as blackbox-exporter.monitoring.svc:9115",
      },
    );

/** Where Prometheus reaches the blackbox exporter of each region. */
const proberSchema = z
  .strictObject({
    /** One host:port template for every region, `{region}` standing for the region's name. */
    url: proberUrl(true)
      .refine((text) => text.includes(REGION_PLACEHOLDER), {
        error: `must contain ${REGION_PLACEHOLDER}, because each region's Prometheus scrapes every region's prober to see the endpoint from every region (use urls to list them one by one)`,
      })
      .optional(),
    /** The host:port of each region's exporter. */
    urls: z.record(awsRegion, proberUrl(false)).optional(),
    /** @default "http" */
    scheme: oneOf(["http", "https"]).default(STATUS_STACK_DEFAULTS.proberScheme),
    /** @default "/probe" */
    path: httpPath.default(STATUS_STACK_DEFAULTS.proberPath),
  })
  .refine((p) => (p.url === undefined) !== (p.urls === undefined), {
    error: "must set exactly one of url (a template with {region}) or urls (one per region)",
  })
  .refine((p) => new Set(Object.values(p.urls ?? {})).size === Object.keys(p.urls ?? {}).length, {
    error:
      "must give each region its own prober, because probes from one exporter are one vantage point however many regions name it",
  });

/** `reliability:status` */
export const statusStackSchema = z.strictObject({
  prober: proberSchema,
  /** @default "http_2xx" */
  module: pattern(
    /^[A-Za-z_][A-Za-z0-9_]{0,62}$/,
    "must be a blackbox module name such as http_2xx (letters, digits and _)",
  ).default(STATUS_STACK_DEFAULTS.module),
  /** @default {} — the labels of the Prometheus's probeSelector, put on every Probe. */
  labels: z.record(labelKey, labelValue).default({}),
  /** @default 2 */
  quorum: int(1, 10).default(STATUS_STACK_DEFAULTS.quorum),
  /** @default "ip4" */
  preferredIpProtocol: oneOf(["ip4", "ip6"]).default(STATUS_STACK_DEFAULTS.preferredIpProtocol),
  /** Alert providers of `reliability render status --format gatus`; each defaults to `GATUS_DEFAULTS` (`gatus/defaults.ts`). */
  gatus: z
    .strictObject({
      /** @default `GATUS_DEFAULTS.pageAlert` */
      pageAlert: oneOf(GATUS_ALERT_TYPES).optional(),
      /** @default `GATUS_DEFAULTS.ticketAlert` */
      ticketAlert: oneOf(GATUS_ALERT_TYPES).optional(),
    })
    .optional(),
  /** The incident bridge; none: no automatic incidents. */
  incidents: incidentSettingsSchema.optional(),
});

/** `reliability:status` with its defaults applied. */
export type StatusStackSettings = z.output<typeof statusStackSchema>;

/** The host:port of a region's blackbox exporter; undefined when the setting lists no prober for the region. */
export function proberFor(settings: StatusStackSettings, region: string): string | undefined {
  if (settings.prober.urls) return settings.prober.urls[region];
  return settings.prober.url?.replaceAll(REGION_PLACEHOLDER, region);
}

/** The region whose cluster runs the stack's incident bridge: the setting, else the stack's first region (`reliability:regions`). */
export function bridgeRegion(
  settings: IncidentSettings,
  stack: { readonly regions: Readonly<Record<string, unknown>> },
): string {
  return settings.region ?? INCIDENT_DEFAULTS.region(Object.keys(stack.regions)) ?? "";
}

/** The Gatus alert providers of endpoints that page and of those that open a ticket, defaults applied. */
export function gatusAlertTypes(settings: StatusStackSettings | undefined): {
  readonly page: GatusAlertType;
  readonly ticket: GatusAlertType;
} {
  return {
    page: settings?.gatus?.pageAlert ?? GATUS_DEFAULTS.pageAlert,
    ticket: settings?.gatus?.ticketAlert ?? GATUS_DEFAULTS.ticketAlert,
  };
}
