import { describe, expect, it } from "vitest";
import { windowProblems } from "../../components/domains/chaos/calendar.js";
import type { ChaosAnalysis } from "../../components/domains/chaos/types.js";

type Declared = Pick<ChaosAnalysis, "timezone" | "blackouts" | "allowedHours">;

const weekend = { name: "weekend", days: ["sat", "sun"] } as const;
const freeze = { name: "year-end-freeze", start: "2026-12-18T00:00", end: "2027-01-04T00:00" } as const;
const officeHours = { days: ["mon", "tue", "wed", "thu"], from: "10:00", to: "16:00" } as const;

/** A run of `minutes` starting at `iso` (UTC). */
function run(iso: string, minutes = 6): [Date, Date] {
  const start = new Date(iso);
  return [start, new Date(start.getTime() + minutes * 60_000)];
}

describe("which declared windows a run touches", () => {
  it.each<[string, [Date, Date], Declared, string[]]>([
    [
      "a Saturday run in Berlin is inside the weekend",
      run("2026-06-06T10:00:00Z"),
      { timezone: "Europe/Berlin", blackouts: [weekend] },
      ["inside blackout weekend"],
    ],
    [
      "the same instant in a zone where it is still Friday is not",
      run("2026-06-06T02:00:00Z"),
      { timezone: "America/Los_Angeles", blackouts: [weekend] },
      [],
    ],
    [
      "the same instant in Berlin is on Saturday",
      run("2026-06-06T02:00:00Z"),
      { timezone: "Europe/Berlin", blackouts: [weekend] },
      ["inside blackout weekend"],
    ],
    [
      "a run inside a one-off freeze",
      run("2026-12-22T10:00:00Z"),
      { timezone: "Europe/Berlin", blackouts: [weekend, freeze] },
      ["inside blackout year-end-freeze"],
    ],
    [
      "the same run with no freeze declared",
      run("2026-12-22T10:00:00Z"),
      { timezone: "Europe/Berlin", blackouts: [weekend] },
      [],
    ],
    [
      "the same run outside the allowed hours",
      run("2026-12-22T10:00:00Z"),
      { timezone: "Europe/Berlin", blackouts: [weekend], allowedHours: { ...officeHours, from: "12:00" } },
      ["outside the allowed hours"],
    ],
    [
      "a run that ends past the allowed hours",
      run("2026-06-09T13:58:00Z"),
      { timezone: "Europe/Berlin", blackouts: [], allowedHours: officeHours },
      ["outside the allowed hours"],
    ],
  ])("%s", (_, [start, end], declared, expected) => {
    expect(windowProblems(start, end, declared)).toEqual(expected);
    expect(windowProblems(start, end, structuredClone(declared))).toEqual(expected);
  });

  it("gives each caller its own list, so changing one answer never changes the next", () => {
    const [start, end] = run("2026-06-06T10:00:00Z");
    const declared = { timezone: "Europe/Berlin", blackouts: [weekend] };
    windowProblems(start, end, declared).push("changed by the caller");
    expect(windowProblems(start, end, declared)).toEqual(["inside blackout weekend"]);
  });
});
