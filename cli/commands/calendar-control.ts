/**
 * `reliability chaos calendar --control <file.json>` and `--live`: the calendar under the services'
 * control states, read from the JSON a freeze, pause or resume prints, or from the clusters.
 */

import { readFileSync } from "node:fs";
import {
  applyControl,
  controlStatesOf,
  type ControlledCalendar,
  type ControlStates,
  type StoppedRun,
} from "../../components/domains/chaos/calendar-control.js";
import type { CalendarRun } from "../../components/domains/chaos/calendar.js";
import { controlledServices, controlTargets } from "../../components/domains/chaos/control-change.js";
import { CHAOS_DEFAULTS } from "../../components/domains/chaos/defaults.js";
import type { Plan } from "../../components/core/plan/types.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import { resolvePath } from "../command.js";
import { type Io, UsageError } from "../io.js";
import { readControlStates } from "../kube.js";

/** The calendar's control options. */
export interface CalendarControlOptions {
  /** A control file. */
  readonly control?: string;
  /** Read the states from the clusters. */
  readonly live?: boolean;
}

/** The calendar runs split by the control states the options name (all runs go ahead without them). */
export async function controlledCalendar(
  io: Io,
  planned: { readonly plan: Plan; readonly stack: StackConfig },
  runs: readonly CalendarRun[],
  options: CalendarControlOptions,
): Promise<ControlledCalendar> {
  if (options.control !== undefined && options.live)
    throw new UsageError("--control and --live are two sources of the control states; give one of them");
  if (options.control !== undefined) return applyControl(runs, fileStates(io, options.control));
  if (options.live) return applyControl(runs, await liveStates(io, planned));
  return { runs, stopped: [] };
}

function fileStates(io: Io, file: string): ControlStates {
  const path = resolvePath(io, file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UsageError(`--control ${file}: cannot read it as JSON (${(error as Error).message})`);
  }
  try {
    return controlStatesOf(json, `--control ${file}`);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function liveStates(
  io: Io,
  planned: { readonly plan: Plan; readonly stack: StackConfig },
): Promise<ControlStates> {
  const targets = controlTargets(planned.plan, planned.stack, controlledServices(planned.plan));
  const states = new Map<string, ControlStates extends ReadonlyMap<string, infer V> ? V : never>();
  const failed: string[] = [];
  for (const target of targets) {
    const read = await readControlStates(target, CHAOS_DEFAULTS.controlRequestTimeoutSeconds * 1000);
    states.set(target.region, read.states);
    if (read.error) failed.push(`${target.region} (context ${target.context}): ${read.error}`);
  }
  for (const f of failed) io.err(`warning: control states not read from ${f}; its runs are listed as planned`);
  return states;
}

/** One line per run the gate would stop. */
export function stoppedLines(stopped: readonly StoppedRun[]): string[] {
  return stopped.map(
    (r) =>
      `${r.service}/${r.experiment} ${r.region} ${r.startUtc.slice(0, 16).replace("T", " ")} UTC: ${r.control}${r.until ? ` until ${r.until}` : ""}${r.reason ? ` (${r.reason})` : ""}`,
  );
}
