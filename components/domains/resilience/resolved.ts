/**
 * The resilience settings of a service's calls with the defaults that need no other service applied,
 * as the checks and the stack-wide derivation read them.
 */

import type { ResilienceTierDefaults } from "./defaults.js";
import type { EndpointProtocol, FallbackInput, RetryCondition } from "./schema.js";

/** One call as declared, with the defaults that depend on nothing else applied. */
export interface DeclaredCall {
  /** Dependency name (unique in the service). */
  readonly name: string;
  /** Index in `spec.dependencies` (for positions). */
  readonly index: number;
  /** What is called. */
  readonly kind: "database" | "service" | "external";
  /** The called service of the same repository, by `metadata.name`. */
  readonly service?: string;
  /** Host of a database or external endpoint. */
  readonly host?: string;
  /** Port called. */
  readonly port?: number;
  /** How a database or external endpoint is spoken to, as the mesh sees it; none for a service of the stack. */
  readonly protocol?: EndpointProtocol;
  /** Whether repeating the call is harmless. */
  readonly idempotent: boolean;
  /** Declared route timeout, milliseconds; none: derived. */
  readonly timeoutMs?: number;
  /** Declared per-try timeout, milliseconds; none: derived. */
  readonly perTryTimeoutMs?: number;
  /** Declared retries after the first try; none: derived. */
  readonly attempts?: number;
  /** Conditions retried on. */
  readonly retryOn: readonly RetryCondition[];
  /** Whether `retryOn` was written in the spec. */
  readonly retryOnDeclared: boolean;
  /** Base interval of the backoff between retries, milliseconds. */
  readonly backoffMs: number;
  /** Whether `retries.backoff` was written in the spec. */
  readonly backoffDeclared: boolean;
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
  readonly fallback?: FallbackInput;
}

/** A service's calls and the facts the derivation needs from its own spec. */
export interface ResolvedResilience {
  /** Every declared call, in spec order. */
  readonly calls: readonly DeclaredCall[];
  /** The tier presets used where nothing can be derived. */
  readonly tierDefaults: ResilienceTierDefaults;
  /** The service's own latency objective threshold, milliseconds (its callers' per-try basis). */
  readonly latencyMs?: number;
}
