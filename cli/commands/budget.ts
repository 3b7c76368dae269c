import Table from "cli-table3";
import type { Command } from "commander";
import { colors as pc } from "../../components/render/colors.js";
import type { BudgetVerdict, FailoverBudget } from "../../components/domains/budget/plan.js";
import type { Plan } from "../../components/core/plan/types.js";
import { formatDuration } from "../../components/core/units.js";
import {
  baseCommand,
  planFromOptions,
  type RunState,
  type StackOptions,
  withFormat,
  withStackOptions,
} from "../command.js";
import { EXIT, type Io } from "../io.js";

interface BudgetOptions extends StackOptions {
  readonly format: "text" | "json" | "markdown";
}

/** One service's row of the budget report. */
export interface BudgetRow {
  /** Service name. */
  readonly service: string;
  /** Tier. */
  readonly tier: string;
  /** The computed budget. */
  readonly budget: FailoverBudget;
}

/**
 * `reliability budget --stack <name> [--format text|json|markdown]`: worst-case detection, DNS failover,
 * RTO and RPO per service against its objectives. Exit 1 when a service FAILs in production.
 */
export function budgetCommand(io: Io, state: RunState): Command {
  const command = withFormat(
    withStackOptions(baseCommand("budget", io)),
    ["text", "json", "markdown"],
    "text",
  ).description(
    "worst-case detection, failover time, RTO and RPO per service against its objectives; exit 1 when one fails in production",
  );
  return command.action((options: BudgetOptions) => {
    const { plan } = planFromOptions(io, options);
    const rows = budgetRows(plan);
    if (options.format === "json")
      io.out(JSON.stringify({ stack: plan.stack, environment: plan.environment, services: rows }, null, 2));
    else if (options.format === "markdown") io.out(budgetMarkdown(plan, rows));
    else io.out(budgetText(plan, rows));
    state.code = rows.some((r) => r.budget.enforced && failed(r.budget)) ? EXIT.violation : EXIT.ok;
  });
}

/** The budget of every service of a plan. */
export function budgetRows(plan: Plan): BudgetRow[] {
  return plan.services.flatMap((s) =>
    s.analysis.budget ? [{ service: s.service, tier: s.tier, budget: s.analysis.budget }] : [],
  );
}

/** True when the RTO or the RPO fails. */
export function failed(budget: FailoverBudget): boolean {
  return budget.rto.status === "FAIL" || budget.rpo.status === "FAIL";
}

const HEAD = [
  "service",
  "tier",
  "scenario",
  "detection",
  "DNS failover",
  "RTO worst / objective",
  "RTO margin",
  "RTO",
  "RPO worst / objective",
  "RPO margin",
  "RPO",
];

function cells(row: BudgetRow, status: (v: BudgetVerdict) => string): string[] {
  const b = row.budget;
  return [
    row.service,
    row.tier,
    b.scenario,
    time(b.detectionMs),
    time(b.dnsFailoverMs),
    `${worst(b.rto)} / ${time(b.rto.objectiveMs)}`,
    margin(b.rto.marginMs),
    status(b.rto),
    `${worst(b.rpo)} / ${time(b.rpo.objectiveMs)}`,
    margin(b.rpo.marginMs),
    status(b.rpo),
  ];
}

/** The budget as a terminal table, with the reasons of failures underneath. */
export function budgetText(plan: Plan, rows: readonly BudgetRow[]): string {
  const table = new Table({ head: HEAD, style: { head: [], border: [] } });
  for (const row of rows) table.push(cells(row, colored));
  return [
    `Failover budget for stack ${plan.stack} (environment ${plan.environment})`,
    table.toString(),
    ...notes(rows),
  ].join("\n");
}

/** The budget as a Markdown table, for pull-request comments. */
export function budgetMarkdown(plan: Plan, rows: readonly BudgetRow[]): string {
  const line = (values: readonly string[]) => `| ${values.map((v) => v.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [
    `### Failover budget: stack \`${plan.stack}\` (${plan.environment})`,
    "",
    line(HEAD),
    line(HEAD.map(() => "---")),
    ...rows.map((r) => line(cells(r, (v) => (v.status === "FAIL" ? "**FAIL**" : v.status)))),
    "",
    ...notes(rows).map((n) => `- ${n}`),
  ].join("\n");
}

function notes(rows: readonly BudgetRow[]): string[] {
  return rows.flatMap((r) =>
    (["rto", "rpo"] as const)
      .filter((k) => r.budget[k].status === "FAIL")
      .map(
        (k) =>
          `${r.service} ${k.toUpperCase()} FAIL${r.budget.enforced ? "" : " (not enforced outside production)"}: ${r.budget[k].reason}`,
      ),
  );
}

function colored(v: BudgetVerdict): string {
  return v.status === "PASS" ? pc.green("PASS") : v.status === "FAIL" ? pc.red("FAIL") : pc.dim("N/A");
}

function worst(v: BudgetVerdict): string {
  if (v.worstMs !== null) return time(v.worstMs);
  return v.status === "FAIL" ? "unbounded" : "-";
}

function time(ms: number | null): string {
  if (ms === null) return "-";
  return formatDuration(ms);
}

function margin(ms: number | null): string {
  if (ms === null) return "-";
  return ms < 0 ? `-${time(-ms)}` : `+${time(ms)}`;
}
