import { FAILOVER_CONSTANTS, FAILOVER_DEFAULTS, FAILOVER_TIER_DEFAULTS } from "../../core/defaults.js";
import type { ResolvedService, ServiceInput, Tier } from "../../core/spec/service.js";
import type { DnsInput } from "./schema.js";
import type { StackConfig } from "../../core/stack/config.js";

/** Where a region's record points: the load balancer (alias) or the ingress host name (CNAME); health checks probe `hostname`. */
export type DnsTarget =
  | {
      readonly region: string;
      readonly hostname: string;
      readonly kind: "alias";
      readonly dnsName: string;
      readonly hostedZoneId: string;
    }
  | { readonly region: string; readonly hostname: string; readonly kind: "cname" };

/** The Route 53 health check every region gets. */
export interface HealthCheckSettings {
  /** `HTTPS`, `HTTP` or `TCP`. */
  readonly protocol: "HTTPS" | "HTTP" | "TCP";
  /** Port checked. */
  readonly port: number;
  /** Path requested (HTTP(S) only). */
  readonly path?: string;
  /** Seconds between checks from each checker (10 or 30). */
  readonly intervalSeconds: 10 | 30;
  /** Consecutive failures before the endpoint is unhealthy. */
  readonly failureThreshold: number;
  /** Health-checker regions, when narrowed. */
  readonly regions?: readonly string[];
  /** Whether Route 53 measures latency. */
  readonly measureLatency: boolean;
}

/** `spec.dns` with every default applied (what does not depend on the stack). */
export interface ResolvedDns {
  /** Fully qualified record name. */
  readonly name: string;
  /** `failover` or `latency`. */
  readonly routing: "failover" | "latency";
  /** Region that takes traffic while healthy (failover routing); the database's primary. */
  readonly primaryRegion: string;
  /** Record TTL for CNAME records, seconds. */
  readonly ttlSeconds: number;
  /** Seconds clients may cache beyond the TTL. */
  readonly clientCacheSeconds: number;
  /** Health check settings. */
  readonly healthCheck: HealthCheckSettings;
}

/** The DNS settings the planner and the budget read: the resolved section and what the stack adds. */
export interface DnsSettings extends ResolvedDns {
  /** Hosted zone id from the stack. */
  readonly zoneId: string;
  /** TTL clients actually see in the worst case: the CNAME TTL, or the load balancer's for aliases. */
  readonly effectiveTtlSeconds: number;
  /** Target per region, primary first. */
  readonly targets: readonly DnsTarget[];
}

/** Applies the defaults to `spec.dns`: primary region, TTLs and the health check. */
export function resolveDns(input: ServiceInput, tier: Tier): ResolvedDns | undefined {
  const dns = input.spec.dns;
  if (!dns) return undefined;
  return {
    name: dns.name,
    routing: dns.routing,
    primaryRegion: dns.primaryRegion ?? input.spec.database?.primaryRegion ?? input.spec.regions[0] ?? "",
    ttlSeconds: dns.ttl ?? FAILOVER_DEFAULTS.dnsTtlSeconds,
    clientCacheSeconds: dns.clientCacheSeconds ?? FAILOVER_DEFAULTS.clientCacheSeconds,
    healthCheck: resolveHealthCheck(dns.healthCheck ?? {}, input.spec.workload.probes.readiness.http?.path, tier),
  };
}

/** The Route 53 health check (defaults applied); by default it requests the readiness probe's HTTP path. */
function resolveHealthCheck(
  hc: NonNullable<DnsInput["healthCheck"]>,
  readinessPath: string | undefined,
  tier: Tier,
): HealthCheckSettings {
  const protocol = hc.protocol ?? FAILOVER_DEFAULTS.healthCheckProtocol;
  return {
    protocol,
    port: hc.port ?? (protocol === "HTTP" ? 80 : 443),
    ...(protocol === "TCP" ? {} : { path: hc.path ?? readinessPath ?? "/" }),
    intervalSeconds: hc.intervalSeconds ?? FAILOVER_TIER_DEFAULTS[tier].dnsIntervalSeconds,
    failureThreshold: hc.failureThreshold ?? FAILOVER_DEFAULTS.healthCheckFailureThreshold,
    ...(hc.regions ? { regions: hc.regions } : {}),
    measureLatency: hc.measureLatency ?? false,
  };
}

/** What the stack adds to a service's resolved DNS: the zone id and each region's target. */
export function dnsSettings(service: ResolvedService, stack: StackConfig): DnsSettings | undefined {
  const dns = service.dns;
  if (!dns) return undefined;
  const ordered = [dns.primaryRegion, ...service.regions.filter((r) => r !== dns.primaryRegion)];
  const targets = ordered.map((region): DnsTarget => {
    const ingress = stack.regions[region]?.ingress;
    if (!ingress) throw new Error(`internal: stack ${stack.stack} has no ingress for ${region}`);
    return ingress.loadBalancer
      ? { region, hostname: ingress.hostname, kind: "alias", ...ingress.loadBalancer }
      : { region, hostname: ingress.hostname, kind: "cname" };
  });
  const aliasTtl = FAILOVER_CONSTANTS.elbAliasTtlMs / 1000;
  return {
    ...dns,
    zoneId: stack.route53?.hostedZoneId ?? "",
    effectiveTtlSeconds: Math.max(...targets.map((t) => (t.kind === "alias" ? aliasTtl : dns.ttlSeconds))),
    targets,
  };
}
