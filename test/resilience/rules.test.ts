import { describe, expect, it } from "vitest";
import { RESILIENCE_RULES } from "../../components/domains/resilience/rules.js";
import { checkPlan } from "../../policies/run.js";
import { calls, planNodes, type Node } from "./support.js";

/** A clean three-layer graph: front → middle → back, each a GET. */
function baseline(): Node[] {
  return [
    { name: "front", latency: "2s", dependencies: [calls("middle", { method: "GET" })] },
    { name: "middle", latency: "500ms", dependencies: [calls("back", { method: "GET" })] },
    { name: "back", latency: "100ms" },
  ];
}

function edit(nodes: Node[], name: string, dependency: Record<string, unknown>, replicas?: number): Node[] {
  return nodes.map((n) =>
    n.name === name
      ? { ...n, dependencies: (n.dependencies ?? []).map((d) => ({ ...d, ...dependency })) }
      : replicas !== undefined && n.dependencies === undefined
        ? { ...n, replicas }
        : n,
  );
}

function violations(nodes: readonly Node[]) {
  return checkPlan(planNodes(nodes), { rules: RESILIENCE_RULES }).map((v) => `${v.policy} ${v.service} ${v.path}`);
}

const RETRY_5XX = { retries: { retryOn: ["5xx"], attempts: 1, perTryTimeout: "200ms" } };

describe("the resilience policies, each from a clean graph with one change", () => {
  it("pass the clean graph", () => {
    expect(violations(baseline())).toEqual([]);
  });

  it.each([
    [
      "flags the call where retries on two layers multiply past the bound",
      edit(
        edit(baseline(), "front", { retries: { retryOn: ["5xx"], attempts: 1, perTryTimeout: "900ms" } }),
        "middle",
        RETRY_5XX,
      ),
      ["retry-amplification-bounded middle spec.dependencies[0].retries"],
    ],
    [
      "flags a call that is not idempotent retried on 5xx",
      edit(baseline(), "middle", { method: "POST", ...RETRY_5XX }),
      ["retry-only-idempotent middle spec.dependencies[0].retries"],
    ],
    [
      "flags a retry budget above 20%",
      edit(baseline(), "middle", { retries: { budgetPercent: 50 } }),
      ["retry-budget-bounded middle spec.dependencies[0].retries"],
    ],
    [
      "flags outlier detection that can eject every pod of a 2-replica callee",
      edit(baseline(), "middle", { circuitBreaker: { maxEjectionPercent: 100 } }, 2),
      ["ejection-within-disruption-budget middle spec.dependencies[0].circuitBreaker"],
    ],
    [
      "flags outlier detection that ejects more pods than the callee's disruption budget allows",
      edit(baseline(), "middle", { circuitBreaker: { maxEjectionPercent: 60 } }, 5),
      ["ejection-within-disruption-budget middle spec.dependencies[0].circuitBreaker"],
    ],
  ] as const)("%s", (_name, nodes, expected) => {
    expect(violations(nodes)).toEqual(expected);
  });

  it("flags a critical service calling a lower tier without a fallback, and not with one", () => {
    const nodes = (fallback?: object): Node[] => [
      { name: "front", tier: "critical", latency: "1s", dependencies: [calls("back", fallback ? { fallback } : {})] },
      { name: "back" },
    ];
    expect(violations(nodes())).toEqual(["critical-dependency-tier front spec.dependencies[0]"]);
    expect(violations(nodes({ degraded: "serve the cached price" }))).toEqual([]);
  });

  it("names the callee's spec file in the message, the other end of the call", () => {
    const plan = planNodes(edit(baseline(), "middle", { retries: { budgetPercent: 50 } }));
    const [v] = checkPlan(plan, { rules: RESILIENCE_RULES });
    expect(v?.message).toContain("back (services/back.yaml)");
  });
});
