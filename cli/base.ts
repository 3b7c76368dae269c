/**
 * The base a change is compared with: a `plan.json` that `reliability plan` wrote, or a git ref
 * whose `services/` and stack config are read from git (`git archive` into a temporary folder, the
 * work tree and the index untouched) and planned with the current code.
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { PlannedResource, ServicePlan } from "../components/core/plan/types.js";
import { SpecError } from "../components/core/spec/errors.js";
import type { DiffBase } from "../components/report/diff/index.js";
import { loadStackConfig } from "../components/spec/stack.js";
import { resolvePath, type StackOptions } from "./command.js";
import { type Io, UsageError } from "./io.js";
import { loadLazily } from "./lazy-stack.js";
import { PlanFile, type PlanFileLayout } from "./plan-file.js";

/** The base of a diff, its services read or planned one at a time, and how the report names it. */
export interface BaseSource extends DiffBase {
  /** `git main`, or the plan file's path. */
  readonly label: string;
  /**
   * Once the diff has read every service of the base: releases what the base holds.
   * @throws SpecError naming the problems planning found in the base's specs.
   */
  readonly finish: () => void;
  /** Releases what the base holds, when the diff failed. */
  readonly close: () => void;
}

/** Largest archive of the base's specs and stacks read from git, bytes. */
const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;

/**
 * The base named by `--base`: a `.json` file (or any existing file) is a plan, anything else a git
 * ref, whose specs are loaded now and planned one service at a time as the diff reads them.
 * `services` is the glob the change itself was planned from.
 */
export async function loadBase(io: Io, base: string, options: StackOptions, services: string): Promise<BaseSource> {
  const path = resolvePath(io, base);
  if (base.endsWith(".json") || (existsSync(path) && statSync(path).isFile()))
    return readPlanFile(path, base, options.stack);
  return planGitRef(io, base, options, services);
}

/** The expected file, for error messages. */
const EXPECTED = "expected the plan.json that `reliability plan` writes";

/** Why a file that is JSON is not a plan. */
const NOT_A_PLAN = `not a plan.json (needs stack, environment and services[].resources); ${EXPECTED}`;

/**
 * Reads a `plan.json` one service at a time, checking its shape and stack (each service's shape as it is read).
 * @throws UsageError when it cannot be read, is not a plan or is the plan of another stack.
 */
export function readPlanFile(path: string, shown: string, stack: string): BaseSource {
  let file: PlanFile | undefined;
  let layout: PlanFileLayout;
  try {
    file = new PlanFile(path);
    layout = file.layout();
  } catch (error) {
    file?.close();
    throw new UsageError(`--base ${shown}: cannot read a plan (${(error as Error).message}); ${EXPECTED}`);
  }
  const plan = file;
  const field = (name: string): unknown => {
    const range = layout.fields.get(name);
    return range && plan.value(range);
  };
  const refuse = (message: string): never => {
    plan.close();
    throw new UsageError(message);
  };
  const named = field("stack");
  const ranges = layout.services;
  if (typeof named !== "string" || typeof field("environment") !== "string" || !ranges)
    return refuse(`--base ${shown}: ${NOT_A_PLAN}`);
  if (named !== stack)
    return refuse(
      `--base ${shown} is the plan of stack ${JSON.stringify(named)}, not of --stack ${JSON.stringify(stack)}`,
    );
  return {
    label: shown,
    services: (function* () {
      for (const range of ranges) {
        const service = plan.value(range) as Partial<ServicePlan> | null;
        if (typeof service !== "object" || service === null || !Array.isArray(service.resources))
          throw new UsageError(`--base ${shown}: ${NOT_A_PLAN}`);
        yield service as ServicePlan;
      }
    })(),
    shared: () => (field("shared") as { resources?: PlannedResource[] } | undefined)?.resources ?? [],
    finish: () => plan.close(),
    close: () => plan.close(),
  };
}

function git(cwd: string, args: readonly string[]): { ok: boolean; stdout: Buffer; stderr: string } {
  const r = spawnSync("git", args, { cwd, maxBuffer: MAX_ARCHIVE_BYTES });
  return {
    ok: r.status === 0,
    stdout: r.stdout ?? Buffer.alloc(0),
    stderr: (r.stderr ?? Buffer.alloc(0)).toString().trim(),
  };
}

/** Loads the specs and stack config of a git ref, to be planned with the current code one service at a time. */
async function planGitRef(io: Io, ref: string, options: StackOptions, services: string): Promise<BaseSource> {
  if (ref.startsWith("-") || !git(io.cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).ok)
    throw new UsageError(
      `--base ${JSON.stringify(ref)} is neither a plan.json file nor a commit git knows in ${io.cwd}`,
    );
  const inRef = (error: unknown) =>
    error instanceof SpecError
      ? new SpecError(error.diagnostics.map((d) => ({ ...d, file: `${ref}:${d.file}` })))
      : error;
  const dir = mkdtempSync(join(tmpdir(), "reliability-base-"));
  try {
    const stacksDir = relative(io.cwd, resolvePath(io, options.stacksDir)) || ".";
    const paths = [stacksDir, globBase(services)];
    const archive = git(io.cwd, ["archive", "--format=tar", ref, "--", ...new Set(paths)]);
    if (!archive.ok)
      throw new UsageError(`--base ${ref}: git cannot read ${paths.join(" and ")} at that commit (${archive.stderr})`);
    const untar = spawnSync("tar", ["-x", "-C", dir], { input: archive.stdout });
    if (untar.status !== 0) throw new Error(`extracting the ${ref} archive failed: ${(untar.stderr ?? "").toString()}`);
    const stack = loadStackConfig(stacksDir, options.stack, dir);
    const lazy = await loadLazily(stack, services, dir, dir);
    return {
      label: `git ${ref}`,
      services: (function* () {
        for (const name of lazy.names) yield lazy.plan(name);
      })(),
      shared: () => lazy.shared?.resources ?? [],
      finish: () => {
        try {
          lazy.finish();
        } catch (error) {
          throw inRef(error);
        }
      },
      close: () => undefined,
    };
  } catch (error) {
    throw inRef(error);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The folder part of a glob before its first wildcard (`services/*.yaml` → `services`). */
export function globBase(glob: string): string {
  const parts = glob.split("/");
  const fixed = parts.slice(
    0,
    parts.findIndex((p) => /[*?[\]{}!]/.test(p)),
  );
  return fixed.length > 0 ? fixed.join("/") : ".";
}
