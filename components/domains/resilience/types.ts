/** What the resilience planner decided for each call, for `plan.json`, the policies and `reliability graph`. */

import type { Tier } from "../../core/spec/service.js";
import type { EndpointProtocol, MeshKind, RetryCondition } from "./schema.js";

/** The callee of a call when it is a service of the same stack: what the checks compare against. */
export interface CalleeFacts {
  /** `metadata.name` */
  readonly service: string;
  /** Its spec file. */
  readonly file: string;
  /** Its tier. */
  readonly tier: Tier;
  /** Replicas at the least (`minReplicas`). */
  readonly replicas: number;
  /** Pods its PodDisruptionBudget allows unavailable at `minReplicas`. */
  readonly disruptionsAllowed: number;
  /** Its latency objective threshold, milliseconds. */
  readonly latencyMs?: number;
  /** Its Kubernetes namespace. */
  readonly namespace: string;
  /** Its port. */
  readonly port: number;
  /** Its protocol. */
  readonly protocol: "http" | "grpc";
  /** Regions it runs in. */
  readonly regions: readonly string[];
}

/** The far end of a call to a database or an external endpoint. */
export interface EndpointFacts {
  /** Host name as written (`spec.dependencies[].host`, else the dependency's name). */
  readonly host: string;
  /** Port, when written. */
  readonly port?: number;
  /** How it is spoken to, as the mesh sees it. */
  readonly protocol: EndpointProtocol;
}

/** The effective timeout, retries and circuit breaker of one call (one edge of the call graph). */
export interface CallBudget {
  /** The calling service. */
  readonly from: string;
  /** The dependency's name in the caller's spec. */
  readonly name: string;
  /** Index in the caller's `spec.dependencies`. */
  readonly index: number;
  /** What is called. */
  readonly kind: "database" | "service" | "external";
  /** The callee, when it is a service of the same stack. */
  readonly callee?: CalleeFacts;
  /** The endpoint, when the call is to a database or an external endpoint. */
  readonly endpoint?: EndpointFacts;
  /** Route timeout: the longest the whole call may take, retries included, milliseconds. */
  readonly timeoutMs: number;
  /** Longest one try may take, milliseconds. */
  readonly perTryTimeoutMs: number;
  /** Retries after the first try. */
  readonly attempts: number;
  /** Conditions retried on. */
  readonly retryOn: readonly RetryCondition[];
  /** Base backoff interval the mesh applies, milliseconds. */
  readonly backoffMs: number;
  /** Longest total backoff wait over every retry, milliseconds. */
  readonly worstBackoffMs: number;
  /** Longest the tries and waits can take: (1 + attempts) × perTryTimeout + worst backoff, milliseconds. */
  readonly worstCaseMs: number;
  /** Requests the callee receives per call when it fails (1 + attempts when a retried condition reaches it, else 1). */
  readonly amplification: number;
  /** Whether repeating the call is harmless. */
  readonly idempotent: boolean;
  /** Share of active requests that may be retries, percent. */
  readonly budgetPercent: number;
  /** Outlier detection. */
  readonly circuitBreaker: {
    /** Consecutive errors that eject a pod. */
    readonly consecutiveErrors: number;
    /** Base ejection time, milliseconds. */
    readonly ejectionTimeMs: number;
    /** Largest share of pods ejected at once, percent. */
    readonly maxEjectionPercent: number;
  };
  /** What the application does when the call fails for good; none: the call is critical to the caller. */
  readonly fallback?: string;
  /** Where each derived value comes from, in words. */
  readonly derived: readonly string[];
}

/** The resilience analysis of a service. */
export interface ResilienceAnalysis {
  /** The mesh the stack declares. */
  readonly mesh: MeshKind;
  /** Largest product of tries along a path (`reliability:mesh` maxAmplification). */
  readonly maxAmplification: number;
  /** Every outgoing call, in spec order. */
  readonly calls: readonly CallBudget[];
  /** Plan keys of the mesh objects the calls are configured by. */
  readonly objects: readonly string[];
}
