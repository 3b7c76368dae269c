import { describe, expect, it } from "vitest";
import { isAlertingRule } from "../../components/domains/alerts/types.js";
import { instantOf, maintenanceExpr, monthOffsets, utcRanges } from "../../components/domains/status/maintenance.js";
import { promtoolTest, publicRules } from "./support.js";

const DAY = 1440;

describe("maintenance windows in UTC", () => {
  it.each([
    ["UTC", Array.from({ length: 12 }, () => [0])],
    ["Asia/Tokyo", Array.from({ length: 12 }, () => [540])],
    ["Europe/Berlin", [[60], [60], [60, 120], [120], [120], [120], [120], [120], [120], [60, 120], [60], [60]]],
    [
      "America/New_York",
      [[-300], [-300], [-300, -240], [-240], [-240], [-240], [-240], [-240], [-240], [-240], [-300, -240], [-300]],
    ],
    // The changes fall on Saturday 16:00 UTC, some years on the last day of March and September.
    [
      "Australia/Sydney",
      [[660], [660], [600, 660], [600, 660], [600], [600], [600], [600], [600, 660], [600, 660], [660], [660]],
    ],
  ])("knows the offsets %s has in each month", (zone, offsets) => {
    expect(monthOffsets(zone)).toEqual(offsets);
  });

  it.each([
    ["shifts a window back by a positive offset", [[DAY + 240, DAY + 300]], [60], [[DAY + 180, DAY + 240]]],
    ["shifts a window forward by a negative offset", [[DAY + 240, DAY + 300]], [-300], [[DAY + 540, DAY + 600]]],
    [
      "wraps Sunday morning in UTC+1 to Saturday night",
      [[0, 120]],
      [60],
      [
        [0, 60],
        [7 * DAY - 60, 7 * DAY],
      ],
    ],
    [
      "wraps a window past the end of the week to its start",
      [[6 * DAY + 1380, 7 * DAY + 60]],
      [0],
      [
        [0, 60],
        [6 * DAY + 1380, 7 * DAY],
      ],
    ],
    ["opens a window under both offsets of a month with a change", [[240, 300]], [60, 120], [[120, 240]]],
    [
      "merges overlapping windows",
      [
        [100, 200],
        [150, 300],
        [300, 400],
      ],
      [0],
      [[100, 400]],
    ],
  ])("%s", (_name, local, offsets, utc) => {
    expect(utcRanges(local as [number, number][], offsets)).toEqual(utc);
  });

  it.each([
    ["a winter time in Berlin", "2026-01-15T04:00", "Europe/Berlin", Date.UTC(2026, 0, 15, 3)],
    ["a summer time in Berlin", "2026-07-15T04:00", "Europe/Berlin", Date.UTC(2026, 6, 15, 2)],
    ["a date in New York", "2026-12-24", "America/New_York", Date.UTC(2026, 11, 24, 5)],
    ["a time in UTC", "1970-01-01T00:12", "UTC", 12 * 60_000],
  ])("reads %s as its instant", (_name, local, zone, instant) => {
    expect(instantOf(local, zone)).toBe(instant);
  });

  it("writes no condition without windows, and one PromQL vector otherwise", () => {
    expect(maintenanceExpr([], "UTC")).toBeUndefined();
    expect(maintenanceExpr([{ name: "w", days: ["sun"], from: "04:00", to: "05:00" }], "UTC")).toBe(
      "vector(1) and on() (\n  ((day_of_week() * 1440 + hour() * 60 + minute()) >= 240 < 300)\n)",
    );
    expect(maintenanceExpr([{ name: "o", start: "2026-12-24", end: "2026-12-27" }], "UTC")).toBe(
      "vector(1) and on() (\n  (vector(time()) >= 1798070400 < 1798329600)\n)",
    );
  });
});

/** The maintenance condition under promtool at instants months apart (rules evaluated every hour). */
describe("the maintenance window of Sunday 04:00–05:00 in Europe/Berlin", () => {
  const group = publicRules({
    timezone: "Europe/Berlin",
    maintenance: [{ name: "patch", days: ["sun"], from: "04:00", to: "05:00" }],
  });
  const guard = group.rules[0]?.expr ?? "";
  const open = [{ labels: "{}", value: 1 }];

  it.each([
    ["in winter from 03:00 UTC (Sunday 1970-01-04)", { "75h": open, "75h59m": open, "74h59m": [], "76h": [] }],
    ["in summer from 02:00 UTC (Sunday 1970-07-05)", { "4442h": open, "4442h59m": open, "4441h59m": [], "4443h": [] }],
    [
      "in the month of the change under both offsets, 02:00 to 04:00 UTC (Sunday 1970-03-01)",
      { "1418h": open, "1419h30m": open, "1417h59m": [], "1420h": [] },
    ],
    ["not on a weekday (Monday 1970-01-05, 03:30 UTC)", { "99h30m": [] }],
  ])(
    "holds %s",
    async (_name, at) => {
      const test = {
        interval: "1h",
        input_series: [{ series: 'up{job="clock"}', values: "1" }],
        promql_expr_test: Object.entries(at).map(([t, exp]) => ({ expr: guard, eval_time: t, exp_samples: exp })),
      };
      const result = await promtoolTest([{ name: group.name, rules: [] }], [test], "1h");
      expect(result.output).toContain("SUCCESS");
    },
    60_000,
  );

  it("is the first rule of the group, recording for the service", () => {
    expect(group.rules[0]).toMatchObject({ record: "status:maintenance_window:active", labels: { service: "orders" } });
    expect(
      group.rules
        .filter(isAlertingRule)
        .filter((r) => r.alert !== "EndpointCertificateExpiring")
        .every((r) => r.expr.endsWith('unless on() status:maintenance_window:active{service="orders"}')),
    ).toBe(true);
  });
});
