/**
 * How each region's Alertmanager reaches the stack's one incident bridge: the bridge's region
 * (`bridgeRegion` in `settings.ts`: `reliability:status.incidents.region`, else the first region) posts
 * to the bridge's Service in its own cluster; every other region posts to `url`, the bridge's webhook
 * behind an internal load balancer or ingress of the bridge's region. Each webhook URL names the
 * region that posts (`?sender=<region>`), so the bridge tells the regions' reports of one outage
 * apart. Pure.
 */

import type { StackSettingIssue } from "../../core/module.js";
import type { StackConfig } from "../../core/stack/config.js";
import { INCIDENT_NAMES as N } from "./incident-names.js";
import type { IncidentSettings } from "./incident-settings.js";
import { bridgeRegion } from "./settings.js";

/** The part of a stack the bridge's place depends on. */
type Regions = Pick<StackConfig, "regions">;

/** The bridge's webhook at its Service, as Alertmanager reaches it inside the bridge's cluster. */
export function localWebhookUrl(settings: IncidentSettings): string {
  return `http://${N.bridge}.${settings.namespace}.svc:${settings.port}${N.webhookPath}`;
}

/**
 * The URL `region`'s Alertmanager posts outage alerts to: the local Service in the bridge's region,
 * `url` elsewhere, naming the sending region.
 * @throws Error when `url` is needed and not set (the stack check refuses such a stack first).
 */
export function webhookUrlFor(settings: IncidentSettings, stack: Regions, region: string): string {
  const bridge = bridgeRegion(settings, stack);
  const base = region === bridge ? localWebhookUrl(settings) : settings.url;
  if (base === undefined)
    throw new Error(
      `reliability:status.incidents.url is not set, but the Alertmanager of ${region} must reach the incident bridge in ${bridge}`,
    );
  return `${base}?${N.senderParam}=${encodeURIComponent(region)}`;
}

/**
 * Problems of `reliability:status.incidents` against `reliability:regions`: a bridge region the
 * stack does not have, and no `url` when other regions' Alertmanagers must reach the bridge.
 */
export function incidentTopologyIssues(stack: Omit<StackConfig, "stack">): StackSettingIssue[] {
  const settings = stack.status?.incidents;
  if (!settings) return [];
  const regions = Object.keys(stack.regions);
  if (settings.region !== undefined && !regions.includes(settings.region))
    return [{ path: ["status", "incidents", "region"], message: `must be one of ${regions.join(", ")}` }];
  const bridge = bridgeRegion(settings, stack);
  const others = regions.filter((r) => r !== bridge);
  if (others.length === 0 || settings.url !== undefined) return [];
  return [
    {
      path: ["status", "incidents", "url"],
      message: `must be set (reliability:status.incidents.url) when the stack has more than one region, because the Alertmanagers of ${others.join(", ")} post to the one incident bridge, in ${bridge}, through it: the bridge's webhook behind an internal load balancer or ingress of ${bridge}, such as https://incident-bridge.internal.acme.example/webhook`,
    },
  ];
}
