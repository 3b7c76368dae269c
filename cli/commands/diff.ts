import type { Command } from "commander";
import { type DiffChange, diffStreams, type PlanDiff, planChange } from "../../components/report/diff/index.js";
import { renderDiffMarkdown } from "../../components/report/diff/markdown.js";
import { renderDiffJson, renderDiffText } from "../../components/report/diff/text.js";
import { DEFAULT_SERVICES_GLOB } from "../../components/pipeline.js";
import { type BaseSource, loadBase } from "../base.js";
import {
  baseCommand,
  loadStack,
  type planFromOptions,
  projectRoot,
  type RunState,
  type StackOptions,
  withFormat,
  withStackOptions,
} from "../command.js";
import { EXIT, type Io } from "../io.js";
import { loadLazily } from "../lazy-stack.js";

interface DiffOptions extends StackOptions {
  readonly base: string;
  readonly format: "text" | "json" | "markdown";
}

/** A planned stack with the stack config it was planned for. */
type PlannedStackWithConfig = ReturnType<typeof planFromOptions>;

/** The formats `diff` writes. */
export const DIFF_FORMATS = ["text", "json", "markdown"] as const;

/** The change as the diff reads it, and what to do once it has read it (throw the problems planning found). */
type Change = DiffChange & { readonly finish: () => void };

/**
 * Compares the working tree's stack with `base`, planning each service of either side only when the
 * diff reads it, so neither plan is ever held whole.
 * @throws SpecError naming the problems of the change first, then those of the base.
 */
export async function diffStack(io: Io, options: StackOptions, base: string): Promise<PlanDiff> {
  const stack = loadStack(io, options);
  const services = options.services ?? stack.services ?? DEFAULT_SERVICES_GLOB;
  const now = await loadLazily(stack, services, io.cwd, projectRoot(io, options));
  const change: Change = {
    stack: stack.stack,
    environment: stack.environment,
    names: now.names,
    service: now.plan,
    shared: now.shared?.resources ?? [],
    finish: now.finish,
  };
  return diffWith(change, await loadBase(io, base, options, services));
}

/** Compares a stack planned whole (`check --base`) with the plan of `base`. */
export async function diffAgainst(
  io: Io,
  options: StackOptions,
  now: PlannedStackWithConfig,
  base: string,
): Promise<PlanDiff> {
  const services = options.services ?? now.stack.services ?? DEFAULT_SERVICES_GLOB;
  return diffWith({ ...planChange(now.plan), finish: () => undefined }, await loadBase(io, base, options, services));
}

function diffWith(change: Change, before: BaseSource): PlanDiff {
  let diff: PlanDiff;
  try {
    diff = diffStreams(before, change, before.label);
    change.finish();
  } catch (error) {
    before.close();
    throw error;
  }
  before.finish();
  return diff;
}

/** `reliability diff --stack <name> --base <git-ref | plan.json> [--format text|json|markdown]` */
export function diffCommand(io: Io, state: RunState): Command {
  const command = withFormat(withStackOptions(baseCommand("diff", io)), DIFF_FORMATS, "text")
    .description(
      "what a change does to the plan against a git ref or a plan.json; exit 1 on a protected replacement or a budget that newly fails",
    )
    .requiredOption("--base <ref|plan.json>", "git ref (e.g. origin/main) or plan.json to compare with");
  return command.action(async (options: DiffOptions) => {
    const diff = await diffStack(io, options, options.base);
    const render = { text: renderDiffText, json: renderDiffJson, markdown: renderDiffMarkdown }[options.format];
    io.out(render(diff));
    state.code = diff.verdict === "risky" ? EXIT.violation : EXIT.ok;
  });
}
