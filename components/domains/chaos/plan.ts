import { CHAOS_DEFAULTS, DEFAULTS, TIER_DEFAULTS } from "../../core/defaults.js";
import type { SpecIssue } from "../../core/spec/checks.js";
import type { ResolvedService } from "../../core/spec/service.js";
import type { ChaosInput, ExperimentInput } from "./schema.js";
import type { StackConfig } from "../../core/stack/config.js";
import { parseDuration } from "../../core/units.js";
import { isProduction } from "../../core/conventions.js";
import type { DomainPlan, DomainPlanner } from "../../core/module.js";
import type { PlannedResource } from "../../core/plan/types.js";
import { ACTION_KINDS } from "./catalogue.js";
import { podMode, podsHit } from "../../core/pod-mode.js";
import { parseCron, type CronFields } from "../../core/cron.js";
import { overlapMessage, overlaps, type Slot } from "./overlap.js";
import { scheduleResource } from "./resources.js";
import { restrict } from "./restrict.js";
import type { ChaosAnalysis, ExperimentSummary, Hypothesis, RegionRuns } from "./types.js";
import { buildWindows, freezeOf, type Windows } from "./windows.js";

/**
 * The chaos planner: Chaos Mesh Schedules for a service's experiments, gated by environment, tier
 * and stack, cut to stay out of blackouts, staggered across regions and proven not to overlap. Pure.
 */
export const chaosPlanner: DomainPlanner = (service, stack) => {
  const chaos = service.chaos ?? {};
  const base = baseAnalysis(service, chaos);
  const gate = gateReason(service, stack, chaos);
  if (gate) return { resources: [], analysis: { chaos: { ...base, enabled: false, reason: gate } } };
  const windows = buildWindows({
    timezone: base.timezone,
    weekly: (chaos.blackouts ?? []).filter((b) => b.start === undefined),
    freezes: (chaos.blackouts ?? []).flatMap((b) => (b.start !== undefined && b.end !== undefined ? [freezeOf(b.name, b.start, b.end)] : [])),
    ...(base.allowedHours ? { allowedHours: base.allowedHours } : {}),
  });
  const resources: PlannedResource[] = [];
  const issues: SpecIssue[] = [];
  const slots: Slot[] = [];
  const experiments: ExperimentSummary[] = [];
  for (const [index, e] of (chaos.experiments ?? []).entries()) {
    const planned = planExperiment(service, stack, e, index, windows, base.timezone);
    if ("issue" in planned) {
      issues.push(planned.issue);
      continue;
    }
    resources.push(...planned.resources);
    slots.push(...planned.slots);
    experiments.push(planned.summary);
  }
  for (const o of overlaps(slots)) issues.push({ path: ["spec", "chaos", "experiments", o.a.index, "schedule"], message: overlapMessage(o, base.timezone) });
  return { resources, analysis: { chaos: { ...base, enabled: experiments.length > 0, experiments } }, issues } satisfies DomainPlan;
};

function baseAnalysis(service: ResolvedService, chaos: ChaosInput): ChaosAnalysis {
  const allowedHours = chaos.allowedHours
    ? { days: chaos.allowedHours.days ?? ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], from: chaos.allowedHours.from, to: chaos.allowedHours.to }
    : service.tier === "critical" && isProduction(service.environment)
      ? { ...CHAOS_DEFAULTS.productionHoursCritical, days: [...CHAOS_DEFAULTS.productionHoursCritical.days] }
      : undefined;
  return {
    enabled: false,
    timezone: chaos.timezone ?? DEFAULTS.timezone,
    ...(allowedHours ? { allowedHours } : {}),
    blackouts: (chaos.blackouts ?? []).map((b) => ({ ...b })),
    experiments: [],
  };
}

/** Why no Schedule is planned, or undefined when chaos runs. */
export function gateReason(service: ResolvedService, stack: StackConfig, chaos: ChaosInput): string | undefined {
  if ((chaos.experiments ?? []).length === 0) return "no experiments declared";
  if (chaos.enabled === false) return `chaos.enabled is false in environment ${service.environment}`;
  if (chaos.enabled === undefined && !TIER_DEFAULTS[service.tier].chaosEnabled) return `tier ${service.tier} runs no chaos unless chaos.enabled is true`;
  if (!stack.chaosMesh.installed) return `stack ${stack.stack} has no Chaos Mesh (reliability:chaosMesh.installed is false)`;
  return undefined;
}

