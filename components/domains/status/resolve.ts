/**
 * Resolution of `spec.status`: tier defaults, durations in milliseconds, and the endpoints checked
 * when the spec names none — the public DNS name, or (for a spec with a `status` section but no
 * `dns`) each region's ingress host, with the readiness probe's HTTP path. Pure.
 */

import { STATUS_NAMES } from "../../core/conventions.js";
import { DEFAULTS } from "../../core/defaults.js";
import type { ResolveContext } from "../../core/module.js";
import type { ResolvedSections, ServiceInput } from "../../core/spec/service.js";
import { parseDuration } from "../../core/units.js";
import { resolveWorkloadSections } from "../workload/resolve.js";
import { STATUS_DEFAULTS, STATUS_TIER_DEFAULTS } from "./defaults.js";
import type { ResolvedEndpoint, ResolvedStatus } from "./resolved.js";
import type { EndpointInput, StatusInput } from "./schema.js";

/** What an endpoint inherits from its section. */
interface Inherited {
  readonly timeoutMs: number;
  readonly latencyMs?: number;
  readonly component: string;
}

/** The status domain's resolved section. */
export function resolveStatusSection(input: ServiceInput, context: ResolveContext): Pick<ResolvedSections, "status"> {
  const status = input.spec.status ?? {};
  const tier = STATUS_TIER_DEFAULTS[context.base.tier];
  const latency = status.latency ?? input.spec.objectives.latency?.threshold;
  const inherited: Inherited = {
    timeoutMs: ms(status.timeout ?? STATUS_DEFAULTS.timeout),
    ...(latency === undefined ? {} : { latencyMs: ms(latency) }),
    component: status.component ?? input.metadata.name,
  };
  const resolved: ResolvedStatus = {
    enabled: status.enabled ?? STATUS_DEFAULTS.enabled,
    declared: input.spec.status !== undefined,
    endpoints: status.endpoints
      ? status.endpoints.map((e, i) => declared(e, i, inherited))
      : defaultEndpoints(input, context, status, inherited),
    intervalMs: ms(status.interval ?? tier.interval),
    failureThreshold: status.failureThreshold ?? tier.failureThreshold,
    successThreshold: status.successThreshold ?? tier.successThreshold,
    slowChecks: STATUS_DEFAULTS.slowChecks,
    downSeverity: tier.downSeverity,
    group: status.group ?? input.metadata.team,
    certificateExpiryDays: status.certificateExpiryDays ?? STATUS_DEFAULTS.certificateExpiryDays,
    timezone: status.timezone ?? DEFAULTS.timezone,
    maintenance: status.maintenance ?? [],
  };
  return { status: resolved };
}

const ms = (text: string): number => parseDuration(text) ?? 0;

function declared(e: EndpointInput, index: number, inherited: Inherited): ResolvedEndpoint {
  const target = e.url ?? `${e.scheme ?? STATUS_DEFAULTS.scheme}://${e.host ?? ""}${e.path ?? STATUS_DEFAULTS.path}`;
  const latency = e.latency === undefined ? inherited.latencyMs : ms(e.latency);
  return {
    name: e.name,
    url: target,
    method: e.method ?? STATUS_DEFAULTS.method,
    statusCodes: e.status ?? STATUS_DEFAULTS.statusCodes,
    tls: target.startsWith("https://"),
    timeoutMs: e.timeout === undefined ? inherited.timeoutMs : ms(e.timeout),
    ...(latency === undefined ? {} : { latencyMs: latency }),
    component: e.component ?? inherited.component,
    origin: ["spec", "status", "endpoints", index],
  };
}

/**
 * The endpoints of a spec that names none: its public DNS name; without `dns`, when the spec asks
 * for status checks, each region's ingress host; none for a service whose readiness is not HTTP
 * (workers, gRPC backends) unless it has a DNS name.
 */
function defaultEndpoints(
  input: ServiceInput,
  context: ResolveContext,
  status: StatusInput,
  inherited: Inherited,
): ResolvedEndpoint[] {
  const readiness = resolveWorkloadSections(input, context).workload.probes.readiness.handler;
  const path = readiness.kind === "http" ? readiness.path : undefined;
  const at = (name: string, host: string, origin: readonly (string | number)[]): ResolvedEndpoint => ({
    name,
    url: `${STATUS_DEFAULTS.scheme}://${host}${path ?? STATUS_DEFAULTS.path}`,
    method: STATUS_DEFAULTS.method,
    statusCodes: STATUS_DEFAULTS.statusCodes,
    tls: true,
    timeoutMs: inherited.timeoutMs,
    ...(inherited.latencyMs === undefined ? {} : { latencyMs: inherited.latencyMs }),
    component: inherited.component,
    origin,
  });
  const dns = input.spec.dns;
  if (dns) return [at(STATUS_DEFAULTS.publicEndpoint, dns.name, ["spec", "dns", "name"])];
  if (input.spec.status === undefined || path === undefined || status.enabled === false) return [];
  return context.base.regions.flatMap((region) => {
    const host = context.stack?.regions[region]?.ingress.hostname;
    return host === undefined
      ? []
      : [at(STATUS_NAMES.ingressEndpoint(region), host, ["spec", "regions", context.base.regions.indexOf(region)])];
  });
}
