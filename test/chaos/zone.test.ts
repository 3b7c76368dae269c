import { describe, expect, it } from "vitest";
import { isTimeZone, suggestTimeZone } from "../../components/core/zone.js";

/** Go loads a zone by its file name under zoneinfo, so only the database's exact spelling is a zone to Chaos Mesh. */
describe("time zone names as Chaos Mesh loads them", () => {
  it.each([
    ["Europe/London", true],
    ["America/New_York", true],
    ["America/Argentina/Buenos_Aires", true],
    ["Antarctica/DumontDUrville", true],
    ["US/Eastern", true],
    ["Asia/Kolkata", true],
    ["UTC", true],
    ["Etc/GMT+5", true],
    ["europe/london", false],
    ["EUROPE/LONDON", false],
    ["us/eastern", false],
    ["utc", false],
    ["Antarctica/DumontDurville", false],
    ["Mars/Olympus", false],
    ["+02:00", false],
    ["Factory", false],
    ["", false],
  ])("knows %j: %s", (zone, known) => {
    expect(isTimeZone(zone)).toBe(known);
  });

  it.each([
    ["europe/london", "Europe/London"],
    ["AMERICA/NEW_YORK", "America/New_York"],
    ["us/eastern", "US/Eastern"],
    ["utc", "UTC"],
    ["antarctica/dumontdurville", "Antarctica/DumontDUrville"],
    ["Mars/Olympus", undefined],
  ])("suggests for %j the exact spelling %j", (zone, suggestion) => {
    expect(suggestTimeZone(zone)).toBe(suggestion);
  });
});
