import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT } from "../support/project.js";
import { run, tempProject } from "./harness.js";

let project: { dir: string; remove: () => void };
beforeEach(() => {
  project = tempProject();
});
afterEach(() => project.remove());

/** Entries beside the output folder other than the project's own. */
function strays(): string[] {
  return readdirSync(project.dir).filter((f) => !["services", "stacks", "out"].includes(f));
}

/** A folder the current user cannot create entries in (root ignores modes, so it gets a read-only mount). */
function unwritableOut(): string {
  if (process.getuid?.() === 0) return "/sys/reliability-out";
  const locked = join(project.dir, "locked");
  mkdirSync(locked);
  chmodSync(locked, 0o555);
  return join(locked, "out");
}

describe("where plan writes its output", () => {
  it.each([
    ["an existing file", () => writeFileSync(join(project.dir, "out"), "keep"), "out", /exists and is not a folder/],
    ["a folder it may not write", () => undefined, "", /cannot write .*: (permission denied|a file stands)/],
  ])(
    "refuses --out at %s with exit 2, the path and the fix, changing nothing",
    async (_name, arrange, out, message) => {
      arrange();
      const target = out === "" ? unwritableOut() : out;
      const result = await run(project.dir, "plan", "--stack", "dev", "--out", target);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/choose another --out/);
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
      if (out !== "") expect(readFileSync(join(project.dir, out), "utf8")).toBe("keep");
      expect(strays().filter((f) => f !== "locked")).toEqual([]);
    },
  );
});

describe("which spec files are read", () => {
  it.each([
    ["a named pipe", (path: string) => execFileSync("mkfifo", [path]), /named pipe \(FIFO\) is not a regular file/],
    ["a symlink to /dev/zero", (path: string) => symlinkSync("/dev/zero", path), /a device is not a regular file/],
    ["a folder", (path: string) => mkdirSync(path), /not a regular file/],
  ])("refuses %s at once with a diagnostic naming it", async (_name, make, message) => {
    make(join(project.dir, "services", "zz-hostile.yaml"));
    const started = Date.now();
    const result = await run(project.dir, "validate", "services/zz-hostile.yaml");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error services\/zz-hostile\.yaml:1:1 cannot read the file: /);
    expect(result.stderr).toMatch(message);
  });
});

/** Runs `reliability plan` in a child process, interrupts it after `delay` ms, and resolves when it exits. */
function interruptedPlan(out: string, signal: NodeJS.Signals, delay: number): Promise<number | null> {
  const child = spawn(process.execPath, [join(ROOT, "bin/reliability.cjs"), "plan", "--stack", "prod", "--out", out], {
    cwd: project.dir,
    stdio: "ignore",
  });
  const timer = setTimeout(() => child.kill(signal), delay);
  return new Promise((done) =>
    child.on("exit", (code) => {
      clearTimeout(timer);
      done(code);
    }),
  );
}

describe("an interrupted plan", () => {
  it.each([
    ["SIGINT", 400],
    ["SIGINT", 2_500],
    ["SIGTERM", 1_500],
    ["SIGTERM", 3_500],
  ] as const)(
    "leaves no staging folder and either the previous or the complete output (%s after %d ms)",
    async (signal, delay) => {
      const out = join(project.dir, "out");
      mkdirSync(out);
      writeFileSync(join(out, "previous.txt"), "keep");
      const code = await interruptedPlan(out, signal, delay);
      expect(strays()).toEqual([]);
      const files = readdirSync(out);
      if (files.includes("previous.txt")) expect(files).toEqual(["previous.txt"]);
      else expect(existsSync(join(out, "plan.json"))).toBe(true);
      expect([0, 130, null]).toContain(code);
    },
    20_000,
  );
});
