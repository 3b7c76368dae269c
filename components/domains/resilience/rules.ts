/**
 * The resilience policies: settings that can work but invite an outage (retry storms, retried
 * non-idempotent calls, outlier detection that empties a callee, a critical path through a lower
 * tier). They read the planner's analysis, so the offline check and `reliability graph` agree.
 * Each finding is at the caller's dependency entry and names the other end of the edge: the callee's
 * `metadata.name` as a related field (and, for amplification, the calls before it on the path).
 */

import { z } from "zod";
import { TIERS } from "../../core/spec/service.js";
import { formatPath } from "../../core/spec/validate.js";
import { must, serviceRule, stackRule } from "../../core/policy/framework.js";
import type { Finding, RelatedField, ServiceSubject, StackSubject } from "../../core/policy/types.js";
import { callPath, pathAmplification, paths, type CallGraph } from "./budget.js";
import { MESH_DEFAULTS } from "./defaults.js";
import { amplifies } from "./derive.js";
import { meshSelectsEndpoint } from "./rules-egress.js";
import type { CallBudget } from "./types.js";

const calls = (service: ServiceSubject): readonly CallBudget[] => service.analysis?.resilience?.calls ?? [];
const at = (call: CallBudget, field?: string) => formatPath(callPath(call, field));
const callee = (call: CallBudget) =>
  call.callee ? `${call.callee.service} (${call.callee.file})` : `${call.kind} ${call.name}`;

/** The callee's end of a call, when it is a service of the stack: its `metadata.name`. */
const calleeEnd = (call: CallBudget): RelatedField[] =>
  call.callee ? [{ service: call.callee.service, path: "metadata.name" }] : [];

/** The call graph of a stack, as the plan's analysis holds it. */
export function graphOf(stack: StackSubject): CallGraph {
  return new Map(stack.services.map((s) => [s.service, calls(s)]));
}

/** Pods an outlier detector may eject at once: the share, rounded down, but at least one (Envoy always ejects one). */
export function ejectablePods(replicas: number, maxEjectionPercent: number): number {
  return Math.max(1, Math.floor((replicas * maxEjectionPercent) / 100));
}

/** The product of tries along any path stays within the bound. */
export const retryAmplification = stackRule("resilience", {
  name: "retry-amplification-bounded",
  fix: `Lower spec.dependencies[].retries.attempts on the calls of the path (retry at one layer only, e.g. attempts: 0 on the inner calls).`,
  anchor: `SRE book, "Handling Overload": at most 3 attempts per request, retry at one layer only.`,
  description: `Along every path of the call graph, the product of tries that reach the failing callee is at most the stack's maxAmplification (${MESH_DEFAULTS.maxAmplification} by default).`,
  config: z.object({}),
  enforcement: "production",
  reads: () => undefined,
  check: (stack) => {
    const graph = graphOf(stack);
    const bounds = new Map(stack.services.map((s) => [s.service, s.analysis?.resilience?.maxAmplification]));
    const flagged = new Map<CallBudget, Finding>();
    for (const path of paths(graph)) {
      const bound = path[0] && bounds.get(path[0].from);
      let product = 1;
      for (const call of path) {
        product *= call.amplification;
        if (bound === undefined || product <= bound || flagged.has(call)) continue;
        flagged.set(call, {
          service: call.from,
          path: at(call, "retries"),
          message: must(
            `The call from ${call.from} to ${callee(call)}`,
            `keep the tries along ${path.map((c) => c.from).join(" → ")} → ${call.name} within ${bound}×, got ${pathAmplification(path.slice(0, path.indexOf(call) + 1))}×; retry at one layer only (retryOn connect-failure, refused-stream elsewhere)`,
            "retries multiply across layers and turn one failing leaf into a retry storm that keeps it down",
          ),
          related: [
            ...path.slice(0, path.indexOf(call)).map((c) => ({ service: c.from, path: at(c, "retries") })),
            ...calleeEnd(call),
          ],
        });
        break;
      }
    }
    return [...flagged.values()];
  },
});

