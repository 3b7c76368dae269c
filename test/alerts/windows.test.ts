import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../../components/core/defaults.js";
import { burnWindows, errorBudget, recordedWindows, withWindow } from "../../components/core/windows.js";
import { parseDuration } from "../../components/core/units.js";

const days = (n: number): number => (parseDuration("1d") ?? 0) * n;

describe("burn-rate windows", () => {
  it.each([
    [30, [14.4, 6, 2, 1]],
    [28, [13.44, 5.6, 1.86666666667, 0.933333333333]],
    [90, [43.2, 18, 6, 3]],
  ])("derive the factors for a %d-day SLO window from the share of budget each pair may spend", (window, factors) => {
    expect(burnWindows(days(window), DEFAULTS.burnRateAlerts).map((w) => w.factor)).toEqual(factors);
  });

  it("drop a pair whose long window is longer than a 2-day SLO window", () => {
    expect(burnWindows(days(2), DEFAULTS.burnRateAlerts).map((w) => `${w.long}/${w.short}`)).toEqual([
      "1h/5m",
      "6h/30m",
      "1d/2h",
    ]);
  });

  it("record every distinct window once, shortest first", () => {
    expect(recordedWindows(burnWindows(days(30), DEFAULTS.burnRateAlerts))).toEqual([
      "5m",
      "30m",
      "1h",
      "2h",
      "6h",
      "1d",
      "3d",
    ]);
  });

  it.each([
    [99.95, 0.0005],
    [99.9, 0.001],
    [99, 0.01],
  ])("turn a %d% objective into an error budget of %d without floating-point noise", (percent, budget) => {
    expect(errorBudget(percent)).toBe(budget);
  });

  it("substitute every {{window}} placeholder, with or without spaces", () => {
    expect(withWindow("rate(a[{{window}}]) / rate(b[{{ window }}])", "1h")).toBe("rate(a[1h]) / rate(b[1h])");
  });
});
