/**
 * Chaos rules: experiments stay inside the service, hit no more pods than its disruption budget
 * allows, abort on a failing status check in production, and never run inside a blackout.
 * @see https://chaos-mesh.org/docs/define-scheduling-rules/
 * @see https://chaos-mesh.org/docs/status-check-in-workflow/
 */

import { z } from "zod";
import { podsHit } from "../../core/pod-mode.js";
import { firings, windowProblems } from "./calendar.js";
import { splitZonedCron } from "../../core/cron.js";
import { CHAOS_STOPS, isProduction, chaosTargetLabels } from "../../core/conventions.js";
import { stopOf, type GateStop } from "./stops.js";
import { parseStopLines } from "./stops-config.js";
import { describe, must, ofType, resourceRule, serviceRule } from "../../core/policy/framework.js";
import { minReplicas } from "../../core/policy/kube.js";
import type { Finding, Rule, ServiceRule, ServiceSubject, Subject } from "../../core/policy/types.js";
import { at, isObject, isUnknown, list, str } from "../../core/policy/values.js";
import { allowance, regionWorkloads } from "../workload/rules/scaling.js";
import type { ActionRegistry } from "./actions/action.js";
import { CHAOS_ACTIONS } from "./actions/index.js";

/** Type token of a Chaos Mesh Schedule. */
export const CHAOS_SCHEDULE = "kubernetes:chaos-mesh.org/v1alpha1:Schedule";

/** Every chaos body embedded in an object (`podChaos`, `networkChaos`, ... under a Schedule or its workflow templates), with its field. */
export function chaosBodies(
  value: unknown,
): { kind: string; field: string; body: Readonly<Record<string, unknown>> }[] {
  if (Array.isArray(value)) return value.flatMap(chaosBodies);
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    /^[a-z]+Chaos$/.test(key) && isObject(child)
      ? [{ kind: key[0]?.toUpperCase() + key.slice(1), field: key, body: child }]
      : chaosBodies(child),
  );
}

function isChaos(r: Subject): boolean {
  return r.type.startsWith("kubernetes:chaos-mesh.org/");
}

/** Selectors confined to the service's namespace and pod labels. */
export const chaosSelectorConfined = serviceRule("chaos", {
  name: "chaos-selector-confined",
  description:
    "Every chaos experiment selects only the service's own pods: its namespace and the labels that pin it (name, part-of, managed-by).",
  config: z.object({}),
  check: (service) =>
    service.resources.filter(isChaos).flatMap((r): Finding[] => {
      const wanted = chaosTargetLabels(service.service);
      return chaosBodies(r.props).flatMap(({ kind, body }): Finding[] => {
        const namespaces = list(body, "selector.namespaces");
        const labels = at(body, "selector.labelSelectors");
        if (isUnknown(namespaces) || isUnknown(labels)) return [];
        const nsOk = namespaces.length > 0 && namespaces.every((n) => n === service.namespace);
        const labelsOk = Object.entries(wanted).every(([k, v]) => isObject(labels) && labels[k] === v);
        if (nsOk && labelsOk) return [];
        return [
          {
            resource: r.key,
            path: r.origin ?? "spec.chaos",
            message: must(
              `${kind} in ${describe(r)}`,
              `select only namespace ${service.namespace} and labels ${JSON.stringify(wanted)}`,
              "an experiment must never reach pods of another service",
            ),
          },
        ];
      });
    }),
});

/** Pods a Chaos Mesh mode hits out of `pods` (percentages round down, as Chaos Mesh does). */
export function podsHitBy(mode: unknown, value: unknown, pods: number): number | undefined {
  const v = typeof value === "string" ? Number(value) : undefined;
  if (mode === "one") return podsHit({ mode }, pods);
  if (mode === "all") return pods;
  if ((mode === "fixed" || mode === "fixed-percent") && v !== undefined)
    return podsHit({ mode, value: String(v) }, pods);
  if (mode === "random-max-percent" && v !== undefined)
    return podsHit({ mode: "fixed-percent", value: String(v) }, pods);
  return undefined;
}

/** Experiments of a kind the registry's disruptive actions create hit no more pods than the PDB allows at minimum replicas. */
export function blastRadiusRule(actions: ActionRegistry): ServiceRule {
  const disruptive = new Set(actions.filter((a) => a.disruptive).map((a) => a.field));
  return serviceRule("chaos", {
    name: "chaos-blast-radius",
    description:
      "A pod-disrupting experiment hits no more pods than the PodDisruptionBudget allows at the minimum replica count.",
    config: z.object({}),
    check: (service) => blastRadiusFindings(service, disruptive),
  });
}

function blastRadiusFindings(service: ServiceSubject, disruptive: ReadonlySet<string>): Finding[] {
  return regionWorkloads(service).flatMap((w): Finding[] => {
    const min = minReplicas(w.deployment.props, w.hpa?.props);
    const allowed = w.pdb && !isUnknown(min) ? allowance(w.pdb, min) : undefined;
    if (isUnknown(min) || allowed === undefined) return [];
    return service.resources
      .filter((r) => isChaos(r) && r.region === w.region)
      .flatMap((r) =>
        chaosBodies(r.props)
          .filter(({ field }) => disruptive.has(field))
          .flatMap(({ kind, body }): Finding[] => {
            const hit = podsHitBy(at(body, "mode"), at(body, "value"), min);
            if (hit === undefined || hit <= allowed) return [];
            return [
              {
                resource: r.key,
                path: `${r.origin ?? "spec.chaos"}.maxUnavailable`,
                message: must(
                  `${kind} in ${describe(r)}`,
                  `hit at most ${allowed} pod(s) (the PDB allowance at ${min} replicas), hits ${hit}`,
                  "an experiment larger than the disruption budget causes the outage it is meant to rehearse",
                ),
              },
            ];
          }),
      );
  });
}

