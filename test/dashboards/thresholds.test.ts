import { describe, expect, it } from "vitest";
import type { Plan } from "../../components/core/plan/types.js";
import { baseSpec, planExamples, planObject, setPath } from "../support/project.js";
import { dashboardMaps, dashboardOf, queriesOf, withDashboards, type DashboardJson } from "./support.js";

interface RuleJson {
  readonly record?: string;
  readonly alert?: string;
  readonly expr: string;
}

/** The SLO rules of a service's PrometheusRule in a region. */
function sloRulesOf(plan: Plan, service: string, region: string): RuleJson[] {
  return plan.services
    .flatMap((s) => s.resources)
    .filter((r) => r.service === service && r.region === region && r.type.endsWith(":PrometheusRule"))
    .flatMap((r) =>
      (r.props as unknown as { spec: { groups: { rules: RuleJson[] }[] } }).spec.groups.flatMap((g) => g.rules),
    );
}

/**
 * The factors each burn-rate alert compares a window pair's ratios with, by `<slo> <long>/<short>`,
 * read from the alert expressions as Prometheus would read them.
 */
function alertFactors(rules: readonly RuleJson[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const ratio = (w: string) => `slo:sli_error:ratio_rate(${w})\\{[^}]*slo="(\\w+)"\\} / [\\d.e-]+ > ([\\d.e-]+)`;
  const pair = new RegExp(`${ratio("\\w+")}\\s+and\\s+${ratio("\\w+")}`, "g");
  for (const rule of rules.filter((r) => r.alert === "ErrorBudgetBurn"))
    for (const [, long, slo, longFactor, short, , shortFactor] of rule.expr.matchAll(pair))
      out.set(`${slo} ${long}/${short}`, [Number(longFactor), Number(shortFactor)]);
  return out;
}

/** Each burn-rate panel's windows and the threshold it draws. */
function drawnThresholds(
  d: DashboardJson,
): { readonly slo: string; readonly windows: string[]; readonly threshold: number }[] {
  return d.panels
    .filter((p) => p.title.includes("burn rate"))
    .map((p) => ({
      slo: (p.title.split(" ")[0] ?? "").toLowerCase(),
      windows: (p.targets ?? []).map((t) => t.legendFormat ?? ""),
      threshold: p.fieldConfig?.defaults.thresholds?.steps[1]?.value ?? Number.NaN,
    }));
}

function expectThresholdsMatch(plan: Plan, service: string): void {
  for (const map of dashboardMaps(plan).filter((m) => m.service === service)) {
    const factors = alertFactors(sloRulesOf(plan, service, map.region));
    const drawn = drawnThresholds(dashboardOf(map));
    expect(factors.size).toBeGreaterThan(0);
    expect(drawn.length).toBe(factors.size);
    for (const panel of drawn)
      expect([panel, factors.get(`${panel.slo} ${panel.windows.join("/")}`)]).toEqual([
        panel,
        [panel.threshold, panel.threshold],
      ]);
  }
}

describe("every burn-rate threshold a dashboard draws", () => {
  it("equals the factor the alert fires above, for checkout's availability and latency in prod", () => {
    expectThresholdsMatch(planExamples("prod").plan, "checkout");
  });

  it("follows the service's own window pairs when its spec sets them", () => {
    const spec = setPath(baseSpec(), "spec.objectives.burnRates", [
      { severity: "page", budgetPercent: 2, long: "1h", short: "5m" },
      { severity: "page", budgetPercent: 5, long: "6h", short: "30m" },
      { severity: "ticket", budgetPercent: 10, long: "1d", short: "2h" },
      { severity: "ticket", budgetPercent: 10, long: "3d", short: "6h" },
    ]);
    const plan = planObject(spec, withDashboards("prod", {}));
    expectThresholdsMatch(plan, "orders");
    const ticket = drawnThresholds(dashboardOf(dashboardMaps(plan)[0]!)).find((p) => p.windows[0] === "1d");
    expect(ticket?.threshold).toBe(3);
  });
});

describe("the SLO queries of a dashboard", () => {
  it("read only series the service's recording rules record", () => {
    const plan = planExamples("prod").plan;
    for (const map of dashboardMaps(plan)) {
      const recorded = new Set(sloRulesOf(plan, map.service, map.region).flatMap((r) => (r.record ? [r.record] : [])));
      const read = queriesOf(dashboardOf(map)).flatMap((q) => q.expr.match(/slo:[a-z_:]+\d+[mhd]/g) ?? []);
      expect(read.length).toBeGreaterThan(0);
      expect(read.filter((m) => !recorded.has(m))).toEqual([]);
    }
  });
});
