/**
 * The gate fails closed: the planned gate Task's own script, run with `sh` and the real `curl`,
 * against a loopback server answering as Prometheus might (and as it should not), with the control
 * state as files; then its exit code goes through the branch selection Chaos Mesh performs. Only a
 * complete, empty answer for an active (or no longer frozen) service spawns the injection.
 */

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GATE_ENV, GATE_EXIT, GATE_PASS_BODY } from "../../components/domains/chaos/gate.js";
import { planExamples } from "../support/project.js";
import { freePort, serve } from "../support/loopback.js";
import { spawnedBranches, type Branch } from "./branches.js";
import { schedules, templates } from "./support.js";

/** The gate template of checkout's first prod Schedule, as planned. */
function plannedGate(): { script: string; env: Record<string, string>; branches: Branch[] } {
  const schedule = schedules(planExamples("prod").plan).find((s) => s.metadata["name"] === "checkout-kill-one-pod");
  const gate = schedule ? templates(schedule).find((t) => t["name"] === "gate") : undefined;
  const container = (gate?.["task"] as { container?: Record<string, unknown> } | undefined)?.container;
  const command = container?.["command"] as string[] | undefined;
  if (!gate || !command || command[0] !== "/bin/sh" || command[1] !== "-c") throw new Error("no planned gate script");
  const env = Object.fromEntries(
    ((container?.["env"] as { name: string; value: string }[] | undefined) ?? []).map((e) => [e.name, e.value]),
  );
  return { script: command[2] ?? "", env, branches: gate["conditionalBranches"] as Branch[] };
}

const GATE = plannedGate();
/** Seconds curl may take in these runs: the plan's value is kept in the script, only shortened to bound the test. */
const MAX_TIME = 1;

let server: Server;
let base: string;
let refused: string;
let dir: string;

/** Answers by path, as Prometheus or something in front of it might. */
function answer(path: string, res: ServerResponse): void {
  if (path === "/pass") return void res.writeHead(200, { "content-type": "application/json" }).end(GATE_PASS_BODY);
  if (path === "/firing")
    return void res
      .writeHead(422, { "content-type": "application/json" })
      .end('{"status":"error","errorType":"execution","error":"many-to-many matching not allowed"}');
  if (path === "/result")
    return void res.writeHead(200).end('{"status":"success","data":{"resultType":"vector","result":[{"metric":{}}]}}');
  if (path === "/html") return void res.writeHead(200, { "content-type": "text/html" }).end("<html>proxy</html>");
  if (path === "/slow") {
    res.writeHead(200, { "content-length": String(GATE_PASS_BODY.length) });
    res.write(GATE_PASS_BODY.slice(0, 10));
    const timer = setTimeout(() => res.end(GATE_PASS_BODY.slice(10)), (MAX_TIME + 2) * 1000);
    res.on("close", () => clearTimeout(timer));
    return;
  }
  if (path === "/truncated") {
    res.writeHead(200, { "content-length": String(GATE_PASS_BODY.length) });
    res.write(GATE_PASS_BODY.slice(0, 30));
    return void setTimeout(() => res.destroy(), 50);
  }
  if (path === "/no-headers") return; // never answers: curl's --max-time ends it
  res.writeHead(404).end();
}

/** Writes the control files of `checkout` and the stops list (null: no file), and runs the planned script against `url`. */
function runGate(
  url: string,
  control: Record<string, string> | undefined,
  stops: string | null = "",
): Promise<{ code: number; out: string }> {
  const here = mkdtempSync(join(dir, "control-"));
  for (const [field, value] of Object.entries(control ?? {})) writeFileSync(join(here, `checkout.${field}`), value);
  if (stops !== null) writeFileSync(join(here, "stops"), stops);
  const env = {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    ...GATE.env,
    [GATE_ENV.url]: url,
    [GATE_ENV.controlDir]: here,
    [GATE_ENV.stopsFile]: join(here, "stops"),
    [GATE_ENV.maxTime]: String(MAX_TIME),
  };
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", GATE.script], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    const killer = setTimeout(() => child.kill("SIGKILL"), (MAX_TIME + 5) * 1000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(killer);
      resolve({ code: code ?? -1, out });
    });
  });
}

