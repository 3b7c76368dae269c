import { describe, expect, it } from "vitest";
import { promqlProblems } from "../../components/domains/alerts/promql.js";
import { planExamples, STACKS } from "../support/project.js";
import { dashboardMaps, dashboardOf, queriesOf } from "./support.js";

const queries = STACKS.flatMap((stack) =>
  dashboardMaps(planExamples(stack).plan).flatMap((m) =>
    queriesOf(dashboardOf(m)).map((q) => [`${m.service} in ${m.region} (${stack}): ${q.where}`, q.expr] as const),
  ),
);

describe("every PromQL query of the example dashboards", () => {
  it("is there to check: panels and annotations of every dashboard", () => {
    expect(queries.length).toBeGreaterThan(50);
    expect(queries.some(([where]) => where.includes("annotation Chaos runs"))).toBe(true);
  });

  it.each(queries)("parses for Prometheus 2.42: %s", (_where, expr) => {
    expect(promqlProblems(expr)).toEqual([]);
  });

  it("would be caught when it does not parse", () => {
    expect(promqlProblems('1 - slo:sli_error:ratio_rate5m{service="checkout"')).not.toEqual([]);
  });
});

describe("the SLO queries of the example dashboards", () => {
  it.each(queries.filter(([where]) => / SLI | burn rate | error budget /.test(where)))(
    "read only the alerts' recording rules: %s",
    (_where, expr) => {
      const metrics = expr.match(/[a-zA-Z_:][a-zA-Z0-9_:]*(?=\{)/g) ?? [];
      expect(metrics.length).toBeGreaterThan(0);
      for (const m of metrics) expect(m).toMatch(/^slo:sli_(error:ratio_rate|error:rate|total:rate)\d+[mhd]$/);
    },
  );
});
