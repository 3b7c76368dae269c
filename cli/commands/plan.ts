import type { Command } from "commander";
import { writeOutputDir } from "../../components/render/files.js";
import { renderPlanFiles } from "../../components/render/index.js";
import {
  baseCommand,
  planFromOptions,
  resolvePath,
  type RunState,
  type StackOptions,
  withFormat,
  withStackOptions,
} from "../command.js";
import { EXIT, type Io } from "../io.js";
import { startProgress } from "../progress.js";
import { withInterrupts } from "../signals.js";
import { summaryTable } from "./summary.js";

interface PlanOptions extends StackOptions {
  readonly out?: string;
  readonly format: "text" | "json";
  readonly verbose?: boolean;
}

/** `reliability plan --stack <name> [--services <glob>] [--out <dir>] [--format text|json] [--verbose]` */
export function planCommand(io: Io, state: RunState): Command {
  const command = withFormat(withStackOptions(baseCommand("plan", io)), ["text", "json"], "text")
    .description("plan every service for a stack and write apply-ready manifests, AWS resources and plan.json")
    .option("--out <dir>", "output folder (default: out/<stack>)")
    .option("--verbose", "list every service and region in the summary, however many");
  return command.action(async (options: PlanOptions) => {
    const progress = startProgress(io);
    const { plan, files } = await withInterrupts(async (signal) => {
      const planned = planFromOptions(io, options, progress);
      const rendered = renderPlanFiles(planned.plan);
      const onWritten = (done: number, total: number) => progress.update("writing files", done, total);
      await writeOutputDir(resolvePath(io, options.out ?? `out/${planned.plan.stack}`), rendered, {
        signal,
        onWritten,
      });
      return { plan: planned.plan, files: rendered };
    }).finally(progress.end);
    if (options.format === "json") io.out(files.find((f) => f.path === "plan.json")?.text ?? "{}");
    else {
      const summary = summaryTable(plan, { verbose: options.verbose === true });
      io.out(`${summary}\nWrote ${files.length} files to ${options.out ?? `out/${plan.stack}`}`);
    }
    state.code = EXIT.ok;
  });
}
