import type { HealthCheckSettings } from "./settings.js";

/** What the DNS planner decided, for `plan.json`, the budget and the policies. */
export interface DnsSummary {
  /** Record name. */
  readonly name: string;
  /** Hosted zone id. */
  readonly zoneId: string;
  /** `failover` or `latency`. */
  readonly routing: "failover" | "latency";
  /** Region that takes traffic while healthy. */
  readonly primaryRegion: string;
  /** TTL of CNAME records, seconds. */
  readonly ttlSeconds: number;
  /** Worst-case TTL clients see (alias records answer with the load balancer's TTL). */
  readonly effectiveTtlSeconds: number;
  /** Seconds clients may cache beyond the TTL. */
  readonly clientCacheSeconds: number;
  /** Health check settings. */
  readonly healthCheck: HealthCheckSettings;
  /** One record per region, primary first. */
  readonly targets: readonly { readonly region: string; readonly role: "PRIMARY" | "SECONDARY" | "LATENCY"; readonly record: "alias" | "cname"; readonly target: string }[];
}
