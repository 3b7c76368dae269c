import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/project.js";
import { tempProject } from "./harness.js";

/** Services in the fleet: enough that planning or checking them on two worker threads takes several seconds. */
const SERVICES = 600;

/** Longest an interrupted run may take to exit once signalled; the whole run takes several times longer. */
const PROMPT_MS = 2_000;

/** When the workers are checking the fleet's services: loaded in under half of this, checked in over twice it. */
const CHECKING_AFTER_MS = 4_000;

let project: { dir: string; remove: () => void };
beforeAll(() => {
  project = tempProject();
  const template = readFileSync(join(project.dir, "services/checkout.yaml"), "utf8");
  for (let i = 1; i <= SERVICES; i++)
    writeFileSync(join(project.dir, "services", `copy${i}.yaml`), template.replaceAll("checkout", `copy${i}`));
});
afterAll(() => project.remove());

interface Interrupted {
  readonly code: number | null;
  readonly stderr: string;
  /** Milliseconds from the signal to the exit. */
  readonly exitMs: number;
}

/** Runs the prebuilt CLI on two worker threads and sends `signal` once `ready` holds (checked every 20 ms). */
function interrupt(args: readonly string[], signal: NodeJS.Signals, ready: () => boolean): Promise<Interrupted> {
  const child = spawn(process.execPath, [join(ROOT, "bin/reliability.cjs"), ...args, "--jobs", "2", "--no-cache"], {
    cwd: project.dir,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let sentAt: number | undefined;
  const poll = setInterval(() => {
    if (sentAt !== undefined || !ready()) return;
    sentAt = performance.now();
    child.kill(signal);
  }, 20);
  return new Promise((done) =>
    child.on("exit", (code) => {
      clearInterval(poll);
      done({ code, stderr, exitMs: sentAt === undefined ? Number.NaN : performance.now() - sentAt });
    }),
  );
}

/** Whether a staging folder beside `out` holds a service's manifests yet (the workers are planning). */
function planning(out: string): boolean {
  const staging = readdirSync(project.dir).find((name) => name.startsWith(`.${out}-`));
  const manifests = staging && join(project.dir, staging, "kubernetes");
  return manifests !== undefined && existsSync(manifests) && readdirSync(manifests).length > 0;
}

describe("an interrupt while worker threads plan or check", () => {
  it.each(["SIGINT", "SIGTERM"] as const)(
    "stops plan within two seconds of %s, keeping the previous output and no staging folder",
    async (signal) => {
      const out = `out-${signal}`;
      mkdirSync(join(project.dir, out));
      writeFileSync(join(project.dir, out, "previous.txt"), "keep");
      const result = await interrupt(["plan", "--stack", "prod", "--out", out], signal, () => planning(out));
      expect(result.stderr).toContain(`interrupted by ${signal}; the previous output was kept`);
      expect(result.code).toBe(130);
      expect(result.exitMs).toBeLessThan(PROMPT_MS);
      expect(readdirSync(join(project.dir, out))).toEqual(["previous.txt"]);
      expect(readdirSync(project.dir).filter((name) => name.startsWith("."))).toEqual([]);
    },
    60_000,
  );

  it("stops check within two seconds of SIGINT", async () => {
    const started = performance.now();
    const checking = () => performance.now() - started > CHECKING_AFTER_MS;
    const result = await interrupt(["check", "--stack", "prod"], "SIGINT", checking);
    expect(result.stderr).toContain("interrupted by SIGINT; nothing was written");
    expect(result.code).toBe(130);
    expect(result.exitMs).toBeLessThan(PROMPT_MS);
  }, 60_000);
});
