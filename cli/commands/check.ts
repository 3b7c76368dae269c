import type { Command } from "commander";
import {
  renderJson,
  renderMarkdown,
  renderSarif,
  renderText,
  type CheckReport,
} from "../../components/report/index.js";
import { chaosOutsideBlackouts } from "../../components/domains/chaos/rules.js";
import { specFacts } from "../../components/domains/workload/facts.js";
import { locateViolations } from "../../policies/locate.js";
import { RULES } from "../../policies/registry.js";
import { checkPlan, hasMandatory } from "../../policies/run.js";
import {
  baseCommand,
  planFromOptions,
  type RunState,
  type StackOptions,
  withFormat,
  withStackOptions,
} from "../command.js";
import { EXIT, type Io } from "../io.js";

interface CheckOptions extends StackOptions {
  readonly format: "text" | "markdown" | "json" | "sarif";
}

/** The formats `check` writes. */
export const CHECK_FORMATS = ["text", "markdown", "json", "sarif"] as const;

/** Plans a stack and runs every policy on the plan; the report, located in the spec files. */
export function checkStack(io: Io, options: StackOptions, now: Date): CheckReport {
  const { plan, services, sources } = planFromOptions(io, options);
  const facts = new Map(services.map((s) => [s.name, specFacts(s)]));
  const config = { [chaosOutsideBlackouts.name]: { from: now.toISOString() } };
  return { plan, rules: RULES, violations: locateViolations(checkPlan(plan, { facts, config }), sources) };
}

/** `reliability check --stack <name> [--services <glob>] [--format text|markdown|json|sarif]` */
export function checkCommand(io: Io, state: RunState): Command {
  const command = withFormat(withStackOptions(baseCommand("check", io)), CHECK_FORMATS, "text").description(
    "run every reliability policy on the stack's plan, offline; exit 1 on a mandatory violation",
  );
  return command.action((options: CheckOptions) => {
    const report = checkStack(io, options, new Date());
    const render = {
      text: renderText,
      markdown: renderMarkdown,
      json: renderJson,
      sarif: (r: CheckReport) => JSON.stringify(renderSarif(r), null, 2),
    }[options.format];
    io.out(render(report));
    state.code = hasMandatory(report.violations) ? EXIT.violation : EXIT.ok;
  });
}
