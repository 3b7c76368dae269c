import Table from "cli-table3";
import { type Command, Option } from "commander";
import { chaosCalendar, type CalendarRun } from "../../components/domains/chaos/calendar.js";
import type { Plan } from "../../components/core/plan/types.js";
import {
  baseCommand,
  planFromOptions,
  type RunState,
  type StackOptions,
  withFormat,
  withStackOptions,
} from "../command.js";
import { EXIT, type Io, UsageError } from "../io.js";
import { controlCommands } from "./chaos-control.js";
import { controlledCalendar, stoppedLines, type CalendarControlOptions } from "./calendar-control.js";
import type { StoppedRun } from "../../components/domains/chaos/calendar-control.js";

interface CalendarOptions extends StackOptions, CalendarControlOptions {
  readonly days: string;
  readonly from?: string;
  readonly format: "text" | "json" | "markdown";
}

/** The formats `chaos calendar` writes. */
export const CALENDAR_FORMATS = ["text", "json", "markdown"] as const;

/** Longest calendar, in days. */
const MAX_DAYS = 800;

/** `reliability chaos calendar --stack <name> [--days N] [--from <ISO date-time>] [--format text|json|markdown]` */
export function chaosCommand(io: Io, state: RunState): Command {
  const calendar = withFormat(withStackOptions(baseCommand("calendar", io)), CALENDAR_FORMATS, "text")
    .description(
      "list every upcoming chaos run per service, in its time zone and UTC, skipping blackouts; exit 1 if a run would touch a blackout or overlap another",
    )
    .addOption(new Option("--days <n>", `days to show (1-${MAX_DAYS})`).default("14"))
    .option("--from <date-time>", "start of the calendar, ISO 8601 (default: now)")
    .option("--control <file.json>", "control states (the JSON of chaos freeze|pause|resume --format json)")
    .option("--live", "read the control states from the stack's clusters")
    .action(async (options: CalendarOptions) => {
      const from = parseFrom(options.from);
      const days = parseDays(options.days);
      const planned = planFromOptions(io, options);
      const { plan } = planned;
      const { runs, stopped } = await controlledCalendar(io, planned, chaosCalendar(plan, from, days), options);
      const render = { text: renderText, json: renderJson, markdown: renderMarkdown }[options.format];
      io.out(render(plan, runs, from, days, stopped));
      state.code = runs.some((r) => r.problems.length > 0) ? EXIT.violation : EXIT.ok;
    });
  const chaos = baseCommand("chaos", io).description("chaos experiment schedules").addCommand(calendar);
  for (const control of controlCommands(io, state)) chaos.addCommand(control);
  return chaos;
}

function parseDays(text: string): number {
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)
    throw new UsageError(
      `--days must be a whole number of days between 1 and ${MAX_DAYS}, got ${JSON.stringify(text)}`,
    );
  return days;
}

function parseFrom(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime()))
    throw new UsageError(
      `--from must be an ISO 8601 date or date-time such as 2026-11-23 or 2026-11-23T09:00:00Z, got ${JSON.stringify(text)}`,
    );
  return date;
}

/** Writes the calendar in one format. */
type Render = (
  plan: Plan,
  runs: readonly CalendarRun[],
  from: Date,
  days: number,
  stopped: readonly StoppedRun[],
) => string;

function heading(plan: Plan, runs: readonly CalendarRun[], from: Date, days: number): string {
  const to = new Date(from.getTime() + days * 86_400_000);
  const running = runs.filter((r) => !r.stopped).length;
  const stopped = runs.length - running;
  return `Chaos calendar for stack ${plan.stack} (environment ${plan.environment}), ${from.toISOString().slice(0, 16)}Z to ${to.toISOString().slice(0, 16)}Z: ${running} run${running === 1 ? "" : "s"}${stopped > 0 ? `, ${stopped} stopped by the gate` : ""}`;
}

