/**
 * Resolution of `spec.chaos`: every default the checks and the planner would otherwise take (time
 * zone, allowed hours, the tier's gate, each experiment's duration, blast radius, hypothesis,
 * regions and action fields, the Schedules' settings) is taken here. Pure.
 */

import { DEFAULTS, TIER_DEFAULTS } from "../../core/defaults.js";
import { isProduction } from "../../core/conventions.js";
import type { ResolveContext } from "../../core/module.js";
import { WEEKDAYS } from "../../core/spec/fields.js";
import type { ResolvedSections, ServiceBase, ServiceInput } from "../../core/spec/service.js";
import { parseDuration } from "../../core/units.js";
import { actionNamed, type ActionRegistry, type ChaosActionRecord } from "./actions/action.js";
import { CHAOS_DEFAULTS } from "./defaults.js";
import type { AllowedHours, ResolvedChaos, ResolvedExperiment, ScheduleSettings } from "./resolved.js";
import type { ChaosInput, ExperimentInput, HypothesisInput } from "./schema.js";
import type { Hypothesis } from "./types.js";

/** The Schedules' settings: the same for every service of a stack. */
function schedulesOf(gateImage: string | undefined): ScheduleSettings {
  return { ...SCHEDULES, gate: { ...SCHEDULES.gate, image: gateImage ?? CHAOS_DEFAULTS.gateImage } };
}

const SCHEDULES: ScheduleSettings = {
  historyLimit: CHAOS_DEFAULTS.historyLimit,
  startingDeadlineSeconds: CHAOS_DEFAULTS.startingDeadlineSeconds,
  statusCheck: {
    intervalSeconds: CHAOS_DEFAULTS.statusCheckIntervalSeconds,
    timeoutSeconds: CHAOS_DEFAULTS.statusCheckTimeoutSeconds,
    failureThreshold: CHAOS_DEFAULTS.statusCheckFailureThreshold,
  },
  gate: {
    image: CHAOS_DEFAULTS.gateImage,
    queryTimeoutSeconds: CHAOS_DEFAULTS.gateQueryTimeoutSeconds,
    ...CHAOS_DEFAULTS.gateResources,
  },
  preCheckDeadline: CHAOS_DEFAULTS.preCheckDeadline,
  preCheckDeadlineMs: parseDuration(CHAOS_DEFAULTS.preCheckDeadline) ?? 0,
  regionGapMinutes: CHAOS_DEFAULTS.regionGapMinutes,
  maxSchedulesPerExperiment: CHAOS_DEFAULTS.maxSchedulesPerExperiment,
};

/** The chaos domain's resolution for the actions of a registry. */
export function chaosResolver(
  actions: ActionRegistry,
): (input: ServiceInput, context: ResolveContext) => Pick<ResolvedSections, "chaos"> {
  return (input, context) => ({ chaos: resolveChaos(actions, input.spec.chaos ?? {}, context) });
}

function resolveChaos(actions: ActionRegistry, chaos: ChaosInput, { base, stack }: ResolveContext): ResolvedChaos {
  const allowedHours = allowedHoursOf(chaos, base);
  return {
    enabled: chaos.enabled ?? TIER_DEFAULTS[base.tier].chaosEnabled,
    enabledBy: chaos.enabled === undefined ? "tier" : "spec",
    timezone: chaos.timezone ?? DEFAULTS.timezone,
    ...(allowedHours ? { allowedHours } : {}),
    blackouts: chaos.blackouts ?? [],
    experiments: (chaos.experiments ?? []).map((e) => resolveExperiment(actionNamed(actions, e.action), e, base)),
    namespacePrefix: stack?.namespacePrefix ?? "",
    schedules: schedulesOf(stack?.chaosMesh.gateImage),
  };
}

/** The declared allowed hours (every day unless they say otherwise), or business hours for a critical service in production. */
function allowedHoursOf(chaos: ChaosInput, base: ServiceBase): AllowedHours | undefined {
  if (chaos.allowedHours)
    return { days: chaos.allowedHours.days ?? WEEKDAYS, from: chaos.allowedHours.from, to: chaos.allowedHours.to };
  if (base.tier !== "critical" || !isProduction(base.environment)) return undefined;
  return { ...CHAOS_DEFAULTS.productionHoursCritical, days: [...CHAOS_DEFAULTS.productionHoursCritical.days] };
}

function resolveExperiment(action: ChaosActionRecord, e: ExperimentInput, base: ServiceBase): ResolvedExperiment {
  return {
    name: e.name,
    action: e.action,
    schedule: e.schedule,
    durationMs: parseDuration(e.duration ?? CHAOS_DEFAULTS.duration) ?? 0,
    maxUnavailable: e.maxUnavailable ?? CHAOS_DEFAULTS.maxUnavailable,
    ...(e.target === undefined ? {} : { target: e.target }),
    regions: base.regions.filter((r) => e.regions === undefined || e.regions.includes(r)),
    hypothesis: hypothesisOf(base.name, e.hypothesis),
    params: paramsOf(action, e),
  };
}

/** The action's own fields of an experiment over the action's defaults. */
function paramsOf(action: ChaosActionRecord, e: ExperimentInput): Readonly<Record<string, unknown>> {
  const given = Object.keys(action.params.shape).flatMap((field) =>
    e[field] === undefined ? [] : [[field, e[field]] as const],
  );
  return { ...action.defaults, ...Object.fromEntries(given) };
}

/** The hypothesis of an experiment: by default, no page alert of the service fires. */
function hypothesisOf(service: string, h: HypothesisInput | undefined): Hypothesis {
  const noPage = h?.noPage ?? true;
  const expect = h?.expectAlert;
  const expectAlert = expect
    ? { name: expect.name, withinSeconds: (parseDuration(expect.within) ?? 0) / 1000 }
    : undefined;
  const parts = [
    ...(noPage ? [`no page alert (severity=critical) of ${service} fires`] : []),
    ...(expect ? [`${expect.name} fires within ${expect.within}`] : []),
  ];
  return {
    noPage,
    ...(expectAlert ? { expectAlert } : {}),
    text: parts.length > 0 ? parts.join(" and ") : "nothing is asserted",
  };
}
