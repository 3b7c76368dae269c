/**
 * `page-guard-reachable` and `spec.indicators.lowestRequestsPerSecond`: the pages' low-traffic guard
 * is compared with the traffic a service declares for its quietest hour, on the rendered
 * PrometheusRule, offline and through the pack.
 */

import { describe, expect, it } from "vitest";
import type { Plan } from "../../components/core/plan/types.js";
import { pageGuardReachable } from "../../components/domains/alerts/rules-traffic.js";
import {
  guardReachable,
  largestReachableGuard,
  LOWEST_TRAFFIC_ANNOTATION,
  pageGuards,
} from "../../components/domains/alerts/traffic.js";
import { checkPlan } from "../../policies/run.js";
import { baseSpec, exampleStack, loadObject, planObject, setPath } from "../support/project.js";
import { expectBaselineClean, itReportsEachCase, type RuleCase } from "./cases.js";
import { cachedBaseline, hitsAfter, resource, setProp } from "./support.js";

const RULE = "checkout/us-east-1/PrometheusRule";
const prod = exampleStack("prod");

/** Declares `rps` as checkout's lowest traffic on its us-east-1 PrometheusRule. */
function declare(plan: Plan, rps: string): void {
  const metadata = resource(plan, RULE).props["metadata"] as Record<string, unknown>;
  metadata["annotations"] = { ...(metadata["annotations"] as object), [LOWEST_TRAFFIC_ANNOTATION]: rps };
}

/** A standard-tier spec with an availability SLO and routing, with `indicators` and `alerting` extras. */
function sloSpec(indicators: Record<string, unknown>, alerting: Record<string, unknown> = {}): Record<string, unknown> {
  const spec = baseSpec();
  setPath(spec, "spec.indicators", {
    availability: {
      errors: 'sum(rate(req_total{code=~"5.."}[{{window}}]))',
      total: "sum(rate(req_total[{{window}}]))",
    },
    ...indicators,
  });
  setPath(spec, "spec.alerting", {
    page: { receiver: "pager-catalog" },
    ticket: { receiver: "chat-catalog" },
    runbook: "https://runbooks.example/orders",
    ...alerting,
  });
  return spec;
}

/** The page expression planned for a spec. */
function pageExpr(spec: Record<string, unknown>): string {
  const rule = planObject(spec, prod).services[0]?.resources.find((r) => r.type.endsWith(":PrometheusRule"));
  const groups = (rule?.props as { spec: { groups: { rules: Record<string, unknown>[] }[] } }).spec.groups;
  const page = groups
    .flatMap((g) => g.rules)
    .find(
      (r) => r["alert"] === "ErrorBudgetBurn" && (r["labels"] as Record<string, string>)["severity"] === "critical",
    );
  return String(page?.["expr"]);
}

describe("the low-traffic guard read back from a planned page", () => {
  it.each([
    [{}, [300, 1800], 3],
    [{ minFailedRequests: 10 }, [300, 1800], 10],
    [{ minFailedRequests: 0 }, [], 0],
  ])("with alerting %j has one guard per page pair over %j seconds", (alerting, seconds, min) => {
    const guards = pageGuards(pageExpr(sloSpec({}, alerting)));
    expect(guards).toEqual(seconds.map((shortSeconds) => ({ shortSeconds, minFailed: min })));
  });

  it.each([
    [0.01, 300, 3, true, 3],
    [0.005, 300, 3, false, 1],
    [0.005, 1800, 3, true, 9],
    [0.002, 300, 1, false, 0],
    [2, 300, 3, true, 600],
  ])("at %d requests/s a %ds window reaching %d failures is %s; largest guard %d", (rps, s, min, ok, largest) => {
    const guard = { shortSeconds: s, minFailed: min };
    expect(guardReachable(guard, rps)).toBe(ok);
    expect(largestReachableGuard([guard], rps)).toBe(largest);
  });
});

