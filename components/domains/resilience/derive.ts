/**
 * The call graph of a stack and the effective settings of each call. What a spec leaves out is
 * derived: the per-try timeout from the callee's latency objective, the route timeout from the
 * caller's own objective and from the deadline its own callers give it, the retry count from what fits
 * in the route timeout. Callers are derived before their callees, so deadlines only shrink along a
 * path. Pure.
 */

import type { ResolvedService } from "../../core/spec/service.js";
import { RESILIENCE_DEFAULTS } from "./defaults.js";
import type { DeclaredCall } from "./resolved.js";
import { SAFE_RETRY_CONDITIONS, type RetryCondition } from "./schema.js";
import type { CallBudget, CalleeFacts, EndpointFacts } from "./types.js";

/** The longest total backoff Envoy can wait over `attempts` retries: each wait is at most (2^n − 1) base intervals, capped. */
export function worstBackoffMs(attempts: number, baseMs: number): number {
  let total = 0;
  for (let n = 1; n <= attempts; n++)
    total += Math.min((2 ** n - 1) * baseMs, RESILIENCE_DEFAULTS.backoffCapFactor * baseMs);
  return total;
}

/** Longest the tries and waits of a call can take, milliseconds. */
export function worstCaseMs(attempts: number, perTryMs: number, backoffMs: number): number {
  return (1 + attempts) * perTryMs + worstBackoffMs(attempts, backoffMs);
}

/** Whether retrying on these conditions sends the request to the callee's application again. */
export function amplifies(retryOn: readonly RetryCondition[]): boolean {
  return retryOn.some((c) => !SAFE_RETRY_CONDITIONS.includes(c));
}

/** The facts of a callee the checks compare a call against. */
export function calleeFacts(s: ResolvedService): CalleeFacts {
  return {
    service: s.name,
    file: s.file,
    tier: s.tier,
    replicas: s.workload.minReplicas,
    disruptionsAllowed: s.workload.disruptionsAllowed,
    ...(s.resilience.latencyMs !== undefined ? { latencyMs: s.resilience.latencyMs } : {}),
    namespace: s.namespace,
    port: s.workload.port,
    protocol: s.workload.protocol,
    regions: s.regions,
  };
}

/** Services in an order where every caller comes before its callees (services on a cycle come last, in spec order). */
export function callersFirst(services: readonly ResolvedService[]): ResolvedService[] {
  const byName = new Map(services.map((s) => [s.name, s]));
  const incoming = new Map(services.map((s) => [s.name, 0]));
  for (const s of services)
    for (const c of s.resilience.calls)
      if (c.service !== undefined && byName.has(c.service)) incoming.set(c.service, (incoming.get(c.service) ?? 0) + 1);
  const ready = services.filter((s) => incoming.get(s.name) === 0);
  const out: ResolvedService[] = [];
  for (let next = ready.shift(); next !== undefined; next = ready.shift()) {
    out.push(next);
    for (const c of next.resilience.calls) {
      const callee = c.service === undefined ? undefined : byName.get(c.service);
      if (!callee) continue;
      const left = (incoming.get(callee.name) ?? 0) - 1;
      incoming.set(callee.name, left);
      if (left === 0) ready.push(callee);
    }
  }
  return [...out, ...services.filter((s) => !out.includes(s))];
}

/** The route timeout of a call and where it comes from. */
function routeTimeout(caller: ResolvedService, call: DeclaredCall, deadlineMs: number | undefined) {
  if (call.timeoutMs !== undefined) return { ms: call.timeoutMs, derived: [] };
  const own = caller.resilience.latencyMs;
  const base = own ?? caller.resilience.tierDefaults.timeoutMs;
  const from = own !== undefined ? `${caller.name}'s latency objective` : `the ${caller.tier} tier default`;
  const kept =
    deadlineMs === undefined ? base : Math.min(base, Math.floor(deadlineMs * (1 - RESILIENCE_DEFAULTS.deadlineMargin)));
  const why =
    kept < base
      ? `${Math.round((1 - RESILIENCE_DEFAULTS.deadlineMargin) * 100)}% of the ${deadlineMs}ms its callers allow ${caller.name}`
      : from;
  return { ms: kept, derived: [`timeout from ${why}`] };
}

