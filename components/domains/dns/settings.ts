import { FAILOVER_CONSTANTS, FAILOVER_DEFAULTS, FAILOVER_TIER_DEFAULTS } from "../../core/defaults.js";
import type { ResolvedService } from "../../core/spec/service.js";
import type { StackConfig } from "../../core/stack/config.js";

/** Where a region's record points: the load balancer (alias) or the ingress host name (CNAME); health checks probe `hostname`. */
export type DnsTarget =
  | { readonly region: string; readonly hostname: string; readonly kind: "alias"; readonly dnsName: string; readonly hostedZoneId: string }
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

/** `spec.dns` with every default applied: what the DNS planner and the budget read. */
export interface DnsSettings {
  /** Fully qualified record name. */
  readonly name: string;
  /** Hosted zone id from the stack. */
  readonly zoneId: string;
  /** `failover` or `latency`. */
  readonly routing: "failover" | "latency";
  /** Region that takes traffic while healthy (failover routing); the database's primary. */
  readonly primaryRegion: string;
  /** Record TTL for CNAME records, seconds. */
  readonly ttlSeconds: number;
  /** TTL clients actually see in the worst case: the CNAME TTL, or the load balancer's for aliases. */
  readonly effectiveTtlSeconds: number;
  /** Seconds clients may cache beyond the TTL. */
  readonly clientCacheSeconds: number;
  /** Health check settings. */
  readonly healthCheck: HealthCheckSettings;
  /** Target per region, primary first. */
  readonly targets: readonly DnsTarget[];
}

/** Applies the defaults to `spec.dns`; undefined when the spec has none. */
export function dnsSettings(service: ResolvedService, stack: StackConfig): DnsSettings | undefined {
  const dns = service.dns;
  if (!dns) return undefined;
  const primaryRegion = dns.primaryRegion ?? service.database?.primaryRegion ?? service.regions[0] ?? "";
  const ordered = [primaryRegion, ...service.regions.filter((r) => r !== primaryRegion)];
  const targets = ordered.map((region): DnsTarget => {
    const ingress = stack.regions[region]?.ingress;
    if (!ingress) throw new Error(`internal: stack ${stack.stack} has no ingress for ${region}`);
    return ingress.loadBalancer
      ? { region, hostname: ingress.hostname, kind: "alias", ...ingress.loadBalancer }
      : { region, hostname: ingress.hostname, kind: "cname" };
  });
  const ttlSeconds = dns.ttl ?? FAILOVER_DEFAULTS.dnsTtlSeconds;
  const aliasTtl = FAILOVER_CONSTANTS.elbAliasTtlMs / 1000;
  return {
    name: dns.name,
    zoneId: stack.route53?.hostedZoneId ?? "",
    routing: dns.routing,
    primaryRegion,
    ttlSeconds,
    effectiveTtlSeconds: Math.max(...targets.map((t) => (t.kind === "alias" ? aliasTtl : ttlSeconds))),
    clientCacheSeconds: dns.clientCacheSeconds ?? FAILOVER_DEFAULTS.clientCacheSeconds,
    healthCheck: healthCheckSettings(service),
    targets,
  };
}

/** The Route 53 health check settings of a service (defaults applied); the alerts read the same numbers. */
export function healthCheckSettings(service: ResolvedService): HealthCheckSettings {
  const hc = service.dns?.healthCheck ?? {};
  const protocol = hc.protocol ?? FAILOVER_DEFAULTS.healthCheckProtocol;
  const readiness = service.workload.probes.readiness.handler;
  return {
    protocol,
    port: hc.port ?? (protocol === "HTTP" ? 80 : 443),
    ...(protocol === "TCP" ? {} : { path: hc.path ?? (readiness.kind === "http" ? readiness.path : "/") }),
    intervalSeconds: hc.intervalSeconds ?? FAILOVER_TIER_DEFAULTS[service.tier].dnsIntervalSeconds,
    failureThreshold: hc.failureThreshold ?? FAILOVER_DEFAULTS.healthCheckFailureThreshold,
    ...(hc.regions ? { regions: hc.regions } : {}),
    measureLatency: hc.measureLatency ?? false,
  };
}