describe("spec.indicators.lowestRequestsPerSecond", () => {
  it("is written on the PrometheusRule as an annotation, and absent when not declared", () => {
    const annotations = (spec: Record<string, unknown>) =>
      planObject(spec, prod)
        .services[0]?.resources.filter((r) => r.type.endsWith(":PrometheusRule"))
        .map((r) => (r.props["metadata"] as { annotations?: Record<string, string> }).annotations);
    expect(annotations(sloSpec({ lowestRequestsPerSecond: 0.25 }))).toEqual([{ [LOWEST_TRAFFIC_ANNOTATION]: "0.25" }]);
    expect(annotations(sloSpec({}))).toEqual([undefined]);
  });

  it.each([
    [0, "must be a number of requests per second greater than 0"],
    ["a lot", "must be a number of requests per second greater than 0"],
  ])("refuses %j at its field path", (value, message) => {
    const { diagnostics } = loadObject(sloSpec({ lowestRequestsPerSecond: value }), prod);
    expect(diagnostics.map((d) => `${d.path}: ${d.message}`).join("\n")).toContain(
      `spec.indicators.lowestRequestsPerSecond: ${message}`,
    );
  });

  it("refuses it beside indicators.none, which counts no requests", () => {
    const spec = setPath(baseSpec(), "spec.indicators", { none: { reason: "batch job" }, lowestRequestsPerSecond: 1 });
    const { diagnostics } = loadObject(spec, prod);
    expect(diagnostics.map((d) => d.message).join("\n")).toContain(
      "must not set lowestRequestsPerSecond together with none",
    );
  });
});

const base = { rule: pageGuardReachable, resource: RULE, level: "mandatory", inPack: true } as const;

const CASES: readonly RuleCase[] = [
  {
    ...base,
    name: "a declared lowest traffic at which the 5m page pair cannot reach its guard",
    change: (p) => declare(p, "0.005"),
    unknownAt: [RULE, "spec.groups"],
    says: "got 3 within 5m (at most 1.5 requests arrive)",
  },
  {
    ...base,
    name: "a declared lowest traffic at which no page pair reaches its guard",
    change: (p) => declare(p, "0.001"),
    unknownAt: [RULE, "metadata.annotations"],
    says: "no page can ever fire at the quietest hour",
  },
];

describe("page-guard-reachable", () => {
  it("passes the example prod plan, whose checkout declares 2 requests/s, offline and in the pack", async () => {
    const annotations = resource(cachedBaseline().plan, RULE).props["metadata"] as { annotations?: object };
    expect(annotations.annotations).toEqual({ [LOWEST_TRAFFIC_ANNOTATION]: "2" });
    await expectBaselineClean(pageGuardReachable);
  });

  itReportsEachCase(CASES);

  it("names the largest guard every page pair reaches as the fix", () => {
    const { plan, facts } = cachedBaseline();
    declare(plan, "0.005");
    const fixes = checkPlan(plan, { facts }).filter((v) => v.policy === pageGuardReachable.name);
    expect(fixes.map((v) => [v.path, v.fix])).toContainEqual([
      "spec.alerting.minFailedRequests",
      "Set spec.alerting.minFailedRequests to at most 1 (the largest guard every page pair reaches at 0.005 requests/s), or lengthen the short window of the page pairs in spec.objectives.burnRates.",
    ]);
    declare(plan, "0.001");
    const off = checkPlan(plan, { facts }).find((v) => v.policy === pageGuardReachable.name);
    expect(off?.fix).toContain("Set spec.alerting.minFailedRequests: 0 (turns the guard off)");
  });

  it("is silent when the traffic is not declared or the guard is off", () => {
    expect(hitsAfter("prod", pageGuardReachable, (p) => setProp(p, RULE, "metadata.annotations", undefined))).toEqual(
      [],
    );
    expect(
      hitsAfter("prod", pageGuardReachable, (p) => {
        declare(p, "0.001");
        const groups = (resource(p, RULE).props as { spec: { groups: { rules: Record<string, unknown>[] }[] } }).spec
          .groups;
        for (const r of groups.flatMap((g) => g.rules))
          if (typeof r["expr"] === "string") r["expr"] = r["expr"].replace(/\) \* \d+ >= \d+/g, ")");
      }),
    ).toEqual([]);
  });

  it("advises for a standard-tier service in production", () => {
    const key = "inventory/us-east-1/PrometheusRule";
    const change = (p: Plan) => {
      const metadata = resource(p, key).props["metadata"] as Record<string, unknown>;
      metadata["annotations"] = { [LOWEST_TRAFFIC_ANNOTATION]: "0.005" };
    };
    expect(hitsAfter("prod", pageGuardReachable, change)).toEqual([[key, "advisory"]]);
  });
});