/** The check column of a run: stopped and why, its problems, or nothing. */
function verdict(r: CalendarRun, ok: string): string {
  return r.stopped ? `stopped: ${r.stopped}` : r.problems.join("; ") || ok;
}

function disabledLines(plan: Plan): string[] {
  return plan.services.flatMap((s) =>
    s.analysis.chaos && !s.analysis.chaos.enabled
      ? [`${s.service}: no chaos (${s.analysis.chaos.reason ?? "disabled"})`]
      : [],
  );
}

/** Why runs of the spec's crons are missing: the planner's notes per experiment. */
function skippedLines(plan: Plan): string[] {
  return plan.services.flatMap((s) =>
    (s.analysis.chaos?.experiments ?? []).flatMap((e) => e.skipped.map((note) => `${s.service}/${e.name}: ${note}`)),
  );
}

const renderText: Render = (plan, runs, from, days, stopped) => {
  const table = new Table({
    head: ["service", "experiment", "region", "local start", "end", "zone", "UTC start", "problems"],
    style: { head: [], border: [] },
  });
  for (const r of runs)
    table.push([
      r.service,
      r.experiment,
      r.region,
      r.startLocal,
      r.endLocal,
      r.timezone,
      r.startUtc.slice(0, 16).replace("T", " "),
      verdict(r, "-"),
    ]);
  return [
    heading(plan, runs, from, days),
    runs.length > 0 ? table.toString() : "(no runs)",
    ...stoppedLines(stopped),
    ...disabledLines(plan),
    ...skippedLines(plan),
  ].join("\n");
};

const renderJson: Render = (plan, runs, from, days, stopped) => {
  const disabled = plan.services.flatMap((s) =>
    s.analysis.chaos && !s.analysis.chaos.enabled
      ? [{ service: s.service, reason: s.analysis.chaos.reason ?? "disabled" }]
      : [],
  );
  return JSON.stringify(
    {
      stack: plan.stack,
      environment: plan.environment,
      from: from.toISOString(),
      days,
      runs,
      controlled: stopped,
      disabled,
    },
    null,
    2,
  );
};

const renderMarkdown: Render = (plan, runs, from, days, stopped) => {
  const rows = runs.map(
    (r) =>
      `| ${r.service} | ${r.experiment} | ${r.region} | ${r.startLocal} – ${r.endLocal} (${r.timezone}) | ${r.startUtc.slice(0, 16).replace("T", " ")} | ${verdict(r, "✓")} |`,
  );
  const table = [
    "| service | experiment | region | local time | UTC start | check |",
    "|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
  const notes = [...stoppedLines(stopped), ...disabledLines(plan), ...skippedLines(plan)].map((l) => `- ${l}`);
  return [
    `### ${heading(plan, runs, from, days)}`,
    "",
    runs.length > 0 ? table : "_No runs in this period._",
    "",
    gantt(plan, runs),
    ...(notes.length > 0 ? ["", ...notes] : []),
  ].join("\n");
};

/** A Mermaid gantt chart of the runs (UTC), one section per service. */
export function gantt(plan: Plan, runs: readonly CalendarRun[]): string {
  const lines = [
    "```mermaid",
    "gantt",
    `  title Chaos runs, stack ${plan.stack} (UTC)`,
    "  dateFormat YYYY-MM-DD HH:mm",
    "  axisFormat %m-%d",
  ];
  for (const service of [...new Set(runs.map((r) => r.service))]) {
    lines.push(`  section ${service}`);
    for (const r of runs.filter((x) => x.service === service && !x.stopped)) {
      const minutes = Math.round((Date.parse(r.endUtc) - Date.parse(r.startUtc)) / 60_000);
      lines.push(
        `  ${r.experiment} ${r.region} :${r.problems.length > 0 ? "crit, " : ""}${r.startUtc.slice(0, 16).replace("T", " ")}, ${minutes}m`,
      );
    }
  }
  lines.push("```");
  return lines.join("\n");
}
