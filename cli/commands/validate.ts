import type { Command } from "commander";
import { existsSync, readdirSync } from "node:fs";
import { colors as pc } from "../../components/render/colors.js";
import { expandServices } from "../../components/pipeline.js";
import { toPlan } from "../../components/plan/index.js";
import { SpecError, sortDiagnostics, type Diagnostic } from "../../components/core/spec/errors.js";
import { loadSpecFiles } from "../../components/spec/load.js";
import { type StackConfig } from "../../components/core/stack/config.js";
import { loadStackConfig } from "../../components/spec/stack.js";
import { baseCommand, projectRoot, resolvePath, type RunState, withRootOption } from "../command.js";
import { EXIT, type Io } from "../io.js";

interface ValidateOptions {
  readonly stack?: string;
  readonly stacksDir: string;
  readonly services?: string;
  readonly allowOutsideRoot?: boolean;
}

/**
 * `reliability validate [files...] [--stack <name>]`: spec errors only. Each spec is checked on
 * its own and, for every stack in the stacks folder (or just `--stack`), for that stack's
 * environment — so a spec that would fail in prod fails review in any branch.
 */
export function validateCommand(io: Io, state: RunState): Command {
  return withRootOption(baseCommand("validate", io))
    .description("validate spec files; exit 0 when valid, 2 with every problem (file:line:col field: message) when not")
    .argument("[files...]", "spec files (default: --services glob)")
    .option("--stack <name>", "validate only against this stack (default: every stacks/Pulumi.<stack>.yaml)")
    .option("--stacks-dir <dir>", "folder with the Pulumi.<stack>.yaml files", "stacks")
    .option("--services <glob>", "service specs to read when no files are given", "services/*.yaml")
    .action((files: string[], options: ValidateOptions) => {
      const paths = files.length > 0 ? files : expandServices(options.services ?? "services/*.yaml", io.cwd);
      const diagnostics = validateAll(io, paths, stacksToCheck(io, options), projectRoot(io, options));
      if (diagnostics.length > 0) throw new SpecError(diagnostics);
      io.out(`${pc.green("valid")} ${paths.length} spec${paths.length === 1 ? "" : "s"}`);
      state.code = EXIT.ok;
    });
}

/** The stacks specs are checked against: `--stack`, else every `Pulumi.<stack>.yaml` of the stacks folder, by name. */
export function stacksToCheck(io: Io, options: ValidateOptions): StackConfig[] {
  const dir = resolvePath(io, options.stacksDir);
  const root = projectRoot(io, options);
  if (options.stack) return [loadStackConfig(options.stacksDir, options.stack, io.cwd, root)];
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort()
    .map((s) => loadStackConfig(options.stacksDir, s, io.cwd, root));
}

function validateAll(
  io: Io,
  files: readonly string[],
  stacks: readonly StackConfig[],
  root: string | false,
): Diagnostic[] {
  const base = loadSpecFiles(files, undefined, io.cwd, root).diagnostics;
  if (base.length > 0) return sortDiagnostics(base);
  const found: Diagnostic[] = [];
  for (const stack of stacks) {
    const loaded = loadSpecFiles(files, stack, io.cwd, root);
    found.push(...loaded.diagnostics);
    if (loaded.diagnostics.length > 0) continue;
    try {
      toPlan(loaded.services, stack);
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      found.push(...error.diagnostics);
    }
  }
  return sortDiagnostics(found);
}
