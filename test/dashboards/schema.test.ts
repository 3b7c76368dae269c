import { describe, expect, it } from "vitest";
import { planExamples, STACKS } from "../support/project.js";
import { dashboardMaps, dashboardOf, grafanaValidators, type DashboardJson } from "./support.js";

const grafana = grafanaValidators();

/** Every example service's dashboard of one stack, by `<service> in <region>`. */
function dashboards(stack: string): [string, DashboardJson][] {
  return dashboardMaps(planExamples(stack).plan).map((m) => [`${m.service} in ${m.region}`, dashboardOf(m)]);
}

const cases = STACKS.flatMap((stack) => dashboards(stack).map(([name, d]) => [`${name} (${stack})`, d] as const));

describe("the SLO dashboards of the example services", () => {
  it("exist for checkout in every region of prod", () => {
    expect(cases.map(([name]) => name)).toEqual(
      expect.arrayContaining(["checkout in us-east-1 (prod)", "checkout in eu-west-1 (prod)"]),
    );
  });

  it.each(cases)("of %s are dashboards Grafana's schema accepts", (_name, d) => {
    expect(grafana.dashboard(d), JSON.stringify(grafana.dashboard.errors)).toBe(true);
  });

  it.each(cases)("of %s have panel options and field config their panel type's schema accepts", (_name, d) => {
    for (const panel of d.panels.filter((p) => p.type !== "row")) {
      const options = grafana.options[panel.type];
      expect(options, `no schema for ${panel.type}`).toBeDefined();
      expect(options?.(panel.options), `${panel.title}: ${JSON.stringify(options?.errors)}`).toBe(true);
      const custom = grafana.fieldConfig[panel.type];
      if (custom)
        expect(custom(panel.fieldConfig?.defaults.custom), `${panel.title}: ${JSON.stringify(custom.errors)}`).toBe(
          true,
        );
    }
  });

  it.each(cases)("of %s have only Prometheus queries the data-source schema accepts", (_name, d) => {
    for (const target of d.panels.flatMap((p) => p.targets ?? []))
      expect(grafana.query(target), JSON.stringify(grafana.query.errors)).toBe(true);
  });
});

describe("the Grafana schema", () => {
  const [, checkout] = cases[0] ?? ["", undefined];
  it.each([
    ["a misspelt dashboard field", { refresh_rate: "1m" }],
    ["a panel without a type", { panels: [{ title: "x" }] }],
    [
      "a threshold mode Grafana does not know",
      {
        panels: [
          {
            type: "timeseries",
            fieldConfig: { defaults: { thresholds: { mode: "relative", steps: [] } }, overrides: [] },
          },
        ],
      },
    ],
  ])("refuses %s", (_what, change) => {
    expect(grafana.dashboard({ ...checkout, ...change })).toBe(false);
  });

  it("refuses a time series whose threshold style is misspelt", () => {
    expect(grafana.fieldConfig["timeseries"]?.({ thresholdsStyle: { mode: "dotted" } })).toBe(false);
  });
});