/** Only idempotent calls are retried on conditions that reach the application. */
export const retryIdempotent = serviceRule("resilience", {
  name: "retry-only-idempotent",
  fix: `Set spec.dependencies[].retries.retryOn to connect-failure,refused-stream, or declare idempotent: true when the call is safe to repeat.`,
  anchor: `AWS Builders' Library, "Timeouts, retries and backoff with jitter": retry only idempotent calls.`,
  description:
    "A call that is not idempotent is retried only on connect-failure or refused-stream (the request never reached the application).",
  config: z.object({}),
  enforcement: "production",
  check: (service) =>
    calls(service)
      .filter((c) => c.attempts > 0 && !c.idempotent && amplifies(c.retryOn))
      .map((c) => ({
        path: at(c, "retries"),
        message: must(
          `The call from ${service.service} to ${callee(c)}`,
          `retry only on connect-failure or refused-stream, or be declared idempotent, got retryOn ${c.retryOn.join(",")} on a call that is not idempotent`,
          "a retried request that already reached the application runs twice (a second charge, a duplicate order)",
        ),
        related: calleeEnd(c),
      })),
});

/** A call's retry budget stays within the limit. */
export const retryBudget = serviceRule("resilience", {
  name: "retry-budget-bounded",
  fix: `Lower spec.dependencies[].retries.budgetPercent to at most the bound (e.g. 10).`,
  anchor: `SRE book: a 10% per-client retry budget; Envoy retry budget default 20%.`,
  description: `At most ${MESH_DEFAULTS.maxBudgetPercent}% of a callee's active requests may be retries.`,
  config: z.object({ maxPercent: z.number().int().min(1).max(100).default(MESH_DEFAULTS.maxBudgetPercent) }),
  check: (service, config) =>
    calls(service)
      .filter((c) => c.budgetPercent > config.maxPercent)
      .map((c) => ({
        path: at(c, "retries"),
        message: must(
          `The call from ${service.service} to ${callee(c)}`,
          `keep retries within ${config.maxPercent}% of active requests, got budgetPercent ${c.budgetPercent}`,
          "a larger budget lets retries crowd out first tries when the callee is already struggling",
        ),
        related: calleeEnd(c),
      })),
});

/** Outlier detection never removes more of a callee than its PDB allows, nor all of it. */
export const ejectionWithinPdb = serviceRule("resilience", {
  name: "ejection-within-disruption-budget",
  fix: `Lower spec.dependencies[].circuitBreaker.maxEjectionPercent, or raise the callee's replicas so its PDB allows one pod out.`,
  anchor: `Istio outlier detection: Envoy always ejects at least one host; panic threshold 50%.`,
  description:
    "A call's outlier detection can eject at most the pods the callee's PodDisruptionBudget allows unavailable, and never all of them.",
  config: z.object({}),
  check: (service) =>
    calls(service).flatMap((c): Finding[] => {
      const to = c.callee;
      if (!to) return [];
      const pods = ejectablePods(to.replicas, c.circuitBreaker.maxEjectionPercent);
      if (pods <= to.disruptionsAllowed && pods < to.replicas) return [];
      return [
        {
          path: at(c, "circuitBreaker"),
          message: must(
            `The circuit breaker of ${service.service}'s call to ${callee(c)}`,
            `eject at most ${Math.min(to.disruptionsAllowed, to.replicas - 1)} of its ${to.replicas} pods (its PodDisruptionBudget allows ${to.disruptionsAllowed} unavailable), got ${pods} at maxEjectionPercent ${c.circuitBreaker.maxEjectionPercent} (Envoy ejects at least one)`,
            "ejected pods are unavailable to this caller just like evicted ones, and ejecting every pod turns a partial failure into an outage",
          ),
          related: calleeEnd(c),
        },
      ];
    }),
});

/** A critical service does not depend, without a fallback, on a lower tier. */
export const criticalDependencyTier = serviceRule("resilience", {
  name: "critical-dependency-tier",
  fix: `Raise the dependency's metadata.tier to critical, or declare spec.dependencies[].fallback for the call.`,
  anchor: `SRE workbook, "Managing critical state": a critical service is only as available as its critical dependencies.`,
  description: "A critical service's dependency without a fallback is itself critical.",
  config: z.object({}),
  check: (service) =>
    service.tier !== "critical"
      ? []
      : calls(service)
          .filter(
            (c) => c.callee && c.fallback === undefined && TIERS.indexOf(c.callee.tier) > TIERS.indexOf("critical"),
          )
          .map((c) => ({
            path: at(c),
            message: must(
              `The critical service ${service.service}'s call to ${callee(c)}`,
              `declare a fallback (another dependency or a degraded mode), or call a critical service, got a ${c.callee?.tier ?? ""} service without a fallback`,
              "a critical service is only as available as the least available dependency it cannot do without",
            ),
            related: calleeEnd(c),
          })),
});

/** The resilience rules. */
export const RESILIENCE_RULES = [
  retryAmplification,
  retryIdempotent,
  retryBudget,
  ejectionWithinPdb,
  criticalDependencyTier,
  meshSelectsEndpoint,
];
