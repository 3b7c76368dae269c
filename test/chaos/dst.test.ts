import { describe, expect, it } from "vitest";
import { oneRegionStack, chaosSpec, tryPlan } from "./support.js";

function errorsOf(timezone: string, schedule: string): string[] {
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
  ])("accepts in %s %j, which robfig fires as written", (zone, cron) => {
    expect(errorsOf(zone, cron)).toEqual([]);
  });

  it.each([
    ["America/Santiago", "0 10 * * 6"],
    ["Atlantic/Azores", "0 10 * * 6"],
    ["Australia/Lord_Howe", "0 23 * * *"],
  ])("refuses in %s %j, naming the run robfig would add or skip", (zone, cron) => {
    expect(errorsOf(zone, cron).join("\n")).toMatch(
      /schedule: must run as written on daylight-saving change days, but Chaos Mesh \(robfig\/cron v3\) would (add a run|skip the run) at \d{4}-\d\d-\d\d \d\d:\d\d /,
    );
  });
});