/** The blast-radius rule for the catalogue's actions. */
export const chaosBlastRadius = blastRadiusRule(CHAOS_ACTIONS);

/** True when a Schedule runs a workflow with a status check that aborts it. */
function hasAbortCheck(props: Readonly<Record<string, unknown>>): boolean | undefined {
  const templates = list(props, "spec.workflow.templates");
  if (isUnknown(templates)) return undefined;
  return templates.some((t) => at(t, "templateType") === "StatusCheck" && at(t, "abortWithStatusCheck") === true);
}

/** In production, every experiment aborts on a failing status check. */
export const chaosAbortCheck = resourceRule("chaos", {
  name: "chaos-abort-check",
  description:
    "In production, every scheduled experiment runs as a workflow with a status check that aborts it when the service burns its error budget.",
  types: [CHAOS_SCHEDULE],
  config: z.object({}),
  check: (subject, _config, context) => {
    if (!isProduction(context.environment)) return [];
    const ok = hasAbortCheck(subject.props);
    if (ok !== false) return [];
    return [
      {
        resource: subject.key,
        path: subject.origin ?? "spec.chaos",
        message: must(
          describe(subject),
          "run as a Workflow with a StatusCheck that has abortWithStatusCheck: true",
          "in production an experiment must stop by itself as soon as users are hurt",
        ),
      },
    ];
  },
});

const DAY = 86_400_000;

/** Runs of every Schedule stay out of the declared blackouts (when Chaos Mesh fires them, in the service's time zone). */
export const chaosOutsideBlackouts = serviceRule("chaos", {
  name: "chaos-outside-blackouts",
  description:
    "No run of any Schedule, within horizonDays from `from` and within every one-off freeze, falls inside a declared blackout, unless the stops ConfigMap its gate reads stops it.",
  config: z.object({
    from: z
      .string()
      .default("2026-01-01T00:00:00Z")
      .describe("Start of the checked range (ISO 8601); `reliability check` passes the current time."),
    horizonDays: z.number().int().min(7).max(800).default(366).describe("Days checked from `from`."),
  }),
  check: (service, config) => {
    const chaos = service.analysis?.chaos;
    if (!chaos || chaos.blackouts.length === 0) return [];
    const from = new Date(config.from);
    const ranges: [Date, Date][] = [[from, new Date(from.getTime() + config.horizonDays * DAY)]];
    for (const b of chaos.blackouts)
      if (b.start && b.end)
        ranges.push([new Date(Date.parse(`${b.start}Z`) - 2 * DAY), new Date(Date.parse(`${b.end}Z`) + 2 * DAY)]);
    const { allowedHours: _allowed, ...windows } = chaos;
    const runSeconds = new Map(
      chaos.experiments.flatMap((e) =>
        e.regions.flatMap((r) => r.schedules.map((s) => [s.key, e.runSeconds] as const)),
      ),
    );
    return ofType(service, CHAOS_SCHEDULE).flatMap((r): Finding[] => {
      const schedule = str(r.props, "spec.schedule");
      const name = str(r.props, "metadata.name");
      if (typeof schedule !== "string" || typeof name !== "string") return [];
      const { timezone, cron } = splitZonedCron(schedule);
      const length = (runSeconds.get(r.key) ?? 0) * 1000;
      const stops = regionStops(service, r.region);
      const problemsAt = (start: Date): string[] =>
        stopOf(stops, name, start.getTime(), start.getTime() + length)
          ? []
          : windowProblems(start, new Date(start.getTime() + length), { ...windows, timezone });
      const hit = ranges
        .flatMap(([a, b]) => firings(cron, timezone, a, b))
        .find((start) => problemsAt(start).length > 0);
      if (!hit) return [];
      const problems = problemsAt(hit);
      return [
        {
          resource: r.key,
          path: `${r.origin ?? "spec.chaos"}.schedule`,
          message: must(
            describe(r),
            `not run ${problems.join(", ")} (first at ${hit.toISOString()}, ${schedule})`,
            "blackouts are the times the business cannot afford an experiment going wrong",
          ),
        },
      ];
    });
  },
});

/** The stops the gates of a region read: the data of the service's stops ConfigMap there. */
function regionStops(service: ServiceSubject, region: string | undefined): GateStop[] {
  const config = ofType(service, "kubernetes:core/v1:ConfigMap").find(
    (c) => c.region === region && str(c.props, "metadata.name") === CHAOS_STOPS.configMap,
  );
  const text = config ? at(config.props, `data.${CHAOS_STOPS.key}`) : undefined;
  return typeof text === "string" ? parseStopLines(text) : [];
}

/** The chaos rules for the actions of a registry. */
export function chaosRules(actions: ActionRegistry): readonly Rule[] {
  return [chaosSelectorConfined, blastRadiusRule(actions), chaosAbortCheck, chaosOutsideBlackouts];
}
