import { describe, expect, it } from "vitest";
import { oneRegionStack, chaosSpec, tryPlan } from "./support.js";

function errorsOf(timezone: string, schedule: string): readonly string[] {
  return tryPlan(
    chaosSpec({ timezone, experiments: [{ name: "kill", action: "pod-kill", schedule }] }),
    oneRegionStack("staging"),
  ).errors;
}

/** robfig/cron re-checks the day only when its hour search passes 00:00, so zones whose changes skip midnight misfire. */
describe("planning a cron across daylight-saving changes", () => {
  it.each([
    ["Europe/Berlin", "0 10 * * 2"],
    ["America/New_York", "30 14 * * 1-5"],
    ["UTC", "0 0 * * *"],
    ["Australia/Sydney", "0 10 * * *"],
    ["Europe/Berlin", "0 2 * * 2"],
    ["America/New_York", "0 2 * * 2"],
  ])("accepts in %s %j, which robfig fires as written", (zone, cron) => {
    expect(errorsOf(zone, cron)).toEqual([]);
  });

  it.each([
    ["America/Santiago", "0 10 * * 6", "2026-09-06T13:00:00.000Z"],
    ["Atlantic/Azores", "0 10 * * 6", "2026-03-29T10:00:00.000Z"],
  ])("accepts in %s %j and stops the run robfig adds on the change day (%s)", (zone, cron, extra) => {
    const { plan, errors } = tryPlan(
      chaosSpec({ timezone: zone, experiments: [{ name: "kill", action: "pod-kill", schedule: cron }] }),
      oneRegionStack("staging"),
    );
    expect(errors).toEqual([]);
    const stops = plan?.services[0]?.analysis.chaos?.stops ?? [];
    expect(stops).toContainEqual({
      schedule: "orders-kill",
      from: extra,
      until: new Date(Date.parse(extra) + 120_000).toISOString(),
      reason: "daylight-saving change: Chaos Mesh (robfig/cron v3) fires a run the cron does not mean",
    });
  });

  it("accepts in Australia/Lord_Howe a cron whose run robfig skips after the 30-minute change, and says so", () => {
    const { plan } = tryPlan(
      chaosSpec({
        timezone: "Australia/Lord_Howe",
        experiments: [{ name: "kill", action: "pod-kill", schedule: "0 23 * * *" }],
      }),
      oneRegionStack("staging"),
    );
    expect(plan?.services[0]?.analysis.chaos?.experiments[0]?.skipped).toEqual([
      "daylight-saving change: Chaos Mesh (robfig/cron v3) skips 40 run(s) in 2020–2039, the first at 2020-04-05 23:00 Australia/Lord_Howe",
    ]);
  });
});

describe("the chaos plan's horizon", () => {
  it("ends when the followed daylight-saving changes end, and ChaosPlanStale asks for a replan 90 days before", () => {
    const { plan } = tryPlan(
      chaosSpec({
        timezone: "Europe/Berlin",
        experiments: [{ name: "kill", action: "pod-kill", schedule: "0 10 * * 2" }],
      }),
      oneRegionStack("staging"),
    );
    expect(plan?.services[0]?.analysis.chaos?.horizon).toBe("2040-01-01T00:00:00.000Z");
    const rule = plan?.services[0]?.resources.find((r) => r.key === "orders/us-east-1/PrometheusRule/chaos");
    expect(JSON.stringify(rule?.props)).toContain(
      `"alert":"ChaosPlanStale","expr":"vector(time()) > ${Date.UTC(2039, 9, 3) / 1000}"`,
    );
  });
});
