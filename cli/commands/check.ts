import type { Command } from "commander";
import { renderComment } from "../../components/report/comment.js";
import { renderDiffText } from "../../components/report/diff/text.js";
import {
  renderJson,
  renderMarkdown,
  renderSarif,
  renderText,
  type CheckReport,
} from "../../components/report/index.js";
import { specFacts } from "../../components/domains/workload/facts.js";
import { locateViolations } from "../../policies/locate.js";
import { RULES } from "../../policies/registry.js";
import { checkPlan, hasMandatory, timedConfig } from "../../policies/run.js";
import type { Plan } from "../../components/core/plan/types.js";
import type { Violation } from "../../components/core/policy/types.js";
import { applyExemptions, type ExemptionLocator } from "../../policies/exemptions.js";
import { checkPolicyNames, exemptionLocator, policiesLocator } from "../../policies/stack-policies.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import type { PlannedStack } from "../../components/pipeline.js";
import { DEFAULT_SERVICES_GLOB, expandServices } from "../../components/pipeline.js";
import type { PlanDiff } from "../../components/report/diff/types.js";
import { checkFleet } from "../fleet/check.js";
import { withInterrupts } from "../signals.js";
import {
  baseCommand,
  cacheSettings,
  loadStack,
  projectRoot,
  withJobs,
  planFromOptions,
  type RunState,
  type StackOptions,
  withCache,
  withFormat,
  withStackOptions,
} from "../command.js";
import { EXIT, type Io } from "../io.js";
import { startProgress } from "../progress.js";
import { diffAgainst } from "./diff.js";
import { SpecError } from "../../components/core/spec/errors.js";
import { specErrorsJson, specErrorsMarkdown, specErrorsSarif } from "../../components/report/spec-errors.js";

interface CheckOptions extends StackOptions {
  readonly jobs?: number;
  readonly cache: string | false;
  readonly format: "text" | "markdown" | "json" | "sarif";
  readonly base?: string;
  readonly comment?: boolean;
}

/**
 * Runs `load`; when the specs do not load, first writes the spec errors in the requested format
 * (SARIF annotations and the pull-request comment show them too), then fails as usual (exit 2).
 */
async function reportingSpecErrors<T>(io: Io, options: CheckOptions, load: () => T | Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof SpecError) || options.format === "text") throw error;
    const { diagnostics } = error;
    const render = {
      markdown: () => specErrorsMarkdown(options.stack, diagnostics),
      json: () => specErrorsJson(options.stack, diagnostics),
      sarif: () => JSON.stringify(specErrorsSarif(options.stack, diagnostics), null, 2),
    }[options.format];
    io.out(render());
    throw error;
  }
}

/** The formats `check` writes. */
export const CHECK_FORMATS = ["text", "markdown", "json", "sarif"] as const;

/** Plans a stack and runs every policy on the plan; the report, located in the spec files. */
export function checkStack(io: Io, options: StackOptions, now: Date): CheckReport {
  const where = policiesLocator(options.stacksDir, options.stack, io.cwd);
  const planned = planFromOptions(io, options);
  checkPolicyNames(planned.stack.policies, RULES, where.file, where.at);
  return checkPlanned(planned, now, exemptionLocator(where.file, where.at));
}

/**
 * Runs every policy on a planned stack at the levels of the severity model and the stack's
 * `reliability:policies`, then applies its exemptions on `now`'s date; the report, located in the spec files.
 */
export function checkPlanned(
  planned: PlannedStack & { readonly stack: StackConfig },
  now: Date,
  locate?: ExemptionLocator,
): CheckReport {
  const { plan, services, sources } = planned;
  const policies = planned.stack.policies;
  const facts = new Map(services.map((s) => [s.name, specFacts(s)]));
  const config = timedConfig(now);
  const located = locateViolations(checkPlan(plan, { facts, config, ...(policies ? { policies } : {}) }), sources);
  return checkReport(plan, located, planned.stack, now, locate);
}

/** The report of located violations: the stack's exemptions in force on `now`'s date applied. */
export function checkReport(
  plan: Plan,
  located: readonly Violation[],
  stack: StackConfig,
  now: Date,
  locate?: ExemptionLocator,
): CheckReport {
  const exemptions = stack.policies?.exemptions ?? [];
  const exempted = applyExemptions(located, exemptions, now.toISOString().slice(0, 10), locate);
  return { plan, rules: RULES, violations: exempted.violations, exemptions: exempted.exemptions };
}

