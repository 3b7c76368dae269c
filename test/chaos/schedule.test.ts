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

function stoppedCalendar(p: Plan, from: string, days: number) {
  return chaosCalendar(p, new Date(from), days).map(
    (r) => `${r.startLocal} ${r.startUtc.slice(11, 16)}Z${r.stopped ? ` stopped: ${r.stopped}` : ""}`,
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

  it("run a time the autumn change repeats once, and stop the second run robfig fires, in Europe/Berlin", () => {
    const p = plan({
      timezone: "Europe/Berlin",
      experiments: [{ name: "kill", action: "pod-kill", schedule: "30 2 * * *" }],
    });
    expect(crons(p)).toEqual(["CRON_TZ=Europe/Berlin 30 2 * * *"]);
    expect(stoppedCalendar(p, "2026-10-24T00:00:00Z", 3)).toEqual([
      "2026-10-24 sat 02:30 00:30Z",
      "2026-10-25 sun 02:30 00:30Z",
      "2026-10-25 sun 02:30 01:30Z stopped: daylight-saving change: Chaos Mesh (robfig/cron v3) fires a run the cron does not mean",
      "2026-10-26 mon 02:30 01:30Z",
    ]);
    expect(stoppedCalendar(p, "2027-03-27T00:00:00Z", 3)).toEqual([
      "2027-03-27 sat 02:30 01:30Z",
      "2027-03-29 mon 02:30 00:30Z",
    ]);
  });

  it("run an every-30-minutes experiment through the repeated hour once, stopping robfig's second pass, in America/New_York", () => {
    const p = plan({
      timezone: "America/New_York",
      experiments: [{ name: "kill", action: "pod-kill", schedule: "*/30 * * * *" }],
    });
    const runs = chaosCalendar(p, new Date("2026-11-01T04:00:00Z"), 0.25);
    const at = (utc: string) => runs.find((r) => r.startUtc.startsWith(utc));
    expect(at("2026-11-01T05:00")?.stopped).toBeUndefined();
    expect(at("2026-11-01T05:30")?.stopped).toBeUndefined();
    expect(at("2026-11-01T06:00")?.stopped).toMatch(/^daylight-saving change/);
    expect(at("2026-11-01T06:30")?.stopped).toMatch(/^daylight-saving change/);
    expect(at("2026-11-01T07:00")?.stopped).toBeUndefined();
    expect(runs.filter((r) => !r.stopped).every((r) => r.problems.length === 0)).toBe(true);
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

  it("keep a daily cron whole through a one-off freeze, whose own dates only the gate stops", () => {
    const p = plan({
      timezone: "Europe/Berlin",
      blackouts: [{ name: "freeze", start: "2026-12-18", end: "2027-01-04" }],
      experiments: [{ name: "kill", action: "pod-kill", schedule: "0 10 * * *" }],
    });
    expect(crons(p)).toEqual(["CRON_TZ=Europe/Berlin 0 10 * * *"]);
    const runs = chaosCalendar(p, new Date("2026-12-10T00:00:00Z"), 26);
    const days = (stopped: boolean) =>
      runs.filter((r) => !!r.stopped === stopped).map((r) => r.startLocal.slice(0, 10));
    expect(days(false)).toEqual([...range(10, 17).map((d) => `2026-12-${d}`), "2027-01-04"]);
    expect(days(true)).toHaveLength(17);
    expect(new Set(runs.filter((r) => r.stopped).map((r) => r.stopped))).toEqual(new Set(["freeze freeze"]));
    expect(chaosCalendar(p, new Date("2031-12-10T00:00:00Z"), 26).filter((r) => r.stopped)).toEqual([]);
  });

  it("lose no month to a freeze when the schedule is by weekday", () => {
    const p = plan({
      timezone: "Europe/Berlin",
      blackouts: [{ name: "freeze", start: "2026-12-18", end: "2027-01-04" }],
      experiments: [{ name: "kill", action: "pod-kill", schedule: "0 10 * * 2" }],
    });
    expect(crons(p)).toEqual(["CRON_TZ=Europe/Berlin 0 10 * * 2"]);
    expect(stoppedCalendar(p, "2026-12-01T00:00:00Z", 42)).toEqual([
      "2026-12-01 tue 10:00 09:00Z",
      "2026-12-08 tue 10:00 09:00Z",
      "2026-12-15 tue 10:00 09:00Z",
      "2026-12-22 tue 10:00 09:00Z stopped: freeze freeze",
      "2026-12-29 tue 10:00 09:00Z stopped: freeze freeze",
      "2027-01-05 tue 10:00 09:00Z",
    ]);
    expect(p.services[0]?.analysis.chaos?.experiments[0]?.skipped).toEqual([]);
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
