import { describe, expect, it } from "vitest";
import { chaosCalendar } from "../../components/domains/chaos/calendar.js";
import type { Plan } from "../../components/core/plan/types.js";
import { exampleStack } from "../support/project.js";
import { chaosSpec, oneRegionStack, tryPlan } from "./support.js";

function plan(
  chaos: Record<string, unknown>,
  tier = "standard",
  environment = "staging",
  regions = ["us-east-1"],
): Plan {
  const spec = chaosSpec(chaos, tier);
  (spec["spec"] as Record<string, unknown>)["regions"] = regions;
  const stack = regions.length > 1 ? { ...exampleStack("prod"), environment } : oneRegionStack(environment);
  const { plan, errors } = tryPlan(spec, stack);
  if (!plan) throw new Error(errors.join("\n"));
  return plan;
}

function crons(p: Plan): string[] {
  return (p.services[0]?.analysis.chaos?.experiments ?? []).flatMap((e) =>
    e.regions.flatMap((r) => r.schedules.map((s) => s.schedule)),
  );
}

function calendar(p: Plan, from: string, days: number) {
  return chaosCalendar(p, new Date(from), days).map((r) => `${r.startLocal} ${r.startUtc.slice(11, 16)}Z`);
}

describe("runs across daylight-saving changes", () => {
  it.each([
    ["Europe/Berlin", "2026-10-23T00:00:00Z", ["2026-10-23 fri 10:00 08:00Z", "2026-10-26 mon 10:00 09:00Z"]],
    ["Europe/Berlin", "2027-03-26T00:00:00Z", ["2027-03-26 fri 10:00 09:00Z", "2027-03-29 mon 10:00 08:00Z"]],
    ["America/New_York", "2026-10-30T00:00:00Z", ["2026-10-30 fri 10:00 14:00Z", "2026-11-02 mon 10:00 15:00Z"]],
    ["America/New_York", "2027-03-12T00:00:00Z", ["2027-03-12 fri 10:00 15:00Z", "2027-03-15 mon 10:00 14:00Z"]],
  ])("keep 10:00 local in %s around %s (the UTC time moves)", (timezone, from, expected) => {
    const p = plan({
      timezone,
      blackouts: [{ name: "weekend", days: ["sat", "sun"] }],
      experiments: [{ name: "kill", action: "pod-kill", schedule: "0 10 * * *" }],
    });
    expect(crons(p)).toEqual([`CRON_TZ=${timezone} 0 10 * * 1-5`]);
    expect(calendar(p, from, 4)).toEqual(expected);
  });

  it.each([
    ["Europe/Berlin", "30 2 * * *"],
    ["America/New_York", "30 1 * * *"],
    ["America/New_York", "30 2 * * *"],
  ])("refuse a run that only falls in the hour a DST change skips or repeats in %s (%s)", (timezone, schedule) => {
    const { errors } = tryPlan(
      chaosSpec({ timezone, experiments: [{ name: "kill", action: "pod-kill", schedule }] }),
      oneRegionStack("staging"),
    );
    expect(errors).toEqual([
      expect.stringMatching(
        /^spec\.chaos\.experiments\[0\]\.schedule: must leave at least one run outside .*daylight-saving change/,
      ),
    ]);
  });

  it("leave out the DST hours of an every-30-minutes experiment and keep the rest", () => {
    const p = plan({
      timezone: "America/New_York",
      experiments: [{ name: "kill", action: "pod-kill", schedule: "*/30 * * * *" }],
    });
    const runs = chaosCalendar(p, new Date("2026-10-31T00:00:00Z"), 3).map((r) => r.startLocal.slice(-5));
    expect(runs).not.toContain("01:00");
    expect(runs).not.toContain("02:30");
    expect(runs).toContain("03:00");
    expect(runs).toContain("00:30");
    expect(p.services[0]?.analysis.chaos?.experiments[0]?.skipped.join()).toMatch(
      /daylight-saving change: skips sun, mon, tue, wed, thu, fri, sat at 01:00, 01:30, 02:00, 02:30/,
    );
  });
});

