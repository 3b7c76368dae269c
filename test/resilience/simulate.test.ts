import { describe, expect, it } from "vitest";
import { planCallGraph } from "../../components/domains/resilience/graph.js";
import { compare, simulationText } from "../../components/domains/resilience/simulate.js";
import { planExamples } from "../support/project.js";
import { calls, planNodes } from "./support.js";

const graphOf = planCallGraph;

/** edge → api → orders → stock, every call a GET, every service with a latency objective. */
const CHAIN = planNodes([
  { name: "edge", latency: "1s", dependencies: [calls("api", { method: "GET" })] },
  { name: "api", latency: "500ms", dependencies: [calls("orders", { method: "GET" })] },
  { name: "orders", latency: "200ms", dependencies: [calls("stock", { method: "GET" })] },
  { name: "stock", latency: "100ms" },
]);

describe("simulating one request while the leaf of the graph fails", () => {
  it("keeps the load on the failing leaf within the bound with the emitted settings, where Istio's defaults multiply it by 3 per layer", () => {
    const [result] = compare(graphOf(CHAIN), "stock", "istio");
    console.log(simulationText(compare(graphOf(CHAIN), "stock", "istio")));
    expect(result?.ours).toEqual({ amplification: 1, latencyMs: 200, answered: false });
    expect(result?.defaults.amplification).toBe(27);
    expect(result?.defaults.latencyMs).toBe(27 * 30_000 + 9 * 100 + 3 * 100 + 100);
  });

  it("ends the request by the entry's route timeout, however long the leaf stalls", () => {
    for (const stall of [1_000, 30_000, 600_000]) {
      const [result] = compare(graphOf(CHAIN), "stock", "istio", stall);
      expect(result?.ours.latencyMs).toBeLessThanOrEqual(1_000);
      expect(result?.defaults.latencyMs).toBeGreaterThanOrEqual(27 * stall);
    }
  });

  it("stops at a fallback: the example graph answers degraded in 80ms when inventory's database fails", () => {
    const plan = planExamples("prod").plan;
    const comparisons = compare(graphOf(plan), "database:inventory/inventory-db", "istio");
    console.log(simulationText(comparisons));
    expect(comparisons.map((c) => [c.scenario.entry, c.ours, c.defaults])).toEqual([
      [
        "report-worker",
        { amplification: 1, latencyMs: 80, answered: true },
        { amplification: 3, latencyMs: 90_100, answered: true },
      ],
    ]);
  });

  it("is deterministic", () => {
    expect(compare(graphOf(CHAIN), "stock", "linkerd")).toEqual(compare(graphOf(CHAIN), "stock", "linkerd"));
  });
});
