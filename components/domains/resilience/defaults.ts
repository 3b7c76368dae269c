/**
 * Every default of the per-dependency resilience settings (`spec.dependencies[]`) and of the
 * `reliability:mesh` stack setting, in one place. A spec states only what differs; `resolve.ts`,
 * `derive.ts` and the stack-setting schema apply these and nothing else does.
 */

import type { Tier } from "../../core/spec/service.js";

/** Defaults of a call that depend on the caller's tier, used where nothing better can be derived. */
export interface ResilienceTierDefaults {
  /** Longest a whole call may take, retries included, milliseconds (the route timeout). */
  readonly timeoutMs: number;
  /** Longest one try may take, milliseconds. */
  readonly perTryTimeoutMs: number;
  /** Retries after the first try (Istio `attempts`, Linkerd `retry.linkerd.io/limit`, Gateway API `retry.attempts`). */
  readonly attempts: number;
  /** Consecutive errors that eject a pod from the caller's load balancing. */
  readonly consecutiveErrors: number;
  /** How long an ejected pod stays out (the first time; Envoy multiplies it by the ejections in a row), milliseconds. */
  readonly ejectionTimeMs: number;
  /** Largest share of the callee's pods that may be ejected at once, percent. */
  readonly maxEjectionPercent: number;
}

/** The tier presets of a call's timeout, retries and circuit breaker. */
export const RESILIENCE_TIER_DEFAULTS: Readonly<Record<Tier, ResilienceTierDefaults>> = {
  /** @default 1s per call, 300ms per try, 2 retries, ejection after 5 errors for 30s, at most a third of the pods */
  critical: {
    timeoutMs: 1_000,
    perTryTimeoutMs: 300,
    attempts: 2,
    consecutiveErrors: 5,
    ejectionTimeMs: 30_000,
    maxEjectionPercent: 33,
  },
  /** @default 2s per call, 600ms per try, 2 retries, ejection after 5 errors for 30s, at most a third of the pods */
  standard: {
    timeoutMs: 2_000,
    perTryTimeoutMs: 600,
    attempts: 2,
    consecutiveErrors: 5,
    ejectionTimeMs: 30_000,
    maxEjectionPercent: 33,
  },
  /** @default 5s per call, 2s per try, 1 retry, ejection after 10 errors for 30s, at most a third of the pods */
  "best-effort": {
    timeoutMs: 5_000,
    perTryTimeoutMs: 2_000,
    attempts: 1,
    consecutiveErrors: 10,
    ejectionTimeMs: 30_000,
    maxEjectionPercent: 33,
  },
};

/** Base backoff Envoy applies when nothing sets it, milliseconds. */
export const ENVOY_BASE_BACKOFF_MS = 25;

/** Defaults of a call that do not depend on the tier. */
export const RESILIENCE_DEFAULTS = {
  /**
   * @default ["connect-failure", "refused-stream"] — what is retried when the spec does not say: only
   * failures where the request never reached the callee's application, safe for any call and free of
   * load amplification.
   */
  retryOn: ["connect-failure", "refused-stream"] as readonly string[],
  /** @default 25 — base interval of the exponential backoff between retries, milliseconds (Envoy's own default). */
  backoffMs: ENVOY_BASE_BACKOFF_MS,
  /** @default 10 — the longest backoff wait is this many base intervals (Envoy's `max_interval` default). */
  backoffCapFactor: 10,
  /** @default 20 — share of the active requests to a callee that may be retries, percent (Envoy's retry budget default). */
  budgetPercent: 20,
  /** @default 3 — retries in flight allowed whatever the budget (Envoy's `min_retry_concurrency` default). */
  minRetryConcurrency: 3,
  /** @default 2 — a derived per-try timeout is this many times the callee's latency objective threshold. */
  perTryFactor: 2,
  /**
   * @default 0.1 — a derived route timeout leaves this share of the caller's own deadline (the
   * timeout its callers give it) for its own work, so the call always ends before the caller gives up.
   */
  deadlineMargin: 0.1,
  /** @default "10s" — how often Envoy's outlier detection sweeps the pods (Istio's default interval). */
  ejectionInterval: "10s",
  /** @default ["GET", "HEAD", "OPTIONS"] — methods whose calls are idempotent unless the spec says otherwise. */
  idempotentMethods: ["GET", "HEAD", "OPTIONS"] as readonly string[],
} as const;

/** Defaults of the `reliability:mesh` stack setting. */
export const MESH_DEFAULTS = {
  /** @default "none" — no mesh: nothing is emitted, the budgets are still checked and reported (the application implements them). */
  kind: "none",
  /** @default 3 — largest product of tries along any path of the call graph (the SRE book's "at most 3 attempts per request"). */
  maxAmplification: 3,
  /** @default 20 — largest retry budget a call may declare, percent (Envoy's default budget). */
  maxBudgetPercent: 20,
  /** @default "standard" — the Gateway API release channel installed (`retry` needs `experimental`). */
  channel: "standard",
} as const;

/** How a database or external endpoint is reached when the spec does not say (`spec.dependencies[].protocol`). */
export const ENDPOINT_DEFAULTS = {
  /** @default "tcp" — a database speaks its own wire protocol: the mesh sees TCP. */
  database: "tcp",
  /** @default "tls" — an external endpoint on this port is HTTPS the application encrypts: the mesh sees TLS. */
  externalTlsPort: 443,
  /** @default "http" — an external endpoint on any other port. */
  external: "http",
  /**
   * @default { time: "60s", interval: "10s", probes: 3 } — TCP keepalive on database connections: a
   * peer that vanished (a failover, a NAT or load balancer idle timeout) is noticed within about 90s
   * instead of the kernel's two hours.
   */
  tcpKeepalive: { time: "60s", interval: "10s", probes: 3 },
} as const;

/** The first Istio release whose VirtualService `retries` has `backoff`; before it Envoy's 25ms base applies. */
export const ISTIO_RETRY_BACKOFF_SINCE = "1.26";

/** The first Istio release whose DestinationRule has `trafficPolicy.retryBudget`. */
export const ISTIO_RETRY_BUDGET_SINCE = "1.27";

/** What a mesh does for a call when nothing configures it: the baseline the simulation compares against. */
export const MESH_BUILTIN = {
  /** Istio: 2 retries, no route timeout, retry on connect-failure, refused-stream, unavailable, cancelled and retriable-status-codes. */
  istio: {
    attempts: 2,
    retryOn: ["connect-failure", "refused-stream", "unavailable", "cancelled"],
    timeoutMs: undefined,
  },
  /** Linkerd 2.16+: no retries and no timeout unless annotated. */
  linkerd: { attempts: 0, retryOn: [], timeoutMs: undefined },
  /** Gateway API: no retries and no timeout unless the route sets them. */
  "gateway-api": { attempts: 0, retryOn: [], timeoutMs: undefined },
  /** No mesh: whatever the application does. */
  none: { attempts: 0, retryOn: [], timeoutMs: undefined },
} as const;
