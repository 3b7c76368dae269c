/**
 * Chaos rules: experiments stay inside the service, hit no more pods than its disruption budget
 * allows, pass a fail-closed gate and abort on a failing status check in production, and never run
 * inside a blackout.
 * @see https://chaos-mesh.org/docs/define-scheduling-rules/
 * @see https://chaos-mesh.org/docs/status-check-in-workflow/
 */

import { z } from "zod";
import { podsHit } from "../../core/pod-mode.js";
import { firings, windowProblems } from "./calendar.js";
import { splitZonedCron } from "../../core/cron.js";
import { isProduction, chaosTargetLabels } from "../../core/conventions.js";
import { CHAOS_CONTROL, CHAOS_STOPS } from "../../core/chaos-conventions.js";
import { stopOf, type GateStop } from "./stops.js";
import { parseStopLines } from "./stops-config.js";
import { describe, must, ofType, resourceRule, serviceRule } from "../../core/policy/framework.js";
import { minReplicas } from "../../core/policy/kube.js";
import type { Finding, Rule, ServiceRule, ServiceSubject, Subject } from "../../core/policy/types.js";
import { at, isObject, isUnknown, list, str } from "../../core/policy/values.js";
import { allowance, regionWorkloads } from "../workload/rules/scaling.js";
import type { ActionRegistry } from "./actions/action.js";
import { CHAOS_ACTIONS } from "./actions/index.js";
import { GATE_PASS_EXPRESSION } from "./gate.js";

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
  fix: "Remove the selector override: keep the experiment's namespace and the service's name, part-of and managed-by labels.",
  anchor: "Chaos Mesh guidance: an experiment that selects other pods harms services that did not agree to it.",
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
    fix: "Lower spec.chaos.experiments[].maxUnavailable (e.g. 1) or raise spec.workload.replicas so the experiment stays within the PodDisruptionBudget.",
    anchor: "Principles of chaos engineering (minimize blast radius).",
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

/**
 * What is missing from a Schedule's fail-closed gate: the Workflow's entry must be a Task that mounts
 * the control and stops ConfigMaps non-optional and whose every branch needs `exitCode == 0`, and a StatusCheck
 * must abort the run; an empty list when it is all there, undefined when it is not known yet.
 */
export function gateGaps(props: Readonly<Record<string, unknown>>): string[] | undefined {
  const templates = list(props, "spec.workflow.templates");
  const entry = at(props, "spec.workflow.entry");
  if (isUnknown(templates) || isUnknown(entry)) return undefined;
  const gate = templates.find((t) => at(t, "name") === entry);
  const gaps: string[] = [];
  if (!gate || at(gate, "templateType") !== "Task") gaps.push("its entry must be a Task template");
  const branches = gate ? list(gate, "conditionalBranches") : [];
  if (isUnknown(branches)) return undefined;
  if (branches.length === 0 || branches.some((b) => at(b, "expression") !== GATE_PASS_EXPRESSION))
    gaps.push(`every conditional branch of the entry must have expression "${GATE_PASS_EXPRESSION}"`);
  const volumes = gate ? list(gate, "task.volumes") : [];
  if (isUnknown(volumes)) return undefined;
  for (const name of [CHAOS_CONTROL.configMap, CHAOS_STOPS.configMap])
    if (!volumes.some((v) => at(v, "configMap.name") === name && at(v, "configMap.optional") !== true))
      gaps.push(`the entry must mount ConfigMap ${name} with optional unset or false`);
  if (!templates.some((t) => at(t, "templateType") === "StatusCheck" && at(t, "abortWithStatusCheck") === true))
    gaps.push("a StatusCheck with abortWithStatusCheck: true must guard the run");
  return gaps;
}

/** In production, every experiment passes a fail-closed gate before it injects and is aborted when a check fails. */
export const chaosFailClosedGate = resourceRule("chaos", {
  name: "chaos-fail-closed-gate",
  fix: "Keep the generated gate Task and status check on every Schedule; do not override the Workflow in a transformation.",
  anchor:
    "Principles of chaos engineering (automate and abort): a run must not inject when the service is already burning budget.",
  description:
    "In production, every scheduled experiment starts with a gate Task that injects only when it exits 0 (service active in its control ConfigMap, budget query answered with an empty result), and a status check aborts the run when the service burns its error budget.",
  types: [CHAOS_SCHEDULE],
  config: z.object({}),
  check: (subject, _config, context) => {
    if (!isProduction(context.environment)) return [];
    const gaps = gateGaps(subject.props);
    if (gaps === undefined || gaps.length === 0) return [];
    return [
      {
        resource: subject.key,
        path: subject.origin ?? "spec.chaos",
        message: must(
          describe(subject),
          `run a fail-closed gate before injecting: ${gaps.join("; ")}`,
          "a gate that fails open injects while Prometheus is slow or unreachable, and a freeze or pause must stop runs without a redeploy",
        ),
      },
    ];
  },
});

const DAY = 86_400_000;

/** Runs of every Schedule stay out of the declared blackouts (when Chaos Mesh fires them, in the service's time zone). */
export const chaosOutsideBlackouts = serviceRule("chaos", {
  name: "chaos-outside-blackouts",
  fix: 'Move spec.chaos.experiments[].schedule out of spec.chaos.blackouts (e.g. "0 10 * * 2"), or narrow the blackout.',
  anchor: "Change-management practice: no fault injection during freezes.",
  description:
    "No run of any Schedule, within horizonDays from `from` and within every one-off freeze, falls inside a declared blackout, unless the stops ConfigMap its gate reads stops it.",
  config: z.object({
    from: z
      .string()
      .default("2026-01-01T00:00:00Z")
      .describe(
        "Start of the checked range (ISO 8601); `reliability check` passes the start of the current hour (UTC).",
      ),
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
  return [chaosSelectorConfined, blastRadiusRule(actions), chaosFailClosedGate, chaosOutsideBlackouts];
}
