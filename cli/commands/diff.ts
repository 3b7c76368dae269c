import type { Command } from "commander";
import { diffPlans, type PlanDiff } from "../../components/report/diff/index.js";
import { renderDiffMarkdown } from "../../components/report/diff/markdown.js";
import { renderDiffJson, renderDiffText } from "../../components/report/diff/text.js";
import { DEFAULT_SERVICES_GLOB } from "../../components/pipeline.js";
import { loadBase } from "../base.js";
import {
  baseCommand,
  planFromOptions,
  type RunState,
  type StackOptions,
  withFormat,
  withStackOptions,
} from "../command.js";
import { EXIT, type Io } from "../io.js";

/** A planned stack with the stack config it was planned for. */
type PlannedStackWithConfig = ReturnType<typeof planFromOptions>;

interface DiffOptions extends StackOptions {
  readonly base: string;
  readonly format: "text" | "json" | "markdown";
}

/** The formats `diff` writes. */
export const DIFF_FORMATS = ["text", "json", "markdown"] as const;

/** Plans the stack from the working tree and from `base`, and compares them. */
export function diffStack(io: Io, options: StackOptions, base: string): PlanDiff {
  return diffAgainst(io, options, planFromOptions(io, options), base);
}

/** Compares the working tree's planned stack with the plan of `base`. */
export function diffAgainst(io: Io, options: StackOptions, now: PlannedStackWithConfig, base: string): PlanDiff {
  const services = options.services ?? now.stack.services ?? DEFAULT_SERVICES_GLOB;
  const before = loadBase(io, base, options, services);
  return diffPlans(before.plan, now.plan, before.label);
}

/** `reliability diff --stack <name> --base <git-ref | plan.json> [--format text|json|markdown]` */
export function diffCommand(io: Io, state: RunState): Command {
  const command = withFormat(withStackOptions(baseCommand("diff", io)), DIFF_FORMATS, "text")
    .description(
      "what a change does to the plan against a git ref or a plan.json; exit 1 on a protected replacement or a budget that newly fails",
    )
    .requiredOption("--base <ref|plan.json>", "git ref (e.g. origin/main) or plan.json to compare with");
  return command.action((options: DiffOptions) => {
    const diff = diffStack(io, options, options.base);
    const render = { text: renderDiffText, json: renderDiffJson, markdown: renderDiffMarkdown }[options.format];
    io.out(render(diff));
    state.code = diff.verdict === "risky" ? EXIT.violation : EXIT.ok;
  });
}
