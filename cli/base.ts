/**
 * The base a change is compared with: a `plan.json` that `reliability plan` wrote, or a git ref
 * whose `services/` and stack config are read from git (`git archive` into a temporary folder, the
 * work tree and the index untouched) and planned with the current code.
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { Plan } from "../components/core/plan/types.js";
import { SpecError } from "../components/core/spec/errors.js";
import { planStack } from "../components/pipeline.js";
import { loadStackConfig } from "../components/spec/stack.js";
import { resolvePath, type StackOptions } from "./command.js";
import { type Io, UsageError } from "./io.js";
import { readUtf8 } from "./read-text.js";

/** The base plan and how the report names it. */
export interface BasePlan {
  /** The plan of the base. */
  readonly plan: Plan;
  /** `git main`, or the plan file's path. */
  readonly label: string;
}

/** Largest archive of the base's specs and stacks read from git, bytes. */
const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;

/**
 * Plans the base named by `--base`: a `.json` file (or any existing file) is a plan, anything else a
 * git ref. `services` is the glob the change itself was planned from.
 */
export function loadBase(io: Io, base: string, options: StackOptions, services: string): BasePlan {
  const path = resolvePath(io, base);
  if (base.endsWith(".json") || (existsSync(path) && statSync(path).isFile()))
    return { plan: readPlanFile(path, base, options.stack), label: base };
  return { plan: planGitRef(io, base, options, services), label: `git ${base}` };
}

/** Reads a `plan.json`, checking its shape and stack. */
export function readPlanFile(path: string, shown: string, stack: string): Plan {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readUtf8(path));
  } catch (error) {
    throw new UsageError(
      `--base ${shown}: cannot read a plan (${(error as Error).message}); expected the plan.json that \`reliability plan\` writes`,
    );
  }
  const plan = parsed as Partial<Plan>;
  const services = Array.isArray(plan.services) ? (plan.services as unknown[]) : undefined;
  const ok =
    typeof plan.stack === "string" &&
    typeof plan.environment === "string" &&
    services?.every(
      (s) => typeof s === "object" && s !== null && Array.isArray((s as { resources?: unknown }).resources),
    );
  if (!ok)
    throw new UsageError(
      `--base ${shown}: not a plan.json (needs stack, environment and services[].resources); expected the file \`reliability plan\` writes`,
    );
  if (plan.stack !== stack)
    throw new UsageError(
      `--base ${shown} is the plan of stack ${JSON.stringify(plan.stack)}, not of --stack ${JSON.stringify(stack)}`,
    );
  return parsed as Plan;
}

function git(cwd: string, args: readonly string[]): { ok: boolean; stdout: Buffer; stderr: string } {
  const r = spawnSync("git", args, { cwd, maxBuffer: MAX_ARCHIVE_BYTES });
  return {
    ok: r.status === 0,
    stdout: r.stdout ?? Buffer.alloc(0),
    stderr: (r.stderr ?? Buffer.alloc(0)).toString().trim(),
  };
}

/** Plans the specs and stack config of a git ref with the current code. */
function planGitRef(io: Io, ref: string, options: StackOptions, services: string): Plan {
  if (ref.startsWith("-") || !git(io.cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).ok)
    throw new UsageError(
      `--base ${JSON.stringify(ref)} is neither a plan.json file nor a commit git knows in ${io.cwd}`,
    );
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
    return planStack(stack, services, dir).plan;
  } catch (error) {
    if (error instanceof SpecError)
      throw new SpecError(error.diagnostics.map((d) => ({ ...d, file: `${ref}:${d.file}` })));
    throw error;
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
