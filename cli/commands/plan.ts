import type { Command } from "commander";
import { DEFAULT_SERVICES_GLOB, expandServices } from "../../components/pipeline.js";
import {
  baseCommand,
  cacheSettings,
  loadStack,
  projectRoot,
  resolvePath,
  type RunState,
  type StackOptions,
  withFormat,
  withCache,
  withJobs,
  withStackOptions,
} from "../command.js";
import { planFleet } from "../fleet/run.js";
import { EXIT, type Io } from "../io.js";
import { startProgress } from "../progress.js";
import { withInterrupts } from "../signals.js";
import { printFile } from "../read-text.js";
import { summaryTable } from "./summary.js";

interface PlanOptions extends StackOptions {
  readonly out?: string;
  readonly format: "text" | "json";
  readonly verbose?: boolean;
  readonly jobs?: number;
  readonly cache: string | false;
}

/** `reliability plan --stack <name> [--services <glob>] [--out <dir>] [--format text|json] [--verbose] [--jobs <n>]` */
export function planCommand(io: Io, state: RunState): Command {
  const command = withFormat(withStackOptions(baseCommand("plan", io)), ["text", "json"], "text")
    .description("plan every service for a stack and write apply-ready manifests, AWS resources and plan.json")
    .option("--out <dir>", "output folder (default: out/<stack>)")
    .option("--verbose", "list every service and region in the summary, however many");
  return withCache(withJobs(command, "threads to plan on"), "planned").action(async (options: PlanOptions) => {
    const progress = startProgress(io);
    const stack = loadStack(io, options);
    const out = options.out ?? `out/${stack.stack}`;
    const run = {
      stack,
      files: expandServices(options.services ?? stack.services ?? DEFAULT_SERVICES_GLOB, io.cwd),
      cwd: io.cwd,
      root: projectRoot(io, options),
      outDir: resolvePath(io, out),
      ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
      ...cacheSettings(io, options.cache, "plan", stack.stack),
    };
    const output = await withInterrupts((signal) => planFleet(run, signal, progress)).finally(progress.end);
    if (output.cacheProblem) io.err(`reliability: ${output.cacheProblem}; the next run plans every service again`);
    if (options.format === "json") await printFile(io, output.planJson);
    else {
      const summary = summaryTable(output.summary, { verbose: options.verbose === true });
      io.out(`${summary}\nWrote ${output.written} files to ${out}`);
    }
    state.code = EXIT.ok;
  });
}
