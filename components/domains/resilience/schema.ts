/**
 * The resilience fields of one dependency (`spec.dependencies[]`: timeout, retries, idempotency,
 * circuit breaker, fallback) and the `reliability:mesh` stack setting. Every field is optional;
 * `defaults.ts` holds the defaults, `resolve.ts` and `derive.ts` apply them.
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry
 * @see https://linkerd.io/2-edge/reference/retries/
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprouteretry
 */

import { z } from "zod";
import { bool, dnsLabel, duration, int, oneOf, pattern, text } from "../../core/spec/fields.js";
import { MESH_DEFAULTS } from "./defaults.js";

/**
 * Conditions a call may be retried on (Envoy's `retry_on` names, which Istio passes through; each mesh
 * maps them to what it knows).
 */
export const RETRY_CONDITIONS = [
  "connect-failure",
  "refused-stream",
  "reset",
  "gateway-error",
  "5xx",
  "unavailable",
  "cancelled",
  "deadline-exceeded",
] as const;

/** A retry condition. */
export type RetryCondition = (typeof RETRY_CONDITIONS)[number];

/** Conditions where the request never reached the callee's application: retrying them adds no work downstream. */
export const SAFE_RETRY_CONDITIONS: readonly RetryCondition[] = ["connect-failure", "refused-stream"];

/** How a database or external endpoint is spoken to, as the mesh sees it: plain HTTP, TLS the application originates, or raw TCP. */
export const ENDPOINT_PROTOCOLS = ["http", "tls", "tcp"] as const;

/** An endpoint protocol. */
export type EndpointProtocol = (typeof ENDPOINT_PROTOCOLS)[number];

/** HTTP methods a call may declare. */
export const CALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "POST", "PATCH"] as const;

const callDuration = duration(1, 600_000, " between 1ms and 10m");

/** `spec.dependencies[].retries` */
const retriesSchema = z.strictObject({
  /** @default the tier's `attempts`, fewer when the tries would not fit in the timeout */
  attempts: int(0, 10).optional(),
  /** @default twice the callee's latency objective, or the tier's `perTryTimeoutMs` */
  perTryTimeout: callDuration.optional(),
  /** @default `RESILIENCE_DEFAULTS.retryOn` */
  retryOn: z
    .array(oneOf(RETRY_CONDITIONS), { error: `must be a list of retry conditions (${RETRY_CONDITIONS.join(", ")})` })
    .min(1, { error: "must list at least one condition (set attempts: 0 to turn retries off)" })
    .optional(),
  /** @default `RESILIENCE_DEFAULTS.backoffMs` */
  backoff: duration(1, 10_000, " between 1ms and 10s").optional(),
  /** @default `RESILIENCE_DEFAULTS.budgetPercent` */
  budgetPercent: int(1, 100).optional(),
});

/** `spec.dependencies[].circuitBreaker` */
const circuitBreakerSchema = z.strictObject({
  /** @default the tier's `consecutiveErrors` */
  consecutiveErrors: int(1, 1000).optional(),
  /** @default the tier's `ejectionTimeMs` */
  ejectionTime: duration(1_000, 3_600_000, " between 1s and 1h").optional(),
  /** @default the tier's `maxEjectionPercent` */
  maxEjectionPercent: int(1, 100).optional(),
});

/**
 * `spec.dependencies[].fallback`: what the application does when the call fails for good; the mesh
 * cannot invent a response, so this documents the application's behaviour and marks the dependency
 * as not critical to the caller.
 */
const fallbackSchema = z
  .strictObject({
    /** Another dependency of the same service that answers instead. */
    dependency: dnsLabel(63).optional(),
    /** A degraded mode the application switches to, in words. */
    degraded: text(200, "a short description of the degraded mode").optional(),
  })
  .refine((f) => (f.dependency === undefined) !== (f.degraded === undefined), {
    error:
      "must set exactly one of dependency (another dependency that answers instead) or degraded (what the application does without it)",
  });

/** The resilience fields every dependency may carry (the workload domain's dependency schema spreads them). */
export const DEPENDENCY_RESILIENCE_FIELDS = {
  /** @default `ENDPOINT_DEFAULTS`: tcp for a database, tls for an external endpoint on 443, http otherwise */
  protocol: oneOf(ENDPOINT_PROTOCOLS).optional(),
  /** @default none (unknown: the call counts as not idempotent) */
  method: oneOf(CALL_METHODS).optional(),
  /** @default true for GET, HEAD and OPTIONS; false otherwise and when the method is unknown */
  idempotent: bool().optional(),
  /** @default derived from the caller's latency objective, or the tier's `timeoutMs` */
  timeout: callDuration.optional(),
  retries: retriesSchema.optional(),
  circuitBreaker: circuitBreakerSchema.optional(),
  fallback: fallbackSchema.optional(),
};

/** `spec.dependencies[].retries` as written. */
export type RetriesInput = z.output<typeof retriesSchema>;
/** `spec.dependencies[].circuitBreaker` as written. */
export type CircuitBreakerInput = z.output<typeof circuitBreakerSchema>;
/** `spec.dependencies[].fallback` as written. */
export type FallbackInput = z.output<typeof fallbackSchema>;

/** Service meshes the plan can configure. */
export const MESH_KINDS = ["istio", "linkerd", "gateway-api", "none"] as const;

/** A mesh kind. */
export type MeshKind = (typeof MESH_KINDS)[number];

/** `reliability:mesh` */
export const meshStackSchema = z
  .strictObject({
    /** @default "none" */
    kind: oneOf(MESH_KINDS).default(MESH_DEFAULTS.kind),
    /** Installed release, such as 1.27 (Istio), 2.16 (Linkerd) or 1.2 (Gateway API CRDs). */
    version: pattern(/^\d+\.\d+(\.\d+)?$/, "must be a release number such as 1.27 or 2.16.1").optional(),
    /** @default "standard" */
    channel: oneOf(["standard", "experimental"]).default(MESH_DEFAULTS.channel),
    /** @default 3 */
    maxAmplification: int(1, 100).default(MESH_DEFAULTS.maxAmplification),
  })
  .refine((m) => m.kind === "none" || m.version !== undefined, {
    error:
      'must give the installed version for a mesh (e.g. version: "1.27"), because retry budgets and Gateway API retries depend on it',
  })
  .refine((m) => m.kind !== "linkerd" || compareVersions(m.version ?? "0", "2.16") >= 0, {
    error: "must be Linkerd 2.16 or later, the first release configured by retry and timeout annotations",
  });

/** `reliability:mesh` with its defaults applied. */
export type MeshSettings = z.output<typeof meshStackSchema>;

/** Compares two dotted release numbers: negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
