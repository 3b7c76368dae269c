import Table from "cli-table3";
import type { Command } from "commander";
import type { Plan, ServicePlan } from "../../components/core/plan/types.js";
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
import { withInterrupts } from "../signals.js";

interface PlanOptions extends StackOptions {
  readonly out?: string;
  readonly format: "text" | "json";
}

/** `reliability plan --stack <name> [--services <glob>] [--out <dir>] [--format text|json]` */
export function planCommand(io: Io, state: RunState): Command {
  const command = withFormat(withStackOptions(baseCommand("plan", io)), ["text", "json"], "text")
    .description("plan every service for a stack and write apply-ready manifests, AWS resources and plan.json")
    .option("--out <dir>", "output folder (default: out/<stack>)");
  return command.action(async (options: PlanOptions) => {
    const { plan, files } = await withInterrupts(async (signal) => {
      const planned = planFromOptions(io, options);
      const rendered = renderPlanFiles(planned.plan);
      await writeOutputDir(resolvePath(io, options.out ?? `out/${planned.plan.stack}`), rendered, { signal });
      return { plan: planned.plan, files: rendered };
    });
    if (options.format === "json") io.out(files.find((f) => f.path === "plan.json")?.text ?? "{}");
    else io.out(`${summaryTable(plan)}\nWrote ${files.length} files to ${options.out ?? `out/${plan.stack}`}`);
    state.code = EXIT.ok;
  });
}

/** The per-service, per-region summary printed by `plan`. */
export function summaryTable(plan: Plan): string {
  const table = new Table({
    head: [
      "service",
      "region",
      "tier",
      "replicas",
      "disruptions",
      "startup/ready/live (s)",
      "grace (s)",
      "kubernetes",
      "aws",
    ],
    style: { head: [], border: [] },
  });
  for (const service of plan.services) {
    for (const region of service.regions) table.push(row(service, region));
  }
  return `Stack ${plan.stack} (environment ${plan.environment}): ${plan.services.length} services\n${table.toString()}`;
}

function row(service: ServicePlan, region: string): string[] {
  const w = service.analysis.workload;
  const inRegion = service.resources.filter((r) => r.region === region);
  return [
    service.service,
    region,
    service.tier,
    w.replicas,
    String(w.disruptionsAllowed),
    `${w.startupBudgetSeconds}/${w.readinessWindowSeconds}/${w.livenessWindowSeconds}`,
    String(w.terminationGracePeriodSeconds),
    String(inRegion.filter((r) => r.provider === "kubernetes").length),
    String(inRegion.filter((r) => r.provider === "aws").length),
  ];
}
