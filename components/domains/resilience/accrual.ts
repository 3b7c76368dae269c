/**
 * Linkerd's circuit breaking (failure accrual) is read from the callee's Service alone, so every
 * caller of a service shares one setting: two callers with different circuit breakers to the same
 * service cannot both be honoured. The plan emits no failure accrual (the Service is the callee's);
 * it refuses callers that disagree, naming both dependency entries and the callee, so the one value
 * the callee's Service carries is the one every caller declared. Pure.
 * @see https://linkerd.io/2-edge/reference/circuit-breaking/
 */

import type { StackIssue } from "../../core/module.js";
import { callPath, type CallGraph } from "./budget.js";
import type { CallBudget } from "./types.js";

const setting = (c: CallBudget) =>
  `consecutiveErrors ${c.circuitBreaker.consecutiveErrors}, ejectionTime ${c.circuitBreaker.ejectionTimeMs / 1000}s`;

/** Callers of one service of the stack whose circuit breakers differ from the first caller's. */
export function failureAccrualConflicts(graph: CallGraph): StackIssue[] {
  const first = new Map<string, CallBudget>();
  const out: StackIssue[] = [];
  for (const call of [...graph.values()].flat()) {
    const callee = call.callee?.service;
    if (callee === undefined) continue;
    const seen = first.get(callee);
    if (!seen) {
      first.set(callee, call);
      continue;
    }
    if (setting(seen) === setting(call)) continue;
    out.push({
      service: call.from,
      path: callPath(call, "circuitBreaker"),
      message: `must match the circuit breaker ${seen.from} declares for ${callee} (spec.dependencies.${seen.index} of ${seen.from}: ${setting(seen)}), because Linkerd reads failure accrual on ${callee}'s Service only, so all its callers share one; got ${setting(call)}`,
      related: [
        { service: seen.from, path: callPath(seen, "circuitBreaker") },
        { service: callee, path: ["metadata", "name"] },
      ],
    });
  }
  return out;
}
