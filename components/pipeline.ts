/**
 * The pipeline every entry point shares (the Pulumi program, the CLI, the policy pack):
 * expand the services glob, load and validate the specs for the stack, and plan them.
 */

import { globSync } from "tinyglobby";
import { toPlan } from "./plan/index.js";
import type { Plan } from "./core/plan/types.js";
import { SpecError } from "./core/spec/errors.js";
import { loadSpecFiles, type OnLoaded } from "./spec/load.js";
import type { ResolvedService, SourceMap } from "./core/spec/service.js";
import type { StackConfig } from "./core/stack/config.js";

/** Default glob of service specs, relative to the project root. */
export const DEFAULT_SERVICES_GLOB = "services/*.yaml";

/** Expands a glob of spec files, sorted, relative to `cwd`. @throws SpecError when nothing matches. */
export function expandServices(glob: string, cwd = process.cwd()): string[] {
  const files = globSync(glob, { cwd, onlyFiles: true, expandDirectories: false }).sort();
  if (files.length === 0) {
    throw new SpecError([
      {
        file: glob,
        position: { line: 1, col: 1 },
        path: "",
        message: "matches no spec files (the glob is expanded from the project root)",
      },
    ]);
  }
  return files;
}

/** Services loaded for a stack, and their plan. */
export interface PlannedStack {
  /** Resolved services. */
  readonly services: readonly ResolvedService[];
  /** Where each service's fields are written. */
  readonly sources: SourceMap;
  /** The plan. */
  readonly plan: Plan;
}

/**
 * Loads every spec matching `glob` for the stack and plans them. A spec whose symbolic links lead
 * out of `root` (the project root, `cwd` unless given; `false` reads anywhere) is refused; `onLoaded` hears of each spec loaded.
 * @throws SpecError naming every problem in every file.
 */
export function planStack(
  stack: StackConfig,
  glob = DEFAULT_SERVICES_GLOB,
  cwd = process.cwd(),
  root: string | false = cwd,
  onLoaded?: OnLoaded,
): PlannedStack {
  const files = expandServices(glob, cwd);
  const loaded = loadSpecFiles(files, stack, cwd, root, onLoaded);
  if (loaded.diagnostics.length > 0) throw new SpecError(loaded.diagnostics);
  return { services: loaded.services, sources: loaded.sources, plan: toPlan(loaded.services, stack) };
}
