import { describe, expect, it } from "vitest";
import { importOpenSlo } from "../../components/import/openslo.js";
import { importSloth } from "../../components/import/sloth.js";
import { exampleStack } from "../support/project.js";
import { burnAlertPairs, fixture, planImported } from "./support.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The factor Sloth alerts at for a window pair: the hours that spend `budgetPercent` of the budget
 * over the SLO period, divided by the long window's hours (Sloth's `getBurnRateFactor`).
 */
function slothFactor(budgetPercent: number, periodMs: number, longMs: number): number {
  return Number(((budgetPercent * periodMs) / HOUR / 100 / (longMs / HOUR)).toPrecision(12));
}

/** Sloth's google-30d windows: severity, long/short, budget percent, long window in ms. */
const SLOTH_30D = [
  ["critical", "1h/5m", 2, HOUR],
  ["critical", "6h/30m", 5, 6 * HOUR],
  ["warning", "1d/2h", 10, DAY],
  ["warning", "3d/6h", 10, 3 * DAY],
] as const;

describe("the burn-rate alerts planned from an imported Sloth spec", () => {
  it.each(["getting-started.yml", "kubernetes-apiserver.yml", "home-wifi.yml"])(
    "fire at the factors Sloth would generate for %s (page 14.4× over 1h/5m and 6× over 6h/30m, ticket 3× over 1d/2h and 1× over 3d/6h)",
    (name) => {
      const plan = planImported(importSloth(name, fixture(`test/fixtures/import/sloth/${name}`)), exampleStack("prod"));
      const expected = SLOTH_30D.map(([severity, windows, percent, long]) => ({
        severity,
        windows,
        factor: slothFactor(percent, 30 * DAY, long),
      }));
      expect(expected.map((e) => e.factor)).toEqual([14.4, 6, 3, 1]);
      expect(burnAlertPairs(plan)).toEqual(expected);
    },
  );

  it("keep only the ticket pairs when Sloth's page alert is disabled", () => {
    const text = fixture("test/fixtures/import/sloth/getting-started.yml").replace(
      "page_alert:\n",
      "page_alert:\n        disable: true\n",
    );
    const pairs = burnAlertPairs(planImported(importSloth("x.yml", text), exampleStack("prod")));
    expect(pairs.map((p) => `${p.severity} ${p.windows} ${p.factor}`)).toEqual(["warning 1d/2h 3", "warning 3d/6h 1"]);
  });
});

describe("the burn-rate alerts planned from an imported OpenSLO SLO", () => {
  it("fire at the thresholds of its burn-rate alert conditions, over their lookback windows", () => {
    const result = importOpenSlo("x.yaml", fixture("test/fixtures/import/openslo/checkout-burn-rates.yaml"));
    expect(burnAlertPairs(planImported(result, exampleStack("prod")))).toEqual([
      { severity: "critical", windows: "1h/5m", factor: 14.4 },
      { severity: "critical", windows: "6h/30m", factor: 6 },
      { severity: "warning", windows: "1d/2h", factor: 3 },
      { severity: "warning", windows: "3d/6h", factor: 1 },
    ]);
  });

  it.each(["28d", "7d"])("keep the condition's threshold whatever the SLO window (%s)", (window) => {
    const text = fixture("test/fixtures/import/openslo/checkout-burn-rates.yaml").replace(
      "duration: 30d",
      `duration: ${window}`,
    );
    const pairs = burnAlertPairs(planImported(importOpenSlo("x.yaml", text), exampleStack("prod")));
    expect(pairs.find((p) => p.windows === "1h/5m")?.factor).toBe(14.4);
    expect(pairs.find((p) => p.windows === "1d/2h")?.factor).toBe(3);
  });
});
