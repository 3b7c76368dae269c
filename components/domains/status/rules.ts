/**
 * Status rules: a public critical service in production is probed from several regions, a probe gives
 * up before the next one is due, and a critical service is down at its first failed check.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.Probe
 * @see https://sre.google/sre-book/monitoring-distributed-systems/#black-box-versus-white-box
 */

import { z } from "zod";
import { ALERT_NAMES, DETAIL_LABELS, isProduction } from "../../core/conventions.js";
import { describe, must, ofType, resourceRule, serviceRule } from "../../core/policy/framework.js";
import { KUBE } from "../../core/policy/kube.js";
import type { Finding, Subject } from "../../core/policy/types.js";
import { at, isObject, isUnknown, list, str } from "../../core/policy/values.js";
import { parseDuration } from "../../core/units.js";
import { ROUTE53_RECORD } from "../dns/rules.js";

/** Type token of the prometheus-operator's Probe. */
export const PROBE = "kubernetes:monitoring.coreos.com/v1:Probe";

const tiers = (defaults: string[]) => z.array(z.string()).default(defaults).describe("Tiers the rule applies to.");

/** The regions a service's Probes probe each endpoint from; undefined when a label is not known yet. */
function probeRegions(probes: readonly Subject[]): Map<string, Set<string>> | undefined {
  const regions = new Map<string, Set<string>>();
  for (const p of probes) {
    const endpoint = str(p.props, `spec.targets.staticConfig.labels.${DETAIL_LABELS.endpoint}`);
    const from = str(p.props, `spec.targets.staticConfig.labels.${DETAIL_LABELS.probeRegion}`);
    if (isUnknown(endpoint) || isUnknown(from)) return undefined;
    if (endpoint === undefined || from === undefined) continue;
    regions.set(endpoint, (regions.get(endpoint) ?? new Set<string>()).add(from));
  }
  return regions;
}

/** A public (DNS-routed) service in production has status Probes of every endpoint from at least `minRegions` regions. */
export const statusProbedFromRegions = serviceRule("status", {
  name: "status-probed-from-regions",
  fix: "Configure reliability:status.prober.urls for at least the required number of regions.",
  anchor: "SRE workbook (monitoring): a single vantage point cannot tell its own failure from the service's.",
  description:
    "Every public service (one with Route 53 records) of the given tiers in production probes each of its endpoints from at least minRegions regions.",
  config: z.object({
    tiers: tiers(["critical"]),
    minRegions: z.number().int().min(1).default(2).describe("Fewest regions each endpoint is probed from."),
  }),
  check: (service, config) => {
    if (
      !isProduction(service.environment) ||
      !config.tiers.includes(service.tier) ||
      ofType(service, ROUTE53_RECORD).length === 0
    )
      return [];
    const regions = probeRegions(ofType(service, PROBE));
    if (!regions) return [];
    const because =
      "a check from one place cannot tell an outage from that place's own network trouble, and one failing vantage point must not page";
    if (regions.size === 0)
      return [
        {
          service: service.service,
          path: "spec.status",
          message: must(
            `Service ${service.service}`,
            `have status Probes of its public endpoint from at least ${config.minRegions} regions, has none (reliability:status configures them)`,
            because,
          ),
        },
      ];
    return [...regions].flatMap(([endpoint, from]): Finding[] =>
      from.size >= config.minRegions
        ? []
        : [
            {
              service: service.service,
              path: "spec.status",
              message: must(
                `Endpoint ${endpoint} of ${service.service}`,
                `be probed from at least ${config.minRegions} regions, is probed from ${[...from].join(", ")}`,
                because,
              ),
            },
          ],
    );
  },
});

/** A Probe's scrape timeout is shorter than its interval. */
export const statusProbeTimeout = resourceRule("status", {
  name: "status-probe-timeout-below-interval",
  fix: "Lower the probe's scrapeTimeout (spec.status) below its interval.",
  anchor: "Prometheus guidance: a scrape timeout at or above the interval overlaps scrapes.",
  description: "Every Probe's scrapeTimeout is shorter than its interval.",
  types: [PROBE],
  config: z.object({}),
  check: (subject) => {
    const interval = str(subject.props, "spec.interval");
    const timeout = str(subject.props, "spec.scrapeTimeout");
    if (isUnknown(interval) || isUnknown(timeout) || interval === undefined || timeout === undefined) return [];
    const [i, t] = [parseDuration(interval), parseDuration(timeout)];
    if (i === undefined || t === undefined || t < i) return [];
    return [
      {
        resource: subject.key,
        path: "spec.status.timeout",
        message: must(
          describe(subject),
          `have a scrapeTimeout shorter than its interval ${interval}, got ${timeout}`,
          "a check still running when the next one is due is cut off, and the prometheus-operator refuses a timeout above the interval",
        ),
      },
    ];
  },
});

/** The EndpointDown alerts of a PrometheusRule that wait before firing (a `for` above zero); undefined when not known yet. */
function waitingDownAlerts(rule: Subject): string[] | undefined {
  const groups = list(rule.props, "spec.groups");
  if (isUnknown(groups)) return undefined;
  const rules = groups.flatMap((g) => {
    const r = list(g, "rules");
    return isUnknown(r) ? [] : r.filter(isObject);
  });
  const down = rules.filter((r) => r["alert"] === ALERT_NAMES.endpointDown);
  if (down.some((r) => isUnknown(at(r, "for")))) return undefined;
  return down.map((r) => r["for"]).filter((f): f is string => typeof f === "string" && (parseDuration(f) ?? 0) > 0);
}

/** A critical service's endpoint is down at its first failed check. */
export const statusDownAtFirstFailure = resourceRule("status", {
  name: "status-down-at-first-failure",
  fix: "Remove the for: override of EndpointDown so it fires on the first failed check.",
  anchor: "Status page practice: an outage must show at once, confirmed by the probe quorum rather than by waiting.",
  description:
    "EndpointDown of a service of the given tiers fires at the first failed check (no for), as a status page must show an outage at once.",
  types: [KUBE.prometheusRule],
  config: z.object({ tiers: tiers(["critical"]) }),
  check: (subject, config, context) => {
    if (!config.tiers.includes(context.tier)) return [];
    const waiting = waitingDownAlerts(subject);
    if (!waiting || waiting.length === 0) return [];
    return [
      {
        resource: subject.key,
        path: "spec.status.failureThreshold",
        message: must(
          `${ALERT_NAMES.endpointDown} in ${describe(subject)}`,
          `fire at the first failed check (failure threshold 1), waits for ${waiting.join(", ")}`,
          "a critical service's users see the outage at once, and one failed check from the quorum of regions is already an outage",
        ),
      },
    ];
  },
});

/** The status rules. */
export const STATUS_RULES = [statusProbedFromRegions, statusProbeTimeout, statusDownAtFirstFailure];