describe("blackouts", () => {
  it("cut a weekly blackout out of the days and an overnight window out of the hours", () => {
    const p = plan({
      timezone: "Europe/Berlin",
      blackouts: [
        { name: "weekend", days: ["sat", "sun"] },
        { name: "night", from: "20:00", to: "08:00" },
      ],
      experiments: [{ name: "kill", action: "pod-kill", schedule: "0 */4 * * *" }],
    });
    expect(crons(p)).toEqual(["CRON_TZ=Europe/Berlin 0 8,12,16 * * 1-5"]);
  });

  it("split a daily schedule around a one-off freeze and apply it to the same dates every year", () => {
    const p = plan({
      timezone: "Europe/Berlin",
      blackouts: [{ name: "freeze", start: "2026-12-18", end: "2027-01-04" }],
      experiments: [{ name: "kill", action: "pod-kill", schedule: "0 10 * * *" }],
    });
    expect(crons(p)).toEqual([
      "CRON_TZ=Europe/Berlin 0 10 * 2-11 *",
      "CRON_TZ=Europe/Berlin 0 10 4-31 1 *",
      "CRON_TZ=Europe/Berlin 0 10 1-17 12 *",
    ]);
    const days = (from: string) => calendar(p, from, 26).map((r) => r.slice(0, 10));
    expect(days("2026-12-10T00:00:00Z")).toEqual([...range(10, 17).map((d) => `2026-12-${d}`), "2027-01-04"]);
    expect(days("2031-12-10T00:00:00Z")).toEqual([...range(10, 17).map((d) => `2031-12-${d}`), "2032-01-04"]);
  });

  it("drop whole months a freeze touches when the schedule is by weekday (robfig cannot AND both day fields)", () => {
    const p = plan({
      timezone: "Europe/Berlin",
      blackouts: [{ name: "freeze", start: "2026-12-18", end: "2027-01-04" }],
      experiments: [{ name: "kill", action: "pod-kill", schedule: "0 10 * * 2" }],
    });
    expect(crons(p)).toEqual(["CRON_TZ=Europe/Berlin 0 10 * 2-11 2"]);
    expect(p.services[0]?.analysis.chaos?.experiments[0]?.skipped.join("\n")).toMatch(
      /whole month left out, .* cannot also restrict the day of month: skips jan, dec at 10:00/,
    );
  });

  it("keep a run whose end would reach into a blackout out of the schedule", () => {
    const p = plan({
      timezone: "UTC",
      blackouts: [{ name: "batch", from: "12:00", to: "13:00" }],
      experiments: [{ name: "kill", action: "pod-failure", schedule: "50,55 11 * * *", duration: "5m" }],
    });
    expect(p.services[0]?.analysis.chaos?.experiments[0]?.skipped.join()).toMatch(/blackout batch: skips .* at 11:55/);
  });

  it("keep a critical service inside business hours in production by default, one region after the other", () => {
    const chaos = {
      timezone: "Europe/Berlin",
      experiments: [{ name: "kill", action: "pod-kill", schedule: "0 8-18 * * *" }],
    };
    const regions = ["us-east-1", "eu-west-1"];
    expect(crons(plan(chaos, "critical", "prod", regions))).toEqual([
      "CRON_TZ=Europe/Berlin 0 9-16 * * 1-5",
      "CRON_TZ=Europe/Berlin 15 9-16 * * 1-5",
    ]);
    expect(crons(plan(chaos, "critical", "staging", regions))).toEqual([
      "CRON_TZ=Europe/Berlin 0 8-18 * * *",
      "CRON_TZ=Europe/Berlin 15 8-18 * * *",
    ]);
  });
});

