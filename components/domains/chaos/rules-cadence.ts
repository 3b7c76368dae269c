/**
 * Chaos cadence rules: how often and when experiments run, judged on the Schedules as Chaos Mesh
 * fires them (robfig/cron with `CRON_TZ=`) over a reference fortnight, and whether a pod-killing
 * experiment leaves any pod to serve.
 * @see https://principlesofchaos.org/
 */

import { z } from "zod";
import { POLICY_LIMITS } from "../../core/defaults.js";
import { splitZonedCron } from "../../core/cron.js";
import { humanDuration } from "../../core/units.js";
import { toWall } from "../../core/zone.js";
import { describe, must, ofType, serviceRule } from "../../core/policy/framework.js";
import { minReplicas } from "../../core/policy/kube.js";
import type { Finding, ServiceSubject, Subject } from "../../core/policy/types.js";
import { isUnknown, str } from "../../core/policy/values.js";
import { firings } from "./calendar.js";
import { CHAOS_SCHEDULE, chaosBodies } from "./rules.js";
import { regionWorkloads } from "../workload/rules/scaling.js";

/** The reference span the cadence is judged over: two weeks from Monday 2026-01-05 (no daylight-saving change). */
const REFERENCE = { from: new Date("2026-01-05T00:00:00Z"), until: new Date("2026-01-19T00:00:00Z") } as const;

/** A Schedule's cron, zone and runs over the reference span; undefined when not known yet. */
function runsOf(r: Subject): { cron: string; timezone: string; runs: Date[] } | undefined {
  const schedule = str(r.props, "spec.schedule");
  if (typeof schedule !== "string") return undefined;
  const { cron, timezone } = splitZonedCron(schedule);
  try {
    return { cron, timezone, runs: firings(cron, timezone, REFERENCE.from, REFERENCE.until) };
  } catch {
    return undefined;
  }
}

function path(r: Subject): string {
  return `${r.origin ?? "spec.chaos.experiments"}.schedule`;
}

/** Experiments of one Schedule no more often than `minIntervalMinutes`. */
export const chaosCadenceBounded = serviceRule("chaos", {
  name: "chaos-cadence-bounded",
  enforcement: "production",
  fix: `Space spec.chaos.experiments[].schedule runs at least ${POLICY_LIMITS.minChaosIntervalMinutes} minutes apart, e.g. "0 10 * * 2" (weekly) instead of "*/30 * * * *".`,
  anchor:
    "Principles of chaos engineering (minimize blast radius); SRE workbook (error budgets): back-to-back experiments spend the error budget faster than anyone can read their results.",
  description: "No chaos Schedule runs more often than once every minIntervalMinutes (60 by default).",
  config: z.object({
    minIntervalMinutes: z
      .number()
      .int()
      .positive()
      .default(POLICY_LIMITS.minChaosIntervalMinutes)
      .describe("Shortest time between two runs of one Schedule, minutes."),
  }),
  check: (service, config) =>
    ofType(service, CHAOS_SCHEDULE).flatMap((r): Finding[] => {
      const found = runsOf(r);
      if (!found) return [];
      const gaps = found.runs.slice(1).map((t, i) => t.getTime() - (found.runs[i]?.getTime() ?? 0));
      const shortest = Math.min(...gaps);
      if (gaps.length === 0 || shortest >= config.minIntervalMinutes * 60_000) return [];
      return [
        {
          resource: r.key,
          path: path(r),
          message: must(
            describe(r),
            `run at most once every ${config.minIntervalMinutes} minutes, runs every ${humanDuration(shortest)} ("${found.cron}")`,
            "each run spends error budget and its result must be read before the next one",
          ),
        },
      ];
    }),
});

/** Local hour of an instant in a zone. */
function localHour(t: Date, zone: string): number {
  return new Date(toWall(t.getTime(), zone)).getUTCHours();
}

/** A critical service's experiments start in the day, when its on-call is awake. */
export const chaosInDaytime = serviceRule("chaos", {
  name: "chaos-in-daytime",
  fix: `Move spec.chaos.experiments[].schedule to a local hour from ${POLICY_LIMITS.chaosDayStartHour}:00 to ${POLICY_LIMITS.chaosDayEndHour}:00, e.g. "0 10 * * 2", or set spec.chaos.allowedHours.`,
  anchor:
    "Principles of chaos engineering (run in production, with people watching); SRE workbook (on-call): an experiment that goes wrong at night pages a sleeping engineer.",
  description:
    "Every chaos run of a critical service starts between 08:00 and 18:00 local time of its chaos time zone, when its on-call is awake.",
  config: z.object({
    tiers: z.array(z.string()).default(["critical"]).describe("Tiers whose experiments must run in daytime."),
  }),
  check: (service, config) => {
    if (!config.tiers.includes(service.tier)) return [];
    return ofType(service, CHAOS_SCHEDULE).flatMap((r): Finding[] => {
      const found = runsOf(r);
      const night = found?.runs.find((t) => {
        const hour = localHour(t, found.timezone);
        return hour < POLICY_LIMITS.chaosDayStartHour || hour >= POLICY_LIMITS.chaosDayEndHour;
      });
      if (!found || !night) return [];
      const local = new Date(toWall(night.getTime(), found.timezone)).toISOString().slice(11, 16);
      return [
        {
          resource: r.key,
          path: path(r),
          message: must(
            describe(r),
            `start between ${POLICY_LIMITS.chaosDayStartHour}:00 and ${POLICY_LIMITS.chaosDayEndHour}:00 ${found.timezone}, starts at ${local} ("${found.cron}")`,
            `${service.service} is critical and an experiment that goes wrong must find its on-call awake`,
          ),
        },
      ];
    });
  },
});

const POD_KILLING = new Set(["pod-kill", "pod-failure"]);

/** Pod-killing experiments only on Deployments with pods to spare. */
export const podChaosNeedsReplicas = serviceRule("chaos", {
  name: "pod-chaos-needs-replicas",
  enforcement: "production",
  fix: `Raise spec.workload.replicas (or autoscaling.min) to at least ${POLICY_LIMITS.minReplicasForPodChaos}, or remove the pod-kill/pod-failure experiment from spec.chaos.experiments.`,
  anchor:
    "Principles of chaos engineering (minimize blast radius): killing the only replica is an outage, not an experiment.",
  description: "A pod-kill or pod-failure experiment runs only against a Deployment with at least 2 replicas.",
  config: z.object({}),
  check: (service) =>
    regionWorkloads(service).flatMap((w) => singleReplicaKills(service, w.region, w.deployment, w.hpa)),
});

function singleReplicaKills(service: ServiceSubject, region: string, deployment: Subject, hpa?: Subject): Finding[] {
  const replicas = minReplicas(deployment.props, hpa?.props);
  if (isUnknown(replicas) || replicas >= POLICY_LIMITS.minReplicasForPodChaos) return [];
  return ofType(service, CHAOS_SCHEDULE, region).flatMap((r): Finding[] => {
    const kills = chaosBodies(r.props).some(
      ({ kind, body }) => kind === "PodChaos" && POD_KILLING.has(String(body["action"])),
    );
    if (!kills) return [];
    return [
      {
        resource: r.key,
        path: path(r),
        message: must(
          describe(r),
          `not kill or fail pods of ${describe(deployment)}, which runs ${replicas} replica${replicas === 1 ? "" : "s"} at its minimum`,
          "with fewer than 2 replicas the experiment takes the whole service down",
        ),
      },
    ];
  });
}

/** The cadence rules. */
export const CHAOS_CADENCE_RULES = [chaosCadenceBounded, chaosInDaytime, podChaosNeedsReplicas];
