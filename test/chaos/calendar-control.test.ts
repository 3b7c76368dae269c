import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyControl, controlStatesOf } from "../../components/domains/chaos/calendar-control.js";
import type { CalendarRun } from "../../components/domains/chaos/calendar.js";
import { controlData, gateVerdict, type ControlState } from "../../components/domains/chaos/control.js";
import type { Io } from "../../cli/io.js";
import { main } from "../../cli/main.js";
import { ROOT } from "../support/project.js";

const run = (service: string, startUtc: string): CalendarRun =>
  ({ service, experiment: "kill", region: "us-east-1", startUtc }) as CalendarRun;

/** A control file as `chaos freeze|pause|resume --format json` prints it, for one service in us-east-1. */
const file = (service: string, state: ControlState) => ({
  clusters: [
    { region: "us-east-1", patches: [{ kind: "ConfigMap", service, patch: { data: controlData(service, state) } }] },
  ],
});

describe("the gate's verdict on a control state", () => {
  it.each([
    ["an active service", { state: "active" }, "active"],
    ["a paused service", { state: "paused" }, "paused"],
    ["a freeze that lasts past the time", { state: "frozen", until: "2026-12-01T12:00:00Z" }, "frozen"],
    ["a freeze that ends at the time", { state: "frozen", until: "2026-12-01T10:00:00Z" }, "active"],
    ["a freeze without an end", { state: "frozen" }, "closed"],
    ["no state", undefined, "closed"],
  ] as const)("for %s is %s", (_name, state, expected) => {
    expect(gateVerdict(state, new Date("2026-12-01T10:00:00Z"))).toBe(expected);
  });
});

describe("the calendar under control states", () => {
  it.each([
    ["a paused service stops every run", { state: "paused", reason: "incident" }, [], ["paused", "paused"]],
    [
      "a freeze stops the runs before its end",
      { state: "frozen", until: "2026-12-02T00:00:00Z" },
      ["2026-12-03T10:00:00Z"],
      ["frozen"],
    ],
    ["an active service runs as planned", { state: "active" }, ["2026-12-01T10:00:00Z", "2026-12-03T10:00:00Z"], []],
  ] as const)("%s", (_name, state, kept, stopped) => {
    const runs = [run("checkout", "2026-12-01T10:00:00Z"), run("checkout", "2026-12-03T10:00:00Z")];
    const split = applyControl(runs, controlStatesOf(file("checkout", state), "test"));
    expect(split.runs.map((r) => r.startUtc)).toEqual(kept);
    expect(split.stopped.map((r) => r.control)).toEqual(stopped);
  });

  it("leaves a service the states do not mention as planned", () => {
    const split = applyControl(
      [run("inventory", "2026-12-01T10:00:00Z")],
      controlStatesOf(file("checkout", { state: "paused" }), "t"),
    );
    expect(split.stopped).toEqual([]);
  });

  it("refuses a file that is not the JSON of a control command, naming it", () => {
    expect(() => controlStatesOf({ runs: [] }, "--control x.json")).toThrow(
      /--control x\.json: must be the JSON of reliability chaos freeze/,
    );
  });
});

describe("reliability chaos calendar --control", () => {
  const dir = mkdtempSync(join(tmpdir(), "reliability-calendar-control-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function calendar(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: ROOT };
    const code = await main(["node", "reliability", "chaos", "calendar", "--stack", "prod", ...args], io);
    return { code, out: out.join("\n"), err: err.join("\n") };
  }

  it("lists inventory's runs before the end of its freeze as frozen, not as runs", async () => {
    const path = join(dir, "freeze.json");
    const frozen = { state: "frozen", until: "2026-12-02T12:00:00Z", reason: "sale" } as const;
    writeFileSync(path, JSON.stringify(file("inventory", frozen)));
    const { code, out } = await calendar(
      "--from",
      "2026-11-28T00:00:00Z",
      "--days",
      "7",
      "--format",
      "json",
      "--control",
      path,
    );
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { runs: CalendarRun[]; controlled: (CalendarRun & { control: string })[] };
    const own = parsed.runs.filter((r) => r.service === "inventory" && r.region === "us-east-1");
    expect(own.every((r) => r.startUtc >= frozen.until)).toBe(true);
    expect(parsed.controlled.length).toBeGreaterThan(0);
    expect(parsed.controlled.every((r) => r.control === "frozen" && r.startUtc < frozen.until)).toBe(true);
  });

  it("refuses a control file that is not JSON with exit 2", async () => {
    const path = join(dir, "bad.json");
    writeFileSync(path, "not json");
    const { code, err } = await calendar("--control", path);
    expect(code).toBe(2);
    expect(err).toContain("cannot read it as JSON");
  });
});
