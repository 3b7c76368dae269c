import { describe, expect, it } from "vitest";
import { formatCron, parseCron } from "../../components/core/cron.js";

/**
 * The parser must accept exactly what robfig/cron v3 `ParseStandard` accepts (Chaos Mesh's webhook)
 * and keep robfig's star bits, which decide whether day-of-month and day-of-week are ANDed or ORed.
 * Expected outcomes follow robfig/cron v3's parser.go (bounds, names, `?`, N/step, step>1 clears the star).
 */
describe("parsing a cron as Chaos Mesh does", () => {
  it.each([
    ["0 10 * * 2", "0 10 * * 2"],
    ["*/15 9-17 * * mon-fri", "0,15,30,45 9-17 * * 1-5"],
    ["5/20 * * * *", "5,25,45 * * * *"],
    ["0 0 1 JAN *", "0 0 1 1 *"],
    ["? ? ? ? ?", "* * * * *"],
    ["0 12 * * sun,sat", "0 12 * * 0,6"],
    ["@weekly", "0 0 * * 0"],
    ["@daily", "0 0 * * *"],
    ["@yearly", "0 0 1 1 *"],
    ["  30 14 * * 3  ", "30 14 * * 3"],
  ])("reads %j as %j", (text, normalized) => {
    const parsed = parseCron(text);
    expect(parsed.ok && formatCron(parsed.fields)).toBe(normalized);
  });

  it.each([
    ["0 10 * * 7", /0-6/],
    ["60 * * * *", /0-59/],
    ["0 24 * * *", /0-23/],
    ["0 10 0 * *", /1-31/],
    ["0 10 * 13 *", /1-12/],
    ["0 10 * *", /exactly five fields.*found 4/],
    ["0 0 10 * * *", /exactly five fields.*found 6/],
    ["@every 1h", /not @every/],
    ["@fortnightly", /descriptors/],
    ["CRON_TZ=UTC 0 10 * * *", /chaos\.timezone/],
    ["0 10 L * *", /numbers/],
    ["0 10 * * 5#2", /numbers/],
    ["*/0 * * * *", /positive step/],
    ["1-2-3 * * * *", /at most one "-"/],
    ["0 10 ** * *", /numbers/],
    ["0,,5 10 * * *", /empty list item/],
    ["5-1 * * * *", /within/],
  ])("refuses %j", (text, reason) => {
    const parsed = parseCron(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(reason);
  });

  it.each([
    ["*", true],
    ["?", true],
    ["*/1", true],
    ["*/2", false],
    ["1-31", false],
    ["1,15", false],
  ])("gives day-of-month %j the star bit %s, as robfig does", (dom, star) => {
    const parsed = parseCron(`0 10 ${dom} * *`);
    expect(parsed.ok && parsed.fields.dom.star).toBe(star);
  });
});
