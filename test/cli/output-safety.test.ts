import { spawn } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
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
  const cache = existsSync(join(project.dir, ".reliability-cache"))
    ? readdirSync(join(project.dir, ".reliability-cache")).filter((f) => !/^plan-\w+\.(json|store)$/.test(f))
    : [];
  return [
    ...readdirSync(project.dir).filter((f) => !["services", "stacks", "out", ".reliability-cache"].includes(f)),
    ...cache,
  ];
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
    ["a named pipe", (path: string) => execFileSync("mkfifo", [path]), [], /named pipe \(FIFO\) is not a regular file/],
    [
      "a symlink to /dev/zero",
      (path: string) => symlinkSync("/dev/zero", path),
      [],
      /a symbolic link makes it "\/dev\/zero", outside the project root/,
    ],
    [
      "a symlink to /dev/zero, even when files outside the root are allowed",
      (path: string) => symlinkSync("/dev/zero", path),
      ["--allow-outside-root"],
      /a device is not a regular file/,
    ],
    ["a folder", (path: string) => mkdirSync(path), [], /not a regular file/],
  ])("refuses %s at once with a diagnostic naming it", async (_name, make, flags, message) => {
    make(join(project.dir, "services", "zz-hostile.yaml"));
    const started = Date.now();
    const result = await run(project.dir, "validate", ...flags, "services/zz-hostile.yaml");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error services\/zz-hostile\.yaml:1:1 cannot read the file: /);
    expect(result.stderr).toMatch(message);
  });
});

/** A spec file outside the project, and a link to it at `services/<name>` inside the project. */
function linkedSpec(name: string): { outside: string; real: string } {
  const outside = mkdtempSync(join(tmpdir(), "reliability-outside-"));
  const real = join(outside, "orders.yaml");
  writeFileSync(
    real,
    readFileSync(join(project.dir, "services", "checkout.yaml"), "utf8").replace("name: checkout", "name: orders"),
  );
  symlinkSync(real, join(project.dir, "services", name));
  return { outside, real: realpathSync(real) };
}

describe("symbolic links leaving the project root", () => {
  let outside = "";
  afterEach(() => rmSync(outside, { recursive: true, force: true }));

  it.each([
    ["validate", ["validate"]],
    ["plan", ["plan", "--stack", "dev", "--out", "out/dev"]],
    ["check", ["check", "--stack", "prod"]],
  ])(
    "%s refuses a spec linked from outside with exit 2, the link, its target and both ways out",
    async (_name, args) => {
      const linked = linkedSpec("zz-orders.yaml");
      outside = linked.outside;
      const result = await run(project.dir, ...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `error services/zz-orders.yaml:1:1 cannot read the file: a symbolic link makes it ${JSON.stringify(linked.real)}, outside the project root ${JSON.stringify(realpathSync(project.dir))}; copy the file into the project, or pass --allow-outside-root to read it where it is`,
      );
      expect(existsSync(join(project.dir, "out"))).toBe(false);
    },
  );

  it("reads the linked spec with --allow-outside-root", async () => {
    outside = linkedSpec("zz-orders.yaml").outside;
    const result = await run(project.dir, "validate", "--allow-outside-root");
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^valid 4 specs/);
  });

  it("refuses a services folder that is itself a link out of the project", async () => {
    outside = mkdtempSync(join(tmpdir(), "reliability-outside-"));
    cpSync(join(project.dir, "services"), outside, { recursive: true });
    rmSync(join(project.dir, "services"), { recursive: true });
    symlinkSync(outside, join(project.dir, "services"));
    const result = await run(project.dir, "validate");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error services\/checkout\.yaml:1:1 cannot read the file: a symbolic link makes it /,
    );
  });

  it("refuses a stack file linked from outside", async () => {
    outside = mkdtempSync(join(tmpdir(), "reliability-outside-"));
    const real = join(outside, "Pulumi.dev.yaml");
    cpSync(join(project.dir, "stacks", "Pulumi.dev.yaml"), real);
    rmSync(join(project.dir, "stacks", "Pulumi.dev.yaml"));
    symlinkSync(real, join(project.dir, "stacks", "Pulumi.dev.yaml"));
    const refused = await run(project.dir, "plan", "--stack", "dev", "--out", "out/dev");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^error stacks\/Pulumi\.dev\.yaml:1:1 cannot read the file: a symbolic link makes it /,
    );
    const allowed = await run(project.dir, "plan", "--stack", "dev", "--out", "out/dev", "--allow-outside-root");
    expect(allowed.code).toBe(0);
  });

  it("reads a link that stays inside the project", async () => {
    symlinkSync("checkout.yaml", join(project.dir, "services", "zz-alias.yaml"));
    const result = await run(project.dir, "validate", "services/zz-alias.yaml");
    expect(result.code).toBe(0);
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

describe("standard output closed by its reader", () => {
  it("ends a plan printing plan.json quietly with 141 (128 + SIGPIPE), its files written", async () => {
    const child = spawn(
      process.execPath,
      [join(ROOT, "bin/reliability.cjs"), "plan", "--stack", "prod", "--out", "out", "--format", "json"],
      { cwd: project.dir, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on("exit", done));
    expect({ code, stderr }).toEqual({ code: 141, stderr: "" });
    expect(existsSync(join(project.dir, "out", "plan.json"))).toBe(true);
  }, 60_000);
});
