/**
 * The call-graph section of the pull-request report: one row per call of each service (the
 * comment shows a service's rows in its block when the change touches it), with the timeout, the
 * tries and the largest amplification of any path through the call.
 */

import type { ReportSection } from "../../core/module.js";
import { formatDuration } from "../../core/units.js";
import { pathAmplification, paths } from "./budget.js";
import { planCallGraph, targetOf } from "./graph.js";

/** The section. */
export const CALL_GRAPH_SECTION: ReportSection = {
  title: "Calls: timeouts and retries",
  head: ["service", "calls", "timeout", "tries × per try", "retry on", "worst path amplification / bound"],
  rows: (plan) => {
    const graph = planCallGraph(plan);
    const all = paths(graph);
    return plan.services.flatMap((s) =>
      (graph.get(s.service) ?? []).map((c) => {
        const through = all.filter((p) => p.includes(c)).map((p) => pathAmplification(p.slice(0, p.indexOf(c) + 1)));
        const bound = s.analysis.resilience?.maxAmplification ?? 0;
        return [
          s.service,
          targetOf(c),
          formatDuration(c.timeoutMs),
          `${1 + c.attempts} × ${formatDuration(c.perTryTimeoutMs)}`,
          c.attempts > 0 ? c.retryOn.join(", ") : "no retry",
          `${Math.max(1, ...through)}× / ${bound}×`,
        ];
      }),
    );
  },
};
