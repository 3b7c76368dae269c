import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { main } from "../../cli/main.js";
import type { Io } from "../../cli/io.js";
import type { CacheInput } from "../../cli/fleet/recall.js";
import { DEFAULT_SERVICES_GLOB, expandServices } from "../../components/pipeline.js";
import { loadStackConfig } from "../../components/spec/stack.js";
import { ROOT } from "../support/project.js";

/** What one CLI run printed and returned. */
export interface CliRun {
  /** Exit code. */
  readonly code: number;
  /** Everything written to stdout. */
  readonly stdout: string;
  /** Everything written to stderr, colours removed. */
  readonly stderr: string;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Runs `reliability <args>` in `cwd` with captured streams. */
export async function run(cwd: string, ...args: string[]): Promise<CliRun> {
  return runWith(cwd, {}, ...args);
}

/** Runs `reliability <args>` in `cwd` with captured streams and `extra` parts of the Io (a terminal's `ask`). */
export async function runWith(cwd: string, extra: Pick<Io, "ask">, ...args: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    out: (t) => void (stdout += t.endsWith("\n") ? t : `${t}\n`),
    err: (t) => void (stderr += t.endsWith("\n") ? t : `${t}\n`),
    cwd,
    ...extra,
  };
  const code = await main(["node", "reliability", ...args], io);
  return { code, stdout, stderr: stderr.replace(ANSI, "") };
}

/** A temporary project folder with copies of the example services and stacks; removed by the returned function. */
export function tempProject(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "reliability-cli-"));
  cpSync(join(ROOT, "services"), join(dir, "services"), { recursive: true });
  cpSync(join(ROOT, "stacks"), join(dir, "stacks"), { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every file under `dir`, by relative path, with its text. */
export function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path, "utf8"));
    }
  };
  walk(dir);
  return out;
}

/**
 * Runs the prebuilt `reliability` command in `cwd` in a child process (worker threads and the plan
 * cache need the build), without blocking the test runner's own messages while it runs.
 */
export function cli(cwd: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const options = {
      cwd,
      encoding: "utf8" as const,
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: "1" },
    };
    execFile(process.execPath, [join(ROOT, "bin/reliability.cjs"), ...args], options, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * The prod stack of a project as a fleet run does it, with the cache record `cache` (relative to
 * the project) of a build named `tool`; without a tool, no cache.
 */
export function prodFleet(dir: string, cache: string, tool: string | undefined): CacheInput {
  const stack = loadStackConfig("stacks", "prod", dir);
  return {
    stack,
    files: expandServices(stack.services ?? DEFAULT_SERVICES_GLOB, dir),
    cwd: dir,
    root: dir,
    ...(tool === undefined ? {} : { cache: { file: join(dir, cache), tool } }),
  };
}
