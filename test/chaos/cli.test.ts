import { describe, expect, it } from "vitest";
import type { Io } from "../../cli/io.js";
import { main } from "../../cli/main.js";
import { ROOT } from "../support/project.js";

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: ROOT };
  const code = await main(["node", "reliability", "chaos", "calendar", ...args], io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

interface JsonCalendar {
  readonly runs: {
    service: string;
    experiment: string;
    region: string;
    startUtc: string;
    endUtc: string;
    startLocal: string;
    problems: string[];
    stopped?: string;
  }[];
  readonly disabled: { service: string; reason: string }[];
}

describe("reliability chaos calendar", () => {
  it("lists 30 days of prod runs with no run in a blackout and no two runs of a service overlapping", async () => {
    const { code, out } = await run(
      "--stack",
      "prod",
      "--days",
      "30",
      "--from",
      "2026-11-22T00:00:00Z",
      "--format",
      "json",
    );
    expect(code).toBe(0);
    const calendar = JSON.parse(out) as JsonCalendar;
    expect(calendar.runs.length).toBeGreaterThan(20);
    expect(calendar.runs.filter((r) => r.problems.length > 0)).toEqual([]);
    for (const service of ["checkout", "inventory"]) {
      const own = calendar.runs
        .filter((r) => r.service === service)
        .sort((a, b) => a.startUtc.localeCompare(b.startUtc));
      own.slice(1).forEach((r, i) => expect(r.startUtc >= (own[i]?.endUtc ?? "")).toBe(true));
    }
    expect(calendar.runs.some((r) => / (sat|sun) /.test(r.startLocal))).toBe(false);
    expect(calendar.runs.filter((r) => r.service === "checkout").map((r) => r.startLocal.slice(0, 10))).not.toContain(
      "2026-12-22",
    );
    expect(calendar.disabled).toEqual([{ service: "report-worker", reason: "no experiments declared" }]);
  });

  it.each(["dev", "staging", "prod"])(
    "lists 400 days of %s runs with none in a blackout, stopping only the year-end freeze's, and losing no other week",
    async (stack) => {
      const { code, out } = await run(
        "--stack",
        stack,
        "--days",
        "400",
        "--from",
        "2026-11-28T00:00:00Z",
        "--format",
        "json",
      );
      expect(code).toBe(0);
      const { runs } = JSON.parse(out) as JsonCalendar;
      expect(runs.filter((r) => r.problems.length > 0)).toEqual([]);
      const stopped = runs.filter((r) => r.stopped);
      expect(new Set(stopped.map((r) => r.stopped))).toEqual(new Set(["freeze year-end-freeze"]));
      expect(stopped.every((r) => r.startLocal >= "2026-12-18" && r.startLocal < "2027-01-04")).toBe(true);
      const checkout = runs.filter((r) => r.service === "checkout" && !r.stopped && r.region === "us-east-1");
      const weeks = new Set(
        checkout.map((r) => Math.floor((Date.parse(r.startUtc) - Date.parse("2026-11-28")) / 604_800_000)),
      );
      // 57 whole weeks from a Saturday; the freeze holds the two weeks from 2026-12-19 to 2027-01-01.
      expect(weeks.size).toBe(57 - 2);
    },
  );

  it("shows local time and UTC in text", async () => {
    const { code, out } = await run("--stack", "prod", "--days", "7", "--from", "2026-11-22T00:00:00Z");
    expect(code).toBe(0);
    expect(out).toMatch(
      /checkout +│ kill-one-pod +│ us-east-1 │ 2026-11-24 tue 10:00 │ 10:06 │ Europe\/Berlin +│ 2026-11-24 09:00/,
    );
  });

  it("adds a Mermaid gantt chart in markdown", async () => {
    const { code, out } = await run(
      "--stack",
      "prod",
      "--days",
      "7",
      "--from",
      "2026-11-22T00:00:00Z",
      "--format",
      "markdown",
    );
    expect(code).toBe(0);
    expect(out).toContain("```mermaid\ngantt\n  title Chaos runs, stack prod (UTC)\n  dateFormat YYYY-MM-DD HH:mm");
    expect(out).toContain("  section checkout\n  kill-one-pod us-east-1 :2026-11-24 09:00, 6m");
  });

  it.each([
    [["--stack", "prod", "--days", "0"], /--days must be a whole number of days between 1 and 800, got "0"/],
    [["--stack", "prod", "--from", "tomorrow"], /--from must be an ISO 8601 date/],
    [["--stack", "nope"], /stack "nope" has no config file/],
  ])("refuses %j with exit code 2", async (args, message) => {
    const { code, err } = await run(...args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});
