import { Command, InvalidArgumentError, Option } from "commander";
import { isAbsolute, join } from "node:path";
import { DEFAULT_SERVICES_GLOB, planStack, type PlannedStack } from "../components/pipeline.js";
import { type StackConfig } from "../components/core/stack/config.js";
import { ALLOW_OUTSIDE_ROOT_FLAG } from "../components/spec/read.js";
import { loadStackConfig } from "../components/spec/stack.js";
import { type Io, UsageError } from "./io.js";
import type { Progress } from "./progress.js";
import { CLI_DEFAULTS } from "./defaults.js";
import { cacheFile, type CacheSettings, toolFingerprint } from "./fleet/cache.js";

/** Shared state of one CLI run: the exit code the last action decided. */
export interface RunState {
  /** Exit code to return. */
  code: number;
}

/** Creates a command wired to the run's streams, without commander's own `process.exit`. */
export function baseCommand(name: string, io: Io): Command {
  return new Command(name).exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err }).showHelpAfterError();
}

/** Options every stack-aware command takes. */
export interface StackOptions {
  /** Stack name. */
  readonly stack: string;
  /** Glob of specs. */
  readonly services?: string;
  /** Folder holding `Pulumi.<stack>.yaml`. */
  readonly stacksDir: string;
  /** Read spec and stack files whose symbolic links lead out of the project root. */
  readonly allowOutsideRoot?: boolean;
}

/** Adds `--allow-outside-root`. */
export function withRootOption(command: Command): Command {
  return command.option(
    ALLOW_OUTSIDE_ROOT_FLAG,
    "read spec and stack files even when a symbolic link leads out of the project root (the working directory)",
  );
}

/** The project root files must stay in (the working directory), or false when the options allow any place. */
export function projectRoot(io: Io, options: { readonly allowOutsideRoot?: boolean }): string | false {
  return options.allowOutsideRoot ? false : io.cwd;
}

/** Adds `--stack`, `--services` and `--stacks-dir`. */
export function withStackOptions(command: Command, stackRequired = true): Command {
  const stack = new Option("--stack <name>", "Pulumi stack whose config (stacks/Pulumi.<name>.yaml) to use");
  return withRootOption(command)
    .addOption(stackRequired ? stack.makeOptionMandatory() : stack)
    .option(
      "--services <glob>",
      `service specs to read (default: the stack's reliability:services, else ${DEFAULT_SERVICES_GLOB})`,
    )
    .option("--stacks-dir <dir>", "folder with the Pulumi.<stack>.yaml files", "stacks");
}

/** Adds `--format` limited to `choices`. */
export function withFormat(command: Command, choices: readonly string[], fallback: string): Command {
  return command.addOption(new Option("--format <format>", "output format").choices([...choices]).default(fallback));
}

/** Resolves a path against the run's working directory. */
export function resolvePath(io: Io, path: string): string {
  return isAbsolute(path) ? path : join(io.cwd, path);
}

/** Loads the stack config named by the options. */
export function loadStack(io: Io, options: StackOptions): StackConfig {
  if (!/^[A-Za-z0-9_.-]+$/.test(options.stack))
    throw new UsageError(`--stack must be a stack name such as dev or prod, got ${JSON.stringify(options.stack)}`);
  return loadStackConfig(options.stacksDir, options.stack, io.cwd, projectRoot(io, options));
}

/** Loads the stack and plans its services, reporting each service loaded to `progress`. */
export function planFromOptions(
  io: Io,
  options: StackOptions,
  progress?: Progress,
): PlannedStack & { readonly stack: StackConfig } {
  const stack = loadStack(io, options);
  const glob = options.services ?? stack.services ?? DEFAULT_SERVICES_GLOB;
  const onLoaded = progress && ((done: number, total: number) => progress.update("planning services", done, total));
  return { stack, ...planStack(stack, glob, io.cwd, projectRoot(io, options), onLoaded) };
}

/** Parses `--jobs`: a whole number of threads, at least 1. */
function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new InvalidArgumentError(`must be a whole number of threads, at least 1, got ${JSON.stringify(value)}`);
  return jobs;
}

/** Adds `--jobs <n>`: how many threads to run on (`what`), by default one per core for fleets large enough to gain. */
export function withJobs(command: Command, what: string): Command {
  return command.option("--jobs <n>", `${what} (default: one per core, for fleets large enough to gain)`, parseJobs);
}

/** Adds `--cache <dir>` and `--no-cache`: services unchanged since the last run are not `done` again. */
export function withCache(command: Command, done: string): Command {
  return command
    .option(
      "--cache <dir>",
      `cache folder: services whose spec, stack config, CLI build and callers are unchanged are not ${done} again`,
      CLI_DEFAULTS.cacheDir,
    )
    .option("--no-cache", "neither read nor write the cache");
}

/** The cache of a `command` run: none when turned off, or when the CLI runs from its sources (no build to key on). */
export function cacheSettings(
  io: Io,
  dir: string | false,
  command: "plan" | "check",
  stack: string,
): { cache?: CacheSettings } {
  const tool = dir === false ? undefined : toolFingerprint();
  return dir === false || tool === undefined
    ? {}
    : { cache: { file: cacheFile(resolvePath(io, dir), command, stack), tool } };
}
