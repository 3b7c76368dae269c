/**
 * Whatever the spec, a planned Schedule never starts a run that touches a blackout or leaves the
 * allowed hours, in any year: the calendar re-checks every concrete run (in wall-clock time, with
 * one-off freezes in their own year) independently of how the planner cut the crons.
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chaosCalendar } from "../../components/domains/chaos/calendar.js";
import { chaosSpec, oneRegionStack, tryPlan } from "./support.js";

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const ZONES = [
  "Europe/Berlin",
  "America/New_York",
  "UTC",
  "Asia/Kolkata",
  "Australia/Sydney",
  "Atlantic/Azores",
  "America/Santiago",
  "Australia/Lord_Howe",
] as const;
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
const days = fc.uniqueArray(fc.constantFrom(...DAYS), { minLength: 1, maxLength: 3 });

const weekly = fc
  .record({ name: fc.constantFrom("w-a", "w-b"), days: fc.option(days, { nil: undefined }), from: time, to: time })
  .map((b) => ({ ...b, name: `${b.name}-${b.from.replace(":", "")}` }));
const freeze = fc
  .tuple(
    fc.integer({ min: 2025, max: 2029 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
    fc.integer({ min: 1, max: 40 }),
  )
  .map(([y, m, d, length]) => {
    const start = new Date(Date.UTC(y, m - 1, d));
    const end = new Date(start.getTime() + length * 86_400_000);
    return {
      name: `f-${y}${m}${d}`,
      start: start.toISOString().slice(0, 10),
      end: `${end.toISOString().slice(0, 10)}T12:00`,
    };
  });
const cron = fc
  .tuple(
    fc.uniqueArray(fc.constantFrom(0, 10, 20, 30, 40, 50), { minLength: 1, maxLength: 2 }),
    fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 4 }),
    fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 4 }), { nil: undefined }),
  )
  .map(([minutes, hours, dows]) => `${minutes.join(",")} ${hours.join(",")} * * ${dows ? dows.join(",") : "*"}`);

const chaos = fc.record({
  timezone: fc.constantFrom(...ZONES),
  blackouts: fc
    .tuple(fc.array(weekly, { maxLength: 2 }), fc.array(freeze, { maxLength: 2 }))
    .map(([w, f]) => [...w, ...f]),
  allowedHours: fc.option(fc.record({ days, from: fc.constant("08:00"), to: fc.constant("18:00") }), {
    nil: undefined,
  }),
  experiments: fc
    .tuple(cron, fc.constantFrom("2m", "5m", "20m"))
    .map(([schedule, duration]) => [{ name: "prop", action: "pod-failure", schedule, duration }]),
});

describe("any planned chaos calendar", () => {
  it("has no run inside a blackout or outside the allowed hours, in any year", () => {
    fc.assert(
      fc.property(chaos, fc.integer({ min: 2025, max: 2031 }), fc.integer({ min: 0, max: 11 }), (c, year, month) => {
        const { plan, errors } = tryPlan(chaosSpec(c), oneRegionStack("staging"));
        if (!plan) {
          expect(
            errors.every((e) => /^spec\.chaos[\w.[\]]*: must /.test(e)),
            errors.join("\n"),
          ).toBe(true);
          return;
        }
        const runs = chaosCalendar(plan, new Date(Date.UTC(year, month, 1)), 45);
        expect(runs.filter((r) => r.problems.length > 0)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