/** Plans and checks the fleet on as many threads as it is worth; the report. */
async function checkFleetReport(io: Io, options: CheckOptions, now: Date): Promise<CheckReport> {
  const progress = startProgress(io);
  try {
    const where = policiesLocator(options.stacksDir, options.stack, io.cwd);
    const stack = loadStack(io, options);
    const run = {
      stack,
      files: expandServices(options.services ?? stack.services ?? DEFAULT_SERVICES_GLOB, io.cwd),
      cwd: io.cwd,
      root: projectRoot(io, options),
      ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
      ...cacheSettings(io, options.cache, "check", stack.stack),
    };
    const checked = await withInterrupts((signal) => checkFleet(run, now, signal, progress), "nothing was written");
    if (checked.cacheProblem) io.err(`reliability: ${checked.cacheProblem}; the next run checks every service again`);
    checkPolicyNames(stack.policies, RULES, where.file, where.at);
    return checkReport(checked.plan, checked.violations, stack, now, exemptionLocator(where.file, where.at));
  } finally {
    progress.end();
  }
}

/** Plans the stack whole, checks it and compares it with `base`; the report and the diff. */
async function checkWithBase(
  io: Io,
  options: CheckOptions,
  base: string,
  now: Date,
): Promise<{ report: CheckReport; diff: PlanDiff }> {
  const progress = startProgress(io);
  const where = policiesLocator(options.stacksDir, options.stack, io.cwd);
  const planned = (() => {
    try {
      const loaded = planFromOptions(io, options, progress);
      checkPolicyNames(loaded.stack.policies, RULES, where.file, where.at);
      return loaded;
    } finally {
      progress.end();
    }
  })();
  const report = checkPlanned(planned, now, exemptionLocator(where.file, where.at));
  return { report, diff: await diffAgainst(io, options, planned, base) };
}

/**
 * `reliability check --stack <name> [--services <glob>] [--format text|markdown|json|sarif] [--base <ref|plan.json>] [--comment]`
 *
 * With `--base` (or `--comment`) and `--format markdown`, the output is the pull-request comment:
 * the diff and the verdict first, then failing or changed services only, within GitHub's limit.
 */
export function checkCommand(io: Io, state: RunState): Command {
  const command = withFormat(withStackOptions(baseCommand("check", io)), CHECK_FORMATS, "text")
    .description(
      "run every reliability policy on the stack's plan, offline; exit 1 on a mandatory violation (or, with --base, a risky change)",
    )
    .option(
      "--base <ref|plan.json>",
      "also compare with a git ref or plan.json; Markdown becomes the pull-request comment",
    )
    .option(
      "--comment",
      "Markdown as the pull-request comment (failing and changed services only, within 65,536 characters)",
    );
  return withCache(withJobs(command, "threads to plan and check on"), "checked").action(
    async (options: CheckOptions) => {
      const now = startOfHour(new Date());
      const base = options.base;
      const { report, diff } = await reportingSpecErrors(
        io,
        options,
        async (): Promise<{ report: CheckReport; diff?: PlanDiff }> =>
          base === undefined
            ? { report: await checkFleetReport(io, options, now) }
            : checkWithBase(io, options, base, now),
      );
      const comment = options.comment === true || diff !== undefined;
      const render = {
        text: (r: CheckReport) => (diff ? `${renderText(r)}\n${renderDiffText(diff)}` : renderText(r)),
        markdown: (r: CheckReport) => (comment ? renderComment(r, diff) : renderMarkdown(r)),
        json: (r: CheckReport) => renderJson(r, diff),
        sarif: (r: CheckReport) => JSON.stringify(renderSarif(r, diff), null, 2),
      }[options.format];
      io.out(render(report));
      const risky = diff?.verdict === "risky";
      state.code = hasMandatory(report.violations) || risky ? EXIT.violation : EXIT.ok;
    },
  );
}

/**
 * The time a check runs at: the start of the current hour (UTC). The rules that read the clock (chaos
 * runs in blackouts, crowded start minutes) check from there, so checks within one hour agree and
 * can reuse each other's results.
 */
export function startOfHour(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

const HOUR_MS = 3_600_000;
