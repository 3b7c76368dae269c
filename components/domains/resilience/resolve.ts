/**
 * Resolution of the resilience fields of `spec.dependencies`: durations in milliseconds and the
 * defaults that need no other service (idempotency from the method, retry conditions, backoff,
 * budget, circuit breaker). Timeouts and retry counts are derived stack-wide (`derive.ts`). Pure.
 */

import type { ResolveContext } from "../../core/module.js";
import type { ResolvedSections, ServiceInput } from "../../core/spec/service.js";
import { parseDuration } from "../../core/units.js";
import {
  ENDPOINT_DEFAULTS,
  RESILIENCE_DEFAULTS,
  RESILIENCE_TIER_DEFAULTS,
  type ResilienceTierDefaults,
} from "./defaults.js";
import type { DeclaredCall } from "./resolved.js";
import type { EndpointProtocol, RetryCondition } from "./schema.js";

type DependencyInput = NonNullable<ServiceInput["spec"]["dependencies"]>[number];

const ms = (text: string | undefined): number | undefined => (text === undefined ? undefined : parseDuration(text));

/** How a database or external endpoint is spoken to; none for a service of the stack. */
export function endpointProtocol(d: DependencyInput): EndpointProtocol | undefined {
  if (d.kind === "service") return undefined;
  if (d.protocol !== undefined) return d.protocol;
  if (d.kind === "database") return ENDPOINT_DEFAULTS.database;
  return d.port === ENDPOINT_DEFAULTS.externalTlsPort ? "tls" : ENDPOINT_DEFAULTS.external;
}

/** One declared call with the defaults that need no other service. */
export function declaredCall(d: DependencyInput, index: number, tier: ResilienceTierDefaults): DeclaredCall {
  const idempotent =
    d.idempotent ?? (d.method !== undefined && RESILIENCE_DEFAULTS.idempotentMethods.includes(d.method));
  const cb = d.circuitBreaker ?? {};
  const timeoutMs = ms(d.timeout);
  const perTryTimeoutMs = ms(d.retries?.perTryTimeout);
  const protocol = endpointProtocol(d);
  return {
    name: d.name,
    index,
    kind: d.kind,
    ...(d.service !== undefined ? { service: d.service } : {}),
    ...(d.host !== undefined ? { host: d.host } : {}),
    ...(d.port !== undefined ? { port: d.port } : {}),
    ...(protocol !== undefined ? { protocol } : {}),
    idempotent,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(perTryTimeoutMs !== undefined ? { perTryTimeoutMs } : {}),
    ...(d.retries?.attempts !== undefined ? { attempts: d.retries.attempts } : {}),
    retryOn: d.retries?.retryOn ?? (RESILIENCE_DEFAULTS.retryOn as readonly RetryCondition[]),
    retryOnDeclared: d.retries?.retryOn !== undefined,
    backoffMs: ms(d.retries?.backoff) ?? RESILIENCE_DEFAULTS.backoffMs,
    backoffDeclared: d.retries?.backoff !== undefined,
    budgetPercent: d.retries?.budgetPercent ?? RESILIENCE_DEFAULTS.budgetPercent,
    circuitBreaker: {
      consecutiveErrors: cb.consecutiveErrors ?? tier.consecutiveErrors,
      ejectionTimeMs: ms(cb.ejectionTime) ?? tier.ejectionTimeMs,
      maxEjectionPercent: cb.maxEjectionPercent ?? tier.maxEjectionPercent,
    },
    ...(d.fallback !== undefined ? { fallback: d.fallback } : {}),
  };
}

/** The resilience domain's resolved section. */
export function resolveResilienceSection(
  input: ServiceInput,
  context: ResolveContext,
): Pick<ResolvedSections, "resilience"> {
  const tierDefaults = RESILIENCE_TIER_DEFAULTS[context.base.tier];
  const latency = input.spec.objectives.latency?.threshold;
  const latencyMs = ms(latency);
  return {
    resilience: {
      calls: (input.spec.dependencies ?? []).map((d, i) => declaredCall(d, i, tierDefaults)),
      tierDefaults,
      ...(latencyMs !== undefined ? { latencyMs } : {}),
    },
  };
}
