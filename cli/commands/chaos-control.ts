/**
 * `reliability chaos freeze|pause|resume`: writes a service's control state to its control ConfigMap
 * in every cluster of the stack (and pauses or resumes its Schedules), with an audit line; the gate
 * of every run reads that state, so the change holds without a redeploy.
 */

import { execFileSync } from "node:child_process";
import { type Command, Option } from "commander";
import {
  auditLine,
  controlChange,
  controlledServices,
  type ControlAction,
  type ControlChange,
} from "../../components/domains/chaos/control-change.js";
import { CHAOS_DEFAULTS } from "../../components/domains/chaos/defaults.js";
import { baseCommand, planFromOptions, type RunState } from "../command.js";
import { EXIT, type Io, UsageError } from "../io.js";
import { applyCluster, type ClusterResult } from "../kube.js";

interface ControlOptions {
  readonly stack: string;
  readonly services?: string;
  readonly specs?: string;
  readonly stacksDir: string;
  readonly until?: string;
  readonly reason: string;
  readonly dryRun?: boolean;
  readonly format: "text" | "json";
}

const ABOUT: Readonly<Record<ControlAction, string>> = {
  freeze: "stop every run of the services until a time: their gate stays closed until then (the Schedules keep firing)",
  pause: "stop the services' runs until resumed: the gate stays closed and the Schedules are paused",
  resume: "let the services' runs start again: state active, Schedules unpaused",
};

/** The three control subcommands. */
export function controlCommands(io: Io, state: RunState): Command[] {
  return (["freeze", "pause", "resume"] as const).map((action) => {
    const command = baseCommand(action, io)
      .description(`${ABOUT[action]}; exit 1 if a cluster could not be changed`)
      .requiredOption("--stack <name>", "Pulumi stack whose clusters (stacks/Pulumi.<name>.yaml) to change")
      .option("--services <names>", "comma-separated service names (default: every service with chaos planned)")
      .option("--specs <glob>", "service specs to read (default: the stack's reliability:services)")
      .option("--stacks-dir <dir>", "folder with the Pulumi.<stack>.yaml files", "stacks")
      .requiredOption("--reason <text>", "why, for the audit line and the control state")
      .option("--dry-run", "print the patches and change nothing")
      .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"));
    if (action === "freeze") command.requiredOption("--until <date-time>", "end of the freeze, ISO 8601 with a zone");
    return command.action(async (options: ControlOptions) => {
      state.code = await runControl(io, action, options);
    });
  });
}

async function runControl(io: Io, action: ControlAction, options: ControlOptions): Promise<number> {
  const at = new Date();
  const until = action === "freeze" ? parseUntil(options.until ?? "", at) : undefined;
  if (options.reason.trim() === "") throw new UsageError("--reason must say why, got an empty text");
  const planned = planFromOptions(io, {
    stack: options.stack,
    stacksDir: options.stacksDir,
    ...(options.specs ? { services: options.specs } : {}),
  });
  const services = parseServices(options.services, controlledServices(planned.plan));
  const change = controlChange(planned.plan, planned.stack, {
    action,
    ...(services ? { services } : {}),
    ...(until ? { until } : {}),
    reason: options.reason,
    by: currentUser(),
    at: rfc3339(at),
  });
  if (options.dryRun) {
    io.out(options.format === "json" ? toJson(change) : dryRunText(change));
    return EXIT.ok;
  }
  const results: ClusterResult[] = [];
  for (const cluster of change.clusters)
    results.push(await applyCluster(cluster, CHAOS_DEFAULTS.controlRequestTimeoutSeconds * 1000));
  io.out(options.format === "json" ? toJson(change, results) : resultText(change, results));
  for (const r of results.filter((x) => x.error))
    io.err(
      `error ${r.region} (context ${r.context}): ${r.error}; applied before it: ${r.applied.join(", ") || "nothing"}`,
    );
  return results.some((r) => r.error) ? EXIT.violation : EXIT.ok;
}

/** UTC RFC 3339 without fractions, the form the gate compares. */
function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function parseUntil(text: string, now: Date): string {
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) || Number.isNaN(date.getTime()))
    throw new UsageError(
      `--until must be an ISO 8601 date-time with a zone such as 2026-12-01T08:00:00Z or 2026-12-01T09:00+01:00, got ${JSON.stringify(text)}`,
    );
  if (date.getTime() <= now.getTime())
    throw new UsageError(`--until must be in the future (now ${rfc3339(now)}), got ${JSON.stringify(text)}`);
  return rfc3339(new Date(Math.ceil(date.getTime() / 1000) * 1000));
}

function parseServices(text: string | undefined, known: readonly string[]): string[] | undefined {
  if (text === undefined) return undefined;
  const names = text.split(",").map((s) => s.trim());
  const unknown = names.filter((n) => !known.includes(n));
  if (names.length === 0 || unknown.length > 0)
    throw new UsageError(
      `--services must name services with chaos planned in this stack (${known.join(", ") || "none"}), got ${JSON.stringify(unknown.join(",") || text)}`,
    );
  return [...new Set(names)];
}

/** Who runs the command: `$USER`, else git's user.name, else `unknown`. */
function currentUser(): string {
  const user = process.env["USER"]?.trim();
  if (user) return user;
  try {
    return execFileSync("git", ["config", "user.name"], { encoding: "utf8", timeout: 2000 }).trim() || "unknown";
  } catch {
    return "unknown";
  }
}

function toJson(change: ControlChange, results?: readonly ClusterResult[]): string {
  return JSON.stringify({ audit: auditLine(change), ...change, ...(results ? { results } : {}) }, null, 2);
}

function dryRunText(change: ControlChange): string {
  const lines = change.clusters.flatMap((c) => [
    `${c.region} (context ${c.context}):`,
    ...c.patches.map((p) => `  merge-patch ${p.kind} ${p.namespace}/${p.name} ${JSON.stringify(p.patch)}`),
  ]);
  return [`dry run: ${auditLine(change)}`, ...lines, "nothing was changed"].join("\n");
}

function resultText(change: ControlChange, results: readonly ClusterResult[]): string {
  const lines = results.map((r) =>
    r.error
      ? `${r.region} (context ${r.context}): FAILED after ${r.applied.length} of ${change.clusters.find((c) => c.region === r.region)?.patches.length ?? 0} patches`
      : `${r.region} (context ${r.context}): ${r.applied.length} patched`,
  );
  return [auditLine(change), ...lines].join("\n");
}
