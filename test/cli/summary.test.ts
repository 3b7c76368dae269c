import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { summaryTable } from "../../cli/commands/summary.js";
import { startProgress } from "../../cli/progress.js";
import type { Io } from "../../cli/io.js";
import type { Plan } from "../../components/core/plan/types.js";
import { planExamples } from "../support/project.js";
import { run, tempProject } from "./harness.js";

/** The prod plan of the example services, each copied `copies` times under new names. */
function fleet(copies: number): Plan {
  const plan = planExamples("prod").plan;
  const services = Array.from({ length: copies }, (_, i) =>
    plan.services.map((s) => ({ ...s, service: `${s.service}-${i}` })),
  ).flat();
  return { ...plan, services };
}

/** Table rows (lines that start with a cell border and name a service of the fleet). */
function serviceRows(text: string): string[] {
  return text.split("\n").filter((line) => /^│ \S+-\d+ /.test(line));
}

describe("the plan summary", () => {
  it.each([
    { copies: 1, verbose: false, rows: 5, collapsed: false },
    { copies: 8, verbose: false, rows: 40, collapsed: false },
    { copies: 9, verbose: false, rows: 0, collapsed: true },
    { copies: 9, verbose: true, rows: 45, collapsed: false },
  ])(
    "with $copies copies of the examples and verbose $verbose lists $rows rows (collapsed: $collapsed)",
    ({ copies, verbose, rows, collapsed }) => {
      const text = summaryTable(fleet(copies), { verbose });
      expect(serviceRows(text)).toHaveLength(rows);
      expect(text.includes("--verbose lists every row")).toBe(collapsed);
    },
  );

  it("collapses to services and resources per tier and region whose sums match the rows", () => {
    const plan = fleet(30);
    const text = summaryTable(plan);
    const totals = text
      .split("\n")
      .filter((line) => /^│ (critical|standard|best-effort) /.test(line))
      .map((line) =>
        line
          .split("│")
          .map((c) => c.trim())
          .filter(Boolean),
      );
    const rows = plan.services.reduce((n, s) => n + s.regions.length, 0);
    const resources = plan.services.reduce(
      (n, s) => n + s.resources.filter((r) => r.provider === "kubernetes" || r.provider === "aws").length,
      0,
    );
    expect(totals.reduce((n, t) => n + Number(t[2]), 0)).toBe(rows);
    expect(totals.reduce((n, t) => n + Number(t[3]) + Number(t[4]), 0)).toBe(resources);
    expect(new Set(totals.map((t) => `${t[0]} ${t[1]}`)).size).toBe(totals.length);
  });
});

describe("reliability plan's stdout", () => {
  let project: { dir: string; remove: () => void };
  beforeEach(() => {
    project = tempProject();
  });
  afterEach(() => project.remove());

  it("prints exactly plan.json to stdout with --format json, with or without --verbose", async () => {
    for (const extra of [[], ["--verbose"]]) {
      const result = await run(project.dir, "plan", "--stack", "prod", "--out", "o", "--format", "json", ...extra);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(readFileSync(join(project.dir, "o", "plan.json"), "utf8"));
    }
  });

  it("lists every row with --verbose", async () => {
    const result = await run(project.dir, "plan", "--stack", "prod", "--out", "o", "--verbose");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("│ checkout ");
    expect(result.stdout).not.toContain("--verbose lists every row");
  });
});

describe("progress", () => {
  /** An Io whose status line is recorded, with a clock the test moves. */
  function terminal(withStatus: boolean) {
    const status: string[] = [];
    let now = 0;
    const io: Io = {
      out: () => undefined,
      err: () => undefined,
      cwd: "/",
      ...(withStatus ? { status: (t: string) => void status.push(t) } : {}),
    };
    const progress = startProgress(io, { delayMs: 1_000, intervalMs: 100, now: () => now });
    return { status, progress, tick: (ms: number) => void (now += ms) };
  }

  it.each([
    { name: "stays silent in the first second", withStatus: true, ticks: [10, 500, 400], shown: [] },
    { name: "shows once the run has taken a second", withStatus: true, ticks: [600, 600], shown: ["step 2/5"] },
    {
      name: "shows at most once per interval",
      withStatus: true,
      ticks: [1_000, 50, 50, 50],
      shown: ["step 1/5", "step 3/5"],
    },
    { name: "stays silent when standard error is not a terminal", withStatus: false, ticks: [2_000, 2_000], shown: [] },
  ])("$name", ({ withStatus, ticks, shown }) => {
    const t = terminal(withStatus);
    ticks.forEach((ms, i) => {
      t.tick(ms);
      t.progress.update("step", i + 1, 5);
    });
    expect(t.status).toEqual(shown);
  });

  it("clears its line at the end only when it showed one", () => {
    const quick = terminal(true);
    quick.progress.update("step", 1, 2);
    quick.progress.end();
    expect(quick.status).toEqual([]);
    const slow = terminal(true);
    slow.tick(1_500);
    slow.progress.update("step", 1, 2);
    slow.progress.end();
    expect(slow.status).toEqual(["step 1/2", ""]);
  });
});
