/**
 * Launches a Pulumi Node.js program the way `pulumi-language-nodejs` does for `pulumi preview`
 * and `pulumi up`: `node <nodeargs> <@pulumi/pulumi/cmd/run> --monitor … --engine … --project …
 * --root-directory … --stack … --pwd … [--dry-run] --parallel N <entry point>`, with the stack's
 * config in `PULUMI_CONFIG` (keys `<ns>:config:<name>`, structured values as JSON), the secret keys
 * in `PULUMI_CONFIG_SECRET_KEYS`, and the `Pulumi.yaml` runtime options turned into node arguments
 * and `PULUMI_NODEJS_*` variables.
 * @see https://github.com/pulumi/pulumi/blob/master/sdk/nodejs/cmd/pulumi-language-nodejs/main.go
 * @see https://www.pulumi.com/docs/iac/concepts/projects/project-file/#runtime-options
 */

import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/** The parts of `Pulumi.yaml` the language host and the CLI read to run a program. */
export interface ProjectFile {
  /** Project name. */
  readonly name: string;
  /** Runtime name (`nodejs`). */
  readonly runtime: string;
  /** `runtime.options`. */
  readonly options: Readonly<Record<string, unknown>>;
  /** `main`, if set. */
  readonly main?: string;
  /** `stackConfigDir`, if set. */
  readonly stackConfigDir?: string;
  /** Project-level config declarations (`config:` with `default`s). */
  readonly config: Readonly<Record<string, unknown>>;
}

/** Reads `Pulumi.yaml` from a project directory. */
export function readProject(dir: string): ProjectFile {
  const raw = parse(readFileSync(join(dir, "Pulumi.yaml"), "utf8")) as Record<string, unknown>;
  const runtime = raw["runtime"];
  const runtimeName = typeof runtime === "string" ? runtime : String((runtime as { name?: unknown } | undefined)?.name);
  const options =
    typeof runtime === "object" && runtime !== null
      ? ((runtime as { options?: Record<string, unknown> }).options ?? {})
      : {};
  return {
    name: String(raw["name"]),
    runtime: runtimeName,
    options,
    ...(typeof raw["main"] === "string" ? { main: raw["main"] } : {}),
    ...(typeof raw["stackConfigDir"] === "string" ? { stackConfigDir: raw["stackConfigDir"] } : {}),
    config: (raw["config"] as Record<string, unknown> | undefined) ?? {},
  };
}

/** A stack's configuration as the CLI hands it to the language host. */
export interface StackConfigBag {
  /** `<namespace>:<key>` → value (strings as-is, structured values as JSON). */
  readonly config: Readonly<Record<string, string>>;
  /** Keys whose values are secrets. */
  readonly secretKeys: readonly string[];
}

/**
 * Builds the config bag of a stack: the project's config defaults overlaid by
 * `<stackConfigDir>/Pulumi.<stack>.yaml`, the way the CLI merges them.
 * @throws Error for an encrypted (`secure:`) value, which only the CLI can decrypt.
 */
