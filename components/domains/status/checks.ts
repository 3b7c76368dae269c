/**
 * Cross-field rules for `spec.status`: what the prometheus-operator would refuse (a check longer than
 * its interval), windows that cannot be read, names that collide, endpoints no stack can probe, and a
 * section that asks for checks of nothing.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ProbeSpec
 */

import { quote } from "../../core/spec/errors.js";
import type { SpecCheck, SpecIssue } from "../../core/spec/checks.js";
import { formatDuration } from "../../core/units.js";
import { isTimeZone, parseLocal } from "../../core/zone.js";
import type { ResolvedEndpoint } from "./resolved.js";
import type { MaintenanceWindowInput } from "./schema.js";
import { proberFor } from "./settings.js";

const STATUS = ["spec", "status"] as const;

const timezoneKnown: SpecCheck = ({ input }) => {
  const tz = input.spec.status?.timezone;
  return tz === undefined || isTimeZone(tz)
    ? []
    : [
        {
          path: [...STATUS, "timezone"],
          message: `must be an IANA time zone name such as Europe/Berlin or America/New_York, got ${quote(tz)}`,
        },
      ];
};

/** A window is weekly (days and/or from+to) or one-off (start+end, end after start), never both or neither. */
function windowIssues(w: MaintenanceWindowInput, path: readonly (string | number)[]): SpecIssue[] {
  const weekly = [w.days, w.from, w.to].some((v) => v !== undefined);
  const oneOff = [w.start, w.end].some((v) => v !== undefined);
  const issue = (at: readonly (string | number)[], message: string): SpecIssue[] => [{ path: [...at], message }];
  if (weekly === oneOff)
    return issue(
      path,
      `must be weekly (days and/or from and to) or one-off (start and end), got ${weekly ? "both" : "neither"} in ${w.name}`,
    );
  if (weekly)
    return (w.from === undefined) === (w.to === undefined)
      ? []
      : issue(
          [...path, w.from === undefined ? "from" : "to"],
          `must give from and to together, got only ${w.from === undefined ? "to" : "from"} in ${w.name}`,
        );
  if (w.start === undefined || w.end === undefined)
    return issue([...path, w.start === undefined ? "start" : "end"], `must give start and end together in ${w.name}`);
  return parseLocal(w.end) > parseLocal(w.start)
    ? []
    : issue([...path, "end"], `must be after start (${w.start}), got ${quote(w.end)}`);
}

const maintenanceShape: SpecCheck = ({ input }) =>
  (input.spec.status?.maintenance ?? []).flatMap((w, i) => windowIssues(w, [...STATUS, "maintenance", i]));

const uniqueNames: SpecCheck = ({ input }) =>
  (["endpoints", "maintenance"] as const).flatMap((list) => {
    const seen = new Set<string>();
    return (input.spec.status?.[list] ?? []).flatMap((item, i): SpecIssue[] => {
      if (!seen.has(item.name)) return (seen.add(item.name), []);
      return [
        {
          path: [...STATUS, list, i, "name"],
          message: `must be unique among the service's ${list === "endpoints" ? "endpoints" : "maintenance windows"}, got ${quote(item.name)} twice`,
        },
      ];
    });
  });

/** Where an endpoint's timeout or latency is written: on the endpoint, else on the section, else where the endpoint comes from. */
function fieldPath(
  e: ResolvedEndpoint,
  field: "timeout" | "latency",
  ownField: boolean,
  sectionField: boolean,
): (string | number)[] {
  if (ownField) return [...e.origin, field];
  return sectionField ? [...STATUS, field] : [...e.origin];
}

const checkTiming: SpecCheck = ({ input, service }) => {
  const { status } = service;
  const section = input.spec.status;
  return status.endpoints.flatMap((e, i): SpecIssue[] => {
    const own = section?.endpoints?.[i];
    const out: SpecIssue[] = [];
    if (e.timeoutMs >= status.intervalMs) {
      out.push({
        path: fieldPath(e, "timeout", own?.timeout !== undefined, section?.timeout !== undefined),
        message: `must be shorter than the interval (${formatDuration(status.intervalMs)}) for endpoint ${e.name}, because a check still running when the next is due is cut off (the prometheus-operator refuses a scrape timeout above the interval); got ${formatDuration(e.timeoutMs)}`,
      });
    }
    if (e.latencyMs !== undefined && e.latencyMs >= e.timeoutMs) {
      out.push({
        path: fieldPath(e, "latency", own?.latency !== undefined, section?.latency !== undefined),
        message: `must be shorter than the timeout (${formatDuration(e.timeoutMs)}) for endpoint ${e.name}, because a check slower than the timeout fails instead of being slow; got ${formatDuration(e.latencyMs)}`,
      });
    }
    return out;
  });
};

const somethingToCheck: SpecCheck = ({ input, service }) => {
  const { status } = service;
  if (
    !status.declared ||
    !status.enabled ||
    input.spec.status?.endpoints !== undefined ||
    service.dns ||
    service.workload.probes.readiness.handler.kind === "http"
  )
    return [];
  return [
    {
      path: [...STATUS],
      message: `must list the endpoints to check, because the service has no public DNS name and its readiness probe is ${service.workload.probes.readiness.handler.kind}, not http, so there is no default endpoint (set enabled: false to check nothing); got none`,
    },
  ];
};

const stackProbes: SpecCheck = ({ service, stack }) => {
  const { status } = service;
  if (!stack || !status.enabled || status.endpoints.length === 0) return [];
  const settings = stack.status;
  if (!settings) {
    return status.declared
      ? [
          {
            path: [...STATUS],
            message: `must be planned with a stack that configures reliability:status (the blackbox exporters that probe from each region), because nothing else can check the endpoints; stack ${stack.stack} sets none (set enabled: false for this environment to check nothing); got ${status.endpoints.length} endpoint${status.endpoints.length === 1 ? "" : "s"} to probe`,
          },
        ]
      : [];
  }
  return service.regions.flatMap((region, i): SpecIssue[] =>
    proberFor(settings, region) !== undefined
      ? []
      : [
          {
            path: ["spec", "regions", i],
            message: `must have a blackbox exporter in stack ${stack.stack} (reliability:status.prober.urls lists ${Object.keys(settings.prober.urls ?? {}).join(", ") || "none"}), because the endpoints are probed from every region the service runs in; got ${quote(region)}`,
          },
        ],
  );
};

/** A service's namespace must not be the incident bridge's, whose Namespace the stack plans (and would plan twice). */
const bridgeNamespaceFree: SpecCheck = ({ service, stack }) => {
  const bridge = stack?.status?.incidents?.namespace;
  return bridge === undefined || service.namespace !== bridge
    ? []
    : [
        {
          path: ["metadata", "name"],
          message: `must not give the service the namespace ${quote(bridge)} of the incident bridge (reliability:status.incidents.namespace), because the stack plans that Namespace for the bridge; got ${quote(service.name)}`,
        },
      ];
};

/** Every status check. */
export const statusChecks: readonly SpecCheck[] = [
  bridgeNamespaceFree,
  timezoneKnown,
  maintenanceShape,
  uniqueNames,
  checkTiming,
  somethingToCheck,
  stackProbes,
];