describe("spec errors", () => {
  const errorsOf = (chaos: Record<string, unknown>, tier = "standard", env = "staging") =>
    tryPlan(chaosSpec(chaos, tier), oneRegionStack(env)).errors;

  it.each([
    [
      "a blast radius beyond the PDB",
      { experiments: [{ name: "kill", action: "pod-kill", schedule: "0 10 * * 2", maxUnavailable: 2 }] },
      "spec.chaos.experiments[0].maxUnavailable: must hit at most the 1 pod the PodDisruptionBudget allows (maxUnavailable 1 at 3 replicas), got 2 which hits 2",
    ],
    [
      "an unparsable cron",
      { experiments: [{ name: "kill", action: "pod-kill", schedule: "0 10 * * 7" }] },
      'spec.chaos.experiments[0].schedule: must stay within 0-6 in "7" (day of week); Chaos Mesh reads robfig/cron v3 syntax, got "0 10 * * 7"',
    ],
    [
      "a run that can only fall in a blackout",
      {
        blackouts: [{ name: "weekend", days: ["sat", "sun"] }],
        experiments: [{ name: "kill", action: "pod-kill", schedule: "0 10 * * 6" }],
      },
      'spec.chaos.experiments[0].schedule: must leave at least one run outside the blackouts and allowed hours, but every run is blocked (blackout weekend: skips sat at 10:00), got "0 10 * * 6"',
    ],
    [
      "both day fields restricted",
      { experiments: [{ name: "kill", action: "pod-kill", schedule: "0 10 1 * 1" }] },
      'spec.chaos.experiments[0].schedule: must not restrict both day-of-month and day-of-week: Chaos Mesh\'s cron (robfig/cron v3) then runs when EITHER matches; keep one of them *, got "0 10 1 * 1"',
    ],
    [
      "a day-of-month schedule against a weekly blackout",
      {
        blackouts: [{ name: "weekend", days: ["sat", "sun"] }],
        experiments: [{ name: "kill", action: "pod-kill", schedule: "0 10 1 * *" }],
      },
      /must be scheduled by day of week to stay out of weekly blackouts: a day-of-month schedule cannot skip sun, sat at 10:00/,
    ],
    [
      "two experiments at once",
      {
        experiments: [
          { name: "a", action: "pod-kill", schedule: "0 10 * * 2" },
          { name: "b", action: "cpu-stress", schedule: "3 10 * * 1-3" },
        ],
      },
      /spec\.chaos\.experiments\[0\]\.schedule: must not overlap b in us-east-1: a in us-east-1 at 10:00 \(6m\) and b at 10:03 \(6m\) can both run on tue/,
    ],
    [
      "runs of one experiment closer than a run lasts",
      { experiments: [{ name: "a", action: "pod-kill", schedule: "0,4 10 * * 2" }] },
      /must not overlap itself/,
    ],
    [
      "a partition without target",
      { experiments: [{ name: "cut", action: "network-partition", schedule: "0 10 * * 2" }] },
      /must name a target dependency/,
    ],
    [
      "a target that is not a dependency",
      { experiments: [{ name: "cut", action: "network-delay", target: "nope", schedule: "0 10 * * 2" }] },
      /must name a dependency declared in spec.dependencies \(orders-db, payments, inventory\), got "nope"/,
    ],
    [
      "a field the action ignores",
      { experiments: [{ name: "kill", action: "pod-kill", latency: "1s", schedule: "0 10 * * 2" }] },
      /latency: must not be set for action pod-kill/,
    ],
    ["an unknown time zone", { timezone: "Mars/Olympus", experiments: [] }, /timezone: must be an IANA time zone name/],
    [
      "a time zone in the wrong case, naming the exact spelling",
      { timezone: "europe/london", experiments: [] },
      /timezone: must be an IANA time zone name spelt exactly .*did you mean Europe\/London\?, got "europe\/london"/,
    ],
    [
      "a time-zone alias in the wrong case, naming the alias's own spelling",
      { timezone: "us/eastern", experiments: [] },
      /did you mean US\/Eastern\?/,
    ],
    [
      "a freeze that ends before it starts",
      { blackouts: [{ name: "f", start: "2027-01-04", end: "2026-12-18" }] },
      /end: must be after start/,
    ],
  ])("reject %s", (_, chaos, expected) => {
    const errors = errorsOf(chaos as Record<string, unknown>);
    if (typeof expected === "string") expect(errors).toContain(expected);
    else expect(errors.join("\n")).toMatch(expected);
  });

  it("names the replica count at which a percentage exceeds the PDB of an autoscaled service", () => {
    const spec = chaosSpec({
      experiments: [{ name: "kill", action: "pod-kill", schedule: "0 10 * * 2", maxUnavailable: "50%" }],
    });
    const workload = (spec["spec"] as Record<string, Record<string, unknown>>)["workload"] as Record<string, unknown>;
    delete workload["replicas"];
    workload["autoscaling"] = { min: 3, max: 10 };
    expect(tryPlan(spec, oneRegionStack()).errors).toEqual([
      'spec.chaos.experiments[0].maxUnavailable: must hit at most the 1 pod the PodDisruptionBudget allows (maxUnavailable 1 at 4 replicas), got "50%" which hits 2',
    ]);
  });
});

function range(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(2, "0"));
}
