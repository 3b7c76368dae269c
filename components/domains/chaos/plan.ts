/**
 * The chaos planner: Chaos Mesh Schedules for a service's experiments, gated by environment, tier
 * and stack, cut to stay out of weekly blackouts, staggered across regions and proven not to overlap;
 * the runs a cron cannot keep out (one-off freezes, daylight-saving change days as robfig/cron fires
 * them) become stops the run-time gate reads, beside the control ConfigMap it reads in each region.
 * Pure; it reads the resolved chaos section only.
 */

import { quote } from "../../core/spec/errors.js";
import type { SpecIssue } from "../../core/spec/checks.js";
import type { ResolvedService } from "../../core/spec/service.js";
import type { StackConfig } from "../../core/stack/config.js";
import type { DomainPlan, DomainPlanner } from "../../core/module.js";
import type { PlannedResource } from "../../core/plan/types.js";
import { actionNamed, type ActionRegistry } from "./actions/action.js";
import { podMode, podsHit } from "../../core/pod-mode.js";
import { parseCron, type CronFields } from "../../core/cron.js";
import { DST_SCAN, toWall } from "../../core/zone.js";
import { controlResource } from "./control.js";
import { overlapMessage, overlaps, type Slot } from "./overlap.js";
import type { ResolvedChaos, ResolvedExperiment } from "./resolved.js";
import { scheduleResource } from "./resources.js";
import { restrict } from "./restrict.js";
import { changeDayStops, freezeStops, type GateStop } from "./stops.js";
import { stopsResource } from "./stops-config.js";
import { staleRuleResource } from "./stale.js";
import type { ChaosAnalysis, ExperimentSummary, RegionRuns } from "./types.js";
import { buildWindows, type Windows } from "./windows.js";

/** The chaos planner for the actions of a registry. */
export function chaosPlanner(actions: ActionRegistry): DomainPlanner {
  return (service, stack) => {
    const { chaos } = service;
    const base = baseAnalysis(chaos);
    const gate = gateReason(service, stack);
    if (gate) return { resources: [], analysis: { chaos: { ...base, enabled: false, reason: gate } } };
    const windows = buildWindows({
      weekly: chaos.blackouts.filter((b) => b.start === undefined),
      ...(chaos.allowedHours ? { allowedHours: chaos.allowedHours } : {}),
    });
    const freezes = freezeStops(
      chaos.blackouts.flatMap((b) =>
        b.start !== undefined && b.end !== undefined ? [{ name: b.name, start: b.start, end: b.end }] : [],
      ),
      chaos.timezone,
    );
    const stops = new Map<string, GateStop[]>();
    const resources: PlannedResource[] = [];
    const issues: SpecIssue[] = [];
    const slots: Slot[] = [];
    const experiments: ExperimentSummary[] = [];
    for (const [index, e] of chaos.experiments.entries()) {
      const planned = planExperiment({ service, stack, actions, e, index, windows });
      if ("issue" in planned) {
        issues.push(planned.issue);
        continue;
      }
      resources.push(...planned.resources);
      slots.push(...planned.slots);
      experiments.push(planned.summary);
      for (const [region, list] of planned.stops) stops.set(region, [...(stops.get(region) ?? []), ...list]);
    }
    for (const [region, list] of stops)
      resources.push(
        stopsResource(service, region, [...freezes, ...list]),
        staleRuleResource(service, stack, region, base.horizon),
      );
    for (const o of overlaps(slots))
      issues.push({
        path: ["spec", "chaos", "experiments", o.a.index, "schedule"],
        message: overlapMessage(o, chaos.timezone),
      });
    const regions = [...new Set(resources.map((r) => r.region))];
    return {
      resources: [...regions.map((region) => controlResource(service, region)), ...resources],
      analysis: {
        chaos: {
          ...base,
          enabled: experiments.length > 0,
          experiments,
          stops: [...freezes, ...[...stops.values()].flat()],
        },
      },
      issues,
    } satisfies DomainPlan;
  };
}

function baseAnalysis(chaos: ResolvedChaos): ChaosAnalysis {
  return {
    enabled: false,
    timezone: chaos.timezone,
    ...(chaos.allowedHours ? { allowedHours: chaos.allowedHours } : {}),
    blackouts: chaos.blackouts.map((b) => ({ ...b })),
    experiments: [],
    stops: [],
    horizon: new Date(DST_HORIZON).toISOString(),
  };
}

/** Why no Schedule is planned, or undefined when chaos runs. */
export function gateReason(service: ResolvedService, stack: StackConfig): string | undefined {
  const { chaos } = service;
  if (chaos.experiments.length === 0) return "no experiments declared";
  if (!chaos.enabled && chaos.enabledBy === "spec")
    return `chaos.enabled is false in environment ${service.environment}`;
  if (!chaos.enabled) return `tier ${service.tier} runs no chaos unless chaos.enabled is true`;
  if (!stack.chaosMesh.installed)
    return `stack ${stack.stack} has no Chaos Mesh (reliability:chaosMesh.installed is false)`;
  return undefined;
}

