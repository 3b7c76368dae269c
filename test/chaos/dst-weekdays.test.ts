import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCron } from "../../components/core/cron.js";
import { changeDayRuns } from "../../components/domains/chaos/dst.js";

/** Zones whose daylight-saving changes fall on a Sunday. */
const SUNDAY_ZONES = [
  "Europe/Berlin",
  "Europe/London",
  "Europe/Paris",
  "Europe/Helsinki",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Toronto",
] as const;

describe("daylight-saving changes and weekday crons", () => {
  it("robfig fires a Monday-to-Friday cron exactly as written around every change of a zone that changes on Sundays", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SUNDAY_ZONES),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (zone, weekday, hour, minute) => {
          const parsed = parseCron(`${minute} ${hour} * * ${weekday}`);
          if (!parsed.ok) throw new Error(parsed.error);
          const runs = changeDayRuns(parsed.fields, zone);
          expect({ extra: runs.extra, missed: runs.missed }).toEqual({ extra: [], missed: [] });
        },
      ),
      { numRuns: 40, seed: 17 },
    );
  });

  it("is not vacuous: in the Azores, whose change skips midnight, a Saturday cron gains a run robfig adds", () => {
    const parsed = parseCron("0 10 * * 6");
    if (!parsed.ok) throw new Error(parsed.error);
    expect(changeDayRuns(parsed.fields, "Atlantic/Azores").extra.length).toBeGreaterThan(0);
  });
});
