/**
 * Property tests over random call graphs: services 0..n-1, each calling some later ones (so the
 * graph has no cycle), with random declared timeouts and retries. Every graph either plans, and then
 * every call fits its tries in its timeout and ends before its caller's deadline; or it is refused,
 * and then a brute-force reading of the same graph finds the broken inequality.
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deriveCalls, worstCaseMs } from "../../components/domains/resilience/derive.js";
import { RESILIENCE_RULES } from "../../components/domains/resilience/rules.js";
import { pathAmplification, paths } from "../../components/domains/resilience/budget.js";
import { toPlan } from "../../components/plan/index.js";
import { checkPlan } from "../../policies/run.js";
import { exampleStack } from "../support/project.js";
import { loadNodes, loadNodesAlone, type Node } from "./support.js";

const STACK = exampleStack("prod");
const NAMES = ["svc-a", "svc-b", "svc-c", "svc-d", "svc-e"];

const call = fc.record(
  {
    timeout: fc.option(fc.integer({ min: 50, max: 3000 }), { nil: undefined }),
    attempts: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    perTry: fc.option(fc.integer({ min: 20, max: 1500 }), { nil: undefined }),
    retry5xx: fc.boolean(),
  },
  { requiredKeys: ["retry5xx"] },
);

const graph = fc
  .record({
    size: fc.integer({ min: 2, max: NAMES.length }),
    latencies: fc.array(fc.option(fc.integer({ min: 50, max: 2000 }), { nil: undefined }), {
      minLength: 5,
      maxLength: 5,
    }),
    edges: fc.array(fc.tuple(fc.nat(4), fc.nat(4), call), { maxLength: 8 }),
  })
  .map(({ size, latencies, edges }): Node[] => {
    const deps = new Map<number, Map<number, Record<string, unknown>>>();
    for (const [a, b, c] of edges) {
      const from = a % size;
      const to = b % size;
      if (from >= to) continue;
      const retries = {
        ...(c.attempts !== undefined ? { attempts: c.attempts } : {}),
        ...(c.perTry !== undefined ? { perTryTimeout: `${c.perTry}ms` } : {}),
        ...(c.retry5xx ? { retryOn: ["5xx"] } : {}),
      };
      const dep = {
        name: NAMES[to],
        kind: "service",
        service: NAMES[to],
        method: "GET",
        ...(c.timeout !== undefined ? { timeout: `${c.timeout}ms` } : {}),
        ...(Object.keys(retries).length > 0 ? { retries } : {}),
      };
      deps.set(from, (deps.get(from) ?? new Map()).set(to, dep));
    }
    return NAMES.slice(0, size).map((name, i) => ({
      name,
      ...(latencies[i] !== undefined ? { latency: `${latencies[i]}ms` } : {}),
      dependencies: [...(deps.get(i)?.values() ?? [])],
    }));
  });

/** The calls whose derived settings break an inequality, found by brute force over every pair of calls. */
function brokenCalls(nodes: readonly Node[]): string[] {
  const derived = [...deriveCalls(loadNodesAlone(nodes).services).values()].flat();
  const broken = new Set<string>();
  for (const c of derived) {
    if (c.worstCaseMs > c.timeoutMs) broken.add(`${c.from} spec.dependencies[${c.index}].retries`);
    for (const into of derived)
      if (into.callee?.service === c.from && into.timeoutMs <= c.timeoutMs)
        broken.add(`${c.from} spec.dependencies[${c.index}].timeout`);
  }
  return [...broken].sort();
}

describe("random call graphs", () => {
  it("plan only when every call fits its tries in its timeout and ends before its caller's deadline, and are refused otherwise", () => {
    fc.assert(
      fc.property(graph, (nodes) => {
        const loaded = loadNodes(nodes, STACK);
        if (loaded.diagnostics.some((d) => !d.path.startsWith("spec.dependencies"))) return;
        if (loaded.diagnostics.length === 0) {
          expect(brokenCalls(nodes)).toEqual([]);
          const plan = toPlan(loaded.services, STACK);
          const all = plan.services.flatMap((s) => s.analysis.resilience?.calls ?? []);
          for (const c of all) {
            expect(worstCaseMs(c.attempts, c.perTryTimeoutMs, c.backoffMs)).toBeLessThanOrEqual(c.timeoutMs);
            for (const into of all.filter((i) => i.callee?.service === c.from))
              expect(c.timeoutMs).toBeLessThan(into.timeoutMs);
          }
          return;
        }
        // Refused: exactly the calls a brute-force reading of the derived graph finds broken.
        const refused = loaded.diagnostics.map((d) => `${d.file.replace(/^services\/|\.yaml$/g, "")} ${d.path}`);
        expect([...new Set(refused)].sort()).toEqual(brokenCalls(nodes));
      }),
      { numRuns: 60, seed: 19 },
    );
  });

  it("report every path whose tries multiply past the bound", () => {
    fc.assert(
      fc.property(graph, (nodes) => {
        const loaded = loadNodes(nodes, STACK);
        if (loaded.diagnostics.length > 0) return;
        const plan = toPlan(loaded.services, STACK);
        const g = new Map(plan.services.map((s) => [s.service, s.analysis.resilience?.calls ?? []]));
        const over = paths(g).filter((p) => pathAmplification(p) > 3);
        const flagged = checkPlan(plan, { rules: RESILIENCE_RULES }).filter(
          (v) => v.policy === "retry-amplification-bounded",
        );
        expect(flagged.length > 0).toBe(over.length > 0);
        for (const p of over)
          expect(
            flagged.some((v) =>
              p.some((c) => c.from === v.service && v.path.startsWith(`spec.dependencies[${c.index}]`)),
            ),
          ).toBe(true);
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
