/**
 * Cross-field checks of one service's calls: a fallback names another declared dependency, and a
 * critical service states the timeout of every call nothing can derive it for (a database or an
 * external endpoint). The checks across services are in `budget.ts`.
 */

import type { SpecCheck, SpecIssue } from "../../core/spec/checks.js";
import { quote } from "../../core/spec/errors.js";

const fallbackNamesDependency: SpecCheck = ({ service }) =>
  service.resilience.calls.flatMap((c): SpecIssue[] => {
    const other = c.fallback?.dependency;
    if (other === undefined) return [];
    const names = service.resilience.calls.filter((d) => d.name !== c.name).map((d) => d.name);
    if (names.includes(other)) return [];
    return [
      {
        path: ["spec", "dependencies", c.index, "fallback", "dependency"],
        message: `must name another dependency declared in spec.dependencies (${names.join(", ") || "none"}), got ${quote(other)}`,
      },
    ];
  });

const criticalTimeoutsDeclared: SpecCheck = ({ service }) =>
  service.tier !== "critical"
    ? []
    : service.resilience.calls
        .filter((c) => c.service === undefined && c.timeoutMs === undefined)
        .map((c) => ({
          path: ["spec", "dependencies", c.index],
          message: `must set timeout for ${c.kind} dependency ${quote(c.name)} of a critical service (no other spec gives its latency to derive it from; choose it from the dependency's p99.9), got no timeout`,
        }));

/** The resilience domain's per-service checks. */
export const resilienceChecks: readonly SpecCheck[] = [fallbackNamesDependency, criticalTimeoutsDeclared];