type PlannedExperiment =
  | { readonly resources: PlannedResource[]; readonly slots: Slot[]; readonly summary: ExperimentSummary }
  | { readonly issue: SpecIssue };

function planExperiment(service: ResolvedService, stack: StackConfig, e: ExperimentInput, index: number, windows: Windows, timezone: string): PlannedExperiment {
  const path = ["spec", "chaos", "experiments", index, "schedule"];
  const parsed = parseCron(e.schedule);
  if (!parsed.ok) return { issue: { path, message: `${parsed.error}, got ${JSON.stringify(e.schedule)}` } };
  const durationMs = parseDuration(e.duration ?? CHAOS_DEFAULTS.duration) ?? 0;
  const hypothesis = hypothesisOf(service.name, e);
  const runMs = (parseDuration(CHAOS_DEFAULTS.preCheckDeadline) ?? 0) + Math.max(durationMs, (hypothesis.expectAlert?.withinSeconds ?? 0) * 1000);
  const runMinutes = Math.ceil(runMs / 60_000);
  const slot = Math.ceil((runMinutes + CHAOS_DEFAULTS.regionGapMinutes) / 5) * 5;
  const regions = service.regions.filter((r) => e.regions === undefined || e.regions.includes(r));
  const resources: PlannedResource[] = [];
  const slots: Slot[] = [];
  const runs: RegionRuns[] = [];
  const skipped = new Set<string>();
  for (const [k, region] of regions.entries()) {
    const cut = restrict({ cron: parsed.fields, offsetMinutes: k * slot, runMinutes, windows });
    if (!cut.ok) return { issue: { path, message: `${cut.error}${k > 0 ? ` (in ${region}, which runs ${k * slot}m after ${regions[0] ?? ""})` : ""}, got ${JSON.stringify(e.schedule)}` } };
    cut.skipped.forEach((s) => skipped.add(k > 0 ? `${region}: ${s}` : s));
    const planned = cut.crons.map((cron, i) => scheduleResource({ service, stack, experiment: e, index, region, cron, part: cut.crons.length > 1 ? i + 1 : undefined, timezone, durationMs, hypothesis }));
    resources.push(...planned.map((p) => p.resource));
    slots.push(...planned.map((p, i) => ({ experiment: e.name, index, region, schedule: p.schedule.name, cron: cut.crons[i] as CronFields, runMinutes })));
    runs.push({ region, offsetMinutes: k * slot, schedules: planned.map((p) => p.schedule) });
  }
  return { resources, slots, summary: summarize(service, e, { durationMs, runMinutes, hypothesis, runs, skipped: [...skipped] }) };
}

function summarize(service: ResolvedService, e: ExperimentInput, p: Pick<ExperimentSummary, "hypothesis" | "skipped"> & { readonly durationMs: number; readonly runMinutes: number; readonly runs: readonly RegionRuns[] }): ExperimentSummary {
  const mode = podMode(e.maxUnavailable ?? CHAOS_DEFAULTS.maxUnavailable);
  return {
    name: e.name,
    action: e.action,
    kind: ACTION_KINDS[e.action].kind,
    specSchedule: e.schedule,
    durationSeconds: p.durationMs / 1000,
    runSeconds: p.runMinutes * 60,
    blastRadius: { ...mode, podsAtMinReplicas: podsHit(mode, service.workload.minReplicas), disruptionsAllowed: service.workload.disruptionsAllowed },
    hypothesis: p.hypothesis,
    regions: p.runs,
    skipped: p.skipped,
  };
}

/** The hypothesis of an experiment: by default, no page alert of the service fires. */
export function hypothesisOf(service: string, e: ExperimentInput): Hypothesis {
  const noPage = e.hypothesis?.noPage ?? true;
  const expect = e.hypothesis?.expectAlert;
  const expectAlert = expect ? { name: expect.name, withinSeconds: (parseDuration(expect.within) ?? 0) / 1000 } : undefined;
  const parts = [
    ...(noPage ? [`no page alert (severity=critical) of ${service} fires`] : []),
    ...(expect ? [`${expect.name} fires within ${expect.within}`] : []),
  ];
  return { noPage, ...(expectAlert ? { expectAlert } : {}), text: parts.length > 0 ? parts.join(" and ") : "nothing is asserted" };
}