/** The per-try timeout of a call and where it comes from. */
function perTryTimeout(caller: ResolvedService, call: DeclaredCall, callee: CalleeFacts | undefined, routeMs: number) {
  if (call.perTryTimeoutMs !== undefined) return { ms: call.perTryTimeoutMs, derived: [] };
  const objective = callee?.latencyMs;
  const base =
    objective !== undefined
      ? objective * RESILIENCE_DEFAULTS.perTryFactor
      : caller.resilience.tierDefaults.perTryTimeoutMs;
  const from =
    objective !== undefined
      ? `${RESILIENCE_DEFAULTS.perTryFactor}× ${callee?.service ?? ""}'s latency objective`
      : `the ${caller.tier} tier default`;
  return {
    ms: Math.min(base, routeMs),
    derived: [`perTryTimeout from ${from}${base > routeMs ? ", cut to the timeout" : ""}`],
  };
}

/** The retries that fit: the declared count, or the most up to the tier's that fit in the timeout. */
function retryCount(caller: ResolvedService, call: DeclaredCall, perTryMs: number, routeMs: number) {
  if (call.attempts !== undefined) return { n: call.attempts, derived: [] };
  let n = caller.resilience.tierDefaults.attempts;
  while (n > 0 && worstCaseMs(n, perTryMs, call.backoffMs) > routeMs) n--;
  return {
    n,
    derived: [`attempts: the most of the tier's ${caller.resilience.tierDefaults.attempts} that fit in the timeout`],
  };
}

/**
 * The backoff base the mesh will apply to a call, and why when it is not the spec's: the budget is
 * checked with the interval the retries will really wait.
 */
export type BackoffOf = (call: DeclaredCall) => { readonly ms: number; readonly derived?: string };

const declaredBackoff: BackoffOf = (call) => ({ ms: call.backoffMs });

/** The endpoint of a call to a database or an external endpoint. */
function endpointOf(call: DeclaredCall): EndpointFacts | undefined {
  if (call.protocol === undefined) return undefined;
  return {
    host: call.host ?? call.name,
    ...(call.port !== undefined ? { port: call.port } : {}),
    protocol: call.protocol,
  };
}

/** The effective settings of one call. */
export function callBudget(
  caller: ResolvedService,
  declared: DeclaredCall,
  callee: CalleeFacts | undefined,
  deadlineMs: number | undefined,
  backoffOf: BackoffOf = declaredBackoff,
): CallBudget {
  const backoff = backoffOf(declared);
  const call = { ...declared, backoffMs: backoff.ms };
  const endpoint = endpointOf(call);
  const route = routeTimeout(caller, call, deadlineMs);
  const perTry = perTryTimeout(caller, call, callee, route.ms);
  const counted = retryCount(caller, call, perTry.ms, route.ms);
  // With no retry left, the one try may use the whole timeout.
  const single = counted.n === 0 && call.perTryTimeoutMs === undefined;
  const tries = single ? { ms: route.ms, derived: ["perTryTimeout: the whole timeout (no retry)"] } : perTry;
  const retries = counted;
  const fallback = call.fallback?.dependency ?? call.fallback?.degraded;
  return {
    from: caller.name,
    name: call.name,
    index: call.index,
    kind: call.kind,
    ...(callee ? { callee } : {}),
    ...(endpoint ? { endpoint } : {}),
    timeoutMs: route.ms,
    perTryTimeoutMs: tries.ms,
    attempts: retries.n,
    retryOn: call.retryOn,
    backoffMs: call.backoffMs,
    worstBackoffMs: worstBackoffMs(retries.n, call.backoffMs),
    worstCaseMs: worstCaseMs(retries.n, tries.ms, call.backoffMs),
    amplification: amplifies(call.retryOn) ? 1 + retries.n : 1,
    idempotent: call.idempotent,
    budgetPercent: call.budgetPercent,
    circuitBreaker: call.circuitBreaker,
    ...(fallback !== undefined ? { fallback } : {}),
    derived: [...route.derived, ...tries.derived, ...retries.derived, ...(backoff.derived ? [backoff.derived] : [])],
  };
}

/** Every call of every service, callers derived before their callees; keyed by caller, in spec order. */
export function deriveCalls(
  services: readonly ResolvedService[],
  backoffOf: BackoffOf = declaredBackoff,
): ReadonlyMap<string, readonly CallBudget[]> {
  const byName = new Map(services.map((s) => [s.name, s]));
  const deadline = new Map<string, number>();
  const out = new Map<string, CallBudget[]>();
  for (const caller of callersFirst(services)) {
    const calls = caller.resilience.calls.map((call) => {
      const target = call.service === undefined ? undefined : byName.get(call.service);
      const budget = callBudget(
        caller,
        call,
        target ? calleeFacts(target) : undefined,
        deadline.get(caller.name),
        backoffOf,
      );
      if (target) deadline.set(target.name, Math.min(deadline.get(target.name) ?? Infinity, budget.timeoutMs));
      return budget;
    });
    out.set(caller.name, calls);
  }
  return new Map(services.map((s) => [s.name, out.get(s.name) ?? []]));
}