const ACTIVE = { state: "active" };
const HOUR = 3_600_000;
const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** Each case: the exit code the gate must end with, the control state and where the query goes. */
const CASES: readonly (readonly [string, number, Record<string, string> | undefined, string])[] = [
  ["an active service and an empty result", GATE_EXIT.pass, ACTIVE, "/pass"],
  ["a budget alert firing (HTTP 422)", GATE_EXIT.queryFailed, ACTIVE, "/firing"],
  ["a 200 with a non-empty result", GATE_EXIT.budget, ACTIVE, "/result"],
  ["a 200 that is not Prometheus JSON", GATE_EXIT.budget, ACTIVE, "/html"],
  ["a body slower than the time limit", GATE_EXIT.queryFailed, ACTIVE, "/slow"],
  ["a truncated body", GATE_EXIT.queryFailed, ACTIVE, "/truncated"],
  ["no headers before the time limit", GATE_EXIT.queryFailed, ACTIVE, "/no-headers"],
  ["a refused connection", GATE_EXIT.queryFailed, ACTIVE, "refused"],
  ["a name that does not resolve", GATE_EXIT.queryFailed, ACTIVE, "dns"],
  ["a paused service", GATE_EXIT.paused, { state: "paused", reason: "incident 42", by: "ops" }, "/pass"],
  ["a freeze until a future time", GATE_EXIT.frozen, { state: "frozen", until: rfc3339(Date.now() + HOUR) }, "/pass"],
  ["a freeze until a past time", GATE_EXIT.pass, { state: "frozen", until: rfc3339(Date.now() - HOUR) }, "/pass"],
  ["a freeze with an unreadable end", GATE_EXIT.badControl, { state: "frozen", until: "tomorrow" }, "/pass"],
  ["an unknown state", GATE_EXIT.badControl, { state: "maybe" }, "/pass"],
  ["no control state at all", GATE_EXIT.noControl, undefined, "/pass"],
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "reliability-gate-script-"));
  ({ server, url: base } = await serve((req, _body, res) => answer(req.url ?? "/", res)));
  refused = `http://127.0.0.1:${await freePort()}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe("the gate Task's script", () => {
  it.each(CASES)("with %s exits %i", async (_name, expected, control, where) => {
    const url = where === "refused" ? refused : where === "dns" ? "http://prometheus.invalid/" : `${base}${where}`;
    const started = Date.now();
    const { code, out } = await runGate(url, control);
    expect(code, out).toBe(expected);
    expect(Date.now() - started).toBeLessThan((MAX_TIME + 4) * 1000);
    expect(spawnedBranches(GATE.branches, { phase: code === 0 ? "Succeeded" : "Failed", exitCode: code })).toEqual(
      code === 0 ? ["run"] : [],
    );
  });
});

const now = () => Math.floor(Date.now() / 1000);
const SCHEDULE = "checkout-kill-one-pod";

/** Each case: the exit code, and the stops list (`null`: no list mounted). */
const STOPS: readonly (readonly [string, number, () => string | null])[] = [
  ["no stops", GATE_EXIT.pass, () => ""],
  ["a stop of this Schedule now", GATE_EXIT.stopped, () => `${SCHEDULE} ${now() - 60} ${now() + 60} change day\n`],
  ["a stop of every Schedule now", GATE_EXIT.stopped, () => `* ${now() - 60} ${now() + 60} freeze sale\n`],
  ["a stop that starts within the run", GATE_EXIT.stopped, () => `* ${now() + 120} ${now() + 3600} freeze sale\n`],
  ["a stop of another Schedule", GATE_EXIT.pass, () => `checkout-other ${now() - 60} ${now() + 60} change day\n`],
  ["a stop that has ended", GATE_EXIT.pass, () => `* ${now() - 3600} ${now() - 60} freeze sale\n`],
  ["a stop after the run", GATE_EXIT.pass, () => `* ${now() + 86_400} ${now() + 90_000} freeze sale\n`],
  ["a last line without its newline", GATE_EXIT.stopped, () => `* ${now() - 60} ${now() + 60} freeze`],
  ["an unreadable stop", GATE_EXIT.badControl, () => `* soon later freeze\n`],
  ["no stops list", GATE_EXIT.noControl, () => null],
];

describe("the gate Task's script with the planned stops", () => {
  it.each(STOPS)("with %s exits %i", async (_name, expected, stops) => {
    const { code, out } = await runGate(`${base}/pass`, ACTIVE, stops());
    expect(code, out).toBe(expected);
  });
});

describe("Chaos Mesh's branch selection after the gate", () => {
  it.each([
    ["a pod that exited 0", { phase: "Succeeded", exitCode: 0 }, ["run"]],
    ["a pod that exited 7", { phase: "Failed", exitCode: 7 }, []],
    ["a pod killed at its limits (137)", { phase: "Failed", exitCode: 137 }, []],
    ["a pod still running at the deadline", { phase: "Running" }, []],
    ["a pod that never started (ConfigMap missing)", { phase: "Pending" }, []],
  ] as const)("spawn for %s exactly %j", (_name, pod, expected) => {
    expect(spawnedBranches(GATE.branches, pod)).toEqual(expected);
  });
});