export function stackConfigBag(
  dir: string,
  project: ProjectFile,
  stack: string,
  overrides: Readonly<Record<string, unknown>> = {},
): StackConfigBag {
  const qualify = (key: string): string => (key.includes(":") ? key : `${project.name}:${key}`);
  const values: Record<string, unknown> = {};
  for (const [key, decl] of Object.entries(project.config)) {
    if (decl !== null && typeof decl === "object" && "default" in decl)
      values[qualify(key)] = (decl as { default: unknown }).default;
  }
  const file = join(dir, project.stackConfigDir ?? ".", `Pulumi.${stack}.yaml`);
  const stackValues = ((parse(readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null)?.config ??
    {}) as Record<string, unknown>;
  Object.assign(values, stackValues, overrides);
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== null && typeof value === "object" && "secure" in value)
      throw new Error(`${file}: ${key} is encrypted; only the Pulumi CLI can decrypt it`);
    config[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { config, secretKeys: [] };
}

/** Splits `nodeargs` the way the language host does (POSIX shell words: quotes and backslashes). */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|((?:[^\s"'\\]|\\.)+)|(\s+)/g;
  let current: string | undefined;
  for (const m of text.matchAll(pattern)) {
    if (m[4] !== undefined) {
      if (current !== undefined) words.push(current);
      current = undefined;
      continue;
    }
    const piece = m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : (m[2] ?? (m[3] ?? "").replace(/\\(.)/g, "$1"));
    current = (current ?? "") + piece;
  }
  if (current !== undefined) words.push(current);
  return words;
}

/** What to run. */
export interface LaunchOptions {
  /** Project directory (holds `Pulumi.yaml`). */
  readonly dir: string;
  /** Stack name. */
  readonly stack: string;
  /** Preview (`--dry-run`) or update. */
  readonly dryRun: boolean;
  /** Address of the resource monitor and engine. */
  readonly engineAddress: string;
  /** Config keys to set on top of the stack file (`pulumi config set`). */
  readonly configOverrides?: Readonly<Record<string, unknown>>;
  /** Kill the program after this long. */
  readonly timeoutMs: number;
}

/** How a run ended. */
export interface ProgramExit {
  /** Exit code (null when killed). */
  readonly code: number | null;
  /** Standard output. */
  readonly stdout: string;
  /** Standard error. */
  readonly stderr: string;
  /** True when the timeout killed it. */
  readonly timedOut: boolean;
}

/** The command line and environment the language host would use. */
export function languageHostCommand(options: LaunchOptions): {
  args: string[];
  env: Record<string, string>;
  cwd: string;
} {
  const project = readProject(options.dir);
  if (project.runtime !== "nodejs") throw new Error(`runtime must be nodejs, got ${project.runtime}`);
  const programDir = project.main ? join(options.dir, project.main) : options.dir;
  const bag = stackConfigBag(options.dir, project, options.stack, options.configOverrides);
  const runPath = require.resolve("@pulumi/pulumi/cmd/run", { paths: [programDir] });
  const legacyKeys = Object.fromEntries(
    Object.entries(bag.config).map(([k, v]) => [k.replace(/^([^:]+):/, "$1:config:"), v]),
  );
  const opts = project.options;
  const env: Record<string, string> = {
    ...inheritedEnv(),
    PULUMI_CONFIG: JSON.stringify(legacyKeys),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(bag.secretKeys),
    ...(opts["typescript"] === false ? {} : { PULUMI_NODEJS_TYPESCRIPT: "true" }),
    ...(typeof opts["tsconfig"] === "string" ? { PULUMI_NODEJS_TSCONFIG_PATH: opts["tsconfig"] } : {}),
  };
  const args = [
    ...shellWords(typeof opts["nodeargs"] === "string" ? opts["nodeargs"] : ""),
    runPath,
    "--monitor",
    options.engineAddress,
    "--engine",
    options.engineAddress,
    "--organization",
    "organization",
    "--project",
    project.name,
    "--root-directory",
    options.dir,
    "--stack",
    options.stack,
    "--pwd",
    programDir,
    ...(options.dryRun ? ["--dry-run"] : []),
    "--parallel",
    "16",
    ".",
  ];
  return { args, env, cwd: programDir };
}

/** The user's environment minus the test runner's own variables. */
function inheritedEnv(): Record<string, string> {
  const keep = Object.entries(process.env).filter(
    ([k, v]) => v !== undefined && !/^(VITEST|NODE_OPTIONS$|NODE_ENV$|TSX_|PULUMI_)/.test(k),
  );
  return { ...Object.fromEntries(keep), NO_COLOR: "1" } as Record<string, string>;
}

/** Runs the program to completion (or the timeout) and reports how it ended. */
export function launchProgram(options: LaunchOptions): Promise<ProgramExit> {
  const { args, env, cwd } = languageHostCommand(options);
  return runProcess(process.execPath, args, { env, cwd, timeoutMs: options.timeoutMs });
}

/** Process groups started here and not yet exited. */
const live = new Set<number>();

/** Kills every process group this module started that is still running (for `afterAll`). */
export function killAll(): void {
  for (const pid of live) killGroup(pid);
  live.clear();
}

/** Tracks a child started with `detached: true` until it exits, so {@link killAll} can stop it. */
export function trackProcess(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  live.add(pid);
  child.on("exit", () => live.delete(pid));
}

/** Runs a process in its own process group, killing the whole group on timeout. */
export function runProcess(
  bin: string,
  args: readonly string[],
  o: { env: Record<string, string>; cwd: string; timeoutMs: number },
): Promise<ProgramExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: o.cwd, env: o.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    trackProcess(child);
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, o.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** Kills a process group started with `detached: true`, ignoring one that is already gone. */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already exited
  }
}