/** One experiment to plan. */
interface ExperimentRequest {
  readonly service: ResolvedService;
  readonly stack: StackConfig;
  readonly actions: ActionRegistry;
  readonly e: ResolvedExperiment;
  readonly index: number;
  readonly windows: Windows;
}

type PlannedExperiment =
  | {
      readonly resources: PlannedResource[];
      readonly slots: Slot[];
      readonly summary: ExperimentSummary;
      /** Stops of the experiment's Schedules on daylight-saving change days, by region. */
      readonly stops: Map<string, GateStop[]>;
    }
  | { readonly issue: SpecIssue };

function planExperiment({ service, stack, actions, e, index, windows }: ExperimentRequest): PlannedExperiment {
  const { chaos } = service;
  const path = ["spec", "chaos", "experiments", index, "schedule"];
  const parsed = parseCron(e.schedule);
  if (!parsed.ok) return { issue: { path, message: `${parsed.error}, got ${quote(e.schedule)}` } };
  const action = actionNamed(actions, e.action);
  const alertWaitMs = e.hypothesis.expectAlert ? e.hypothesis.expectAlert.withinSeconds * 1000 : 0;
  const runMinutes = Math.ceil((chaos.schedules.preCheckDeadlineMs + Math.max(e.durationMs, alertWaitMs)) / 60_000);
  const slot = Math.ceil((runMinutes + chaos.schedules.regionGapMinutes) / 5) * 5;
  const resources: PlannedResource[] = [];
  const slots: Slot[] = [];
  const runs: RegionRuns[] = [];
  const skipped = new Set<string>();
  const stops = new Map<string, GateStop[]>();
  for (const [k, region] of e.regions.entries()) {
    const cut = restrict({
      cron: parsed.fields,
      offsetMinutes: k * slot,
      runMinutes,
      windows,
      maxSchedules: chaos.schedules.maxSchedulesPerExperiment,
    });
    if (!cut.ok)
      return {
        issue: {
          path,
          message: `${cut.error}${k > 0 ? ` (in ${quote(region)}, which runs ${k * slot}m after ${quote(e.regions[0] ?? "")})` : ""}, got ${quote(e.schedule)}`,
        },
      };
    cut.skipped.forEach((s) => skipped.add(k > 0 ? `${region}: ${s}` : s));
    const planned = cut.crons.map((cron, i) =>
      scheduleResource({
        service,
        stack,
        chaos,
        experiment: e,
        action,
        index,
        region,
        cron,
        part: cut.crons.length > 1 ? i + 1 : undefined,
        runSeconds: runMinutes * 60,
      }),
    );
    resources.push(...planned.map((p) => p.resource));
    slots.push(
      ...planned.map((p, i) => ({
        experiment: e.name,
        index,
        region,
        schedule: p.schedule.name,
        cron: cut.crons[i] as CronFields,
        runMinutes,
      })),
    );
    runs.push({ region, offsetMinutes: k * slot, schedules: planned.map((p) => p.schedule) });
    const changeDays = planned.map((p, i) =>
      changeDayStops({
        schedule: p.schedule.name,
        cron: cut.crons[i] as CronFields,
        zone: chaos.timezone,
        runMinutes,
        windows,
      }),
    );
    stops.set(
      region,
      changeDays.flatMap((c) => c.stops),
    );
    for (const note of missedNotes(
      changeDays.flatMap((c) => c.missed),
      chaos.timezone,
    ))
      skipped.add(k > 0 ? `${region}: ${note}` : note);
  }
  const summary: ExperimentSummary = {
    ...summaryOf(service, e, action.kind, runMinutes),
    regions: runs,
    skipped: [...skipped],
  };
  return { resources, slots, summary, stops };
}

/** The end of the years whose daylight-saving changes the planner follows. */
const DST_HORIZON = Date.UTC(DST_SCAN.toYear, 0, 1);

/** Notes for runs robfig skips on change days: how many, and the first. */
function missedNotes(missed: readonly number[], zone: string): string[] {
  const first = missed[0];
  if (first === undefined) return [];
  const local = new Date(toWall(first, zone)).toISOString().slice(0, 16).replace("T", " ");
  return [
    `daylight-saving change: Chaos Mesh (robfig/cron v3) skips ${missed.length} run(s) in ${DST_SCAN.fromYear}–${DST_SCAN.toYear - 1}, the first at ${local} ${zone}`,
  ];
}

function summaryOf(
  service: ResolvedService,
  e: ResolvedExperiment,
  kind: string,
  runMinutes: number,
): Omit<ExperimentSummary, "regions" | "skipped"> {
  const mode = podMode(e.maxUnavailable);
  return {
    name: e.name,
    action: e.action,
    kind,
    specSchedule: e.schedule,
    durationSeconds: e.durationMs / 1000,
    runSeconds: runMinutes * 60,
    blastRadius: {
      ...mode,
      podsAtMinReplicas: podsHit(mode, service.workload.minReplicas),
      disruptionsAllowed: service.workload.disruptionsAllowed,
    },
    hypothesis: e.hypothesis,
  };
}
