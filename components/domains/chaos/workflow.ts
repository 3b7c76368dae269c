/**
 * The Chaos Mesh objects of one experiment: a Schedule (`type: Workflow`) whose Workflow first runs a
 * fail-closed gate (the service is active in its control ConfigMap and not burning its error budget),
 * then injects while a status check keeps watching; that check failing aborts the Workflow (and so
 * removes the fault).
 * @see https://chaos-mesh.org/docs/define-scheduling-rules/
 * @see https://chaos-mesh.org/docs/status-check-in-workflow/
 */

import { ALERT_LABELS, ALERT_NAMES, SEVERITY } from "../../core/conventions.js";
import { CHAOS_TEMPLATES } from "../../core/chaos-conventions.js";
import { formatDuration } from "../../core/units.js";
import { GATE_PASS_EXPRESSION, gateTask } from "./gate.js";
import type { ScheduleSettings } from "./resolved.js";

/**
 * The PromQL the gate and the guard send to Prometheus's `/api/v1/query`. Chaos Mesh's status check
 * can only judge an HTTP status code, so the query is built to FAIL (HTTP 422, many-to-many matching) exactly when a
 * page alert or an error-budget alert of the service is firing, and to succeed with an empty result
 * otherwise (Prometheus short-circuits a binary operation with an empty side).
 * @see https://prometheus.io/docs/prometheus/latest/querying/api/#expression-queries
 */
export function budgetGateQuery(service: string): string {
  const firing = `alertstate="firing",${ALERT_LABELS.service}="${service}"`;
  const alerts = `ALERTS{${firing},${ALERT_LABELS.severity}="${SEVERITY.page}"} or ALERTS{${firing},alertname=~"${ALERT_NAMES.burn}|${ALERT_NAMES.exhausted}"}`;
  return `count(${alerts}) * on() (vector(1) or label_replace(vector(1), "gate", "closed", "", ""))`;
}

/** The status-check URL: the stack's Prometheus with the gate query. */
export function budgetGateUrl(prometheusUrl: string, service: string): string {
  return `${prometheusUrl.replace(/\/+$/, "")}/api/v1/query?query=${encodeURIComponent(budgetGateQuery(service))}`;
}

/** Everything one Schedule is made of. */
export interface ScheduleInput {
  /** Cron with its `CRON_TZ=` prefix. */
  readonly schedule: string;
  /** Chaos Mesh kind of the injection, the inject step's `templateType` (`PodChaos`, ...). */
  readonly kind: string;
  /** Workflow template field of the chaos kind (`podChaos`, ...). */
  readonly field: string;
  /** The embedded chaos spec. */
  readonly chaos: Record<string, unknown>;
  /** How long the inject step (and the watching check) lasts, e.g. `5m`. */
  readonly duration: string;
  /** The same in milliseconds. */
  readonly durationMs: number;
  /** The service (whose control state the gate reads). */
  readonly service: string;
  /** The Schedule's name (the gate stops its runs listed in the stops ConfigMap). */
  readonly name: string;
  /** Seconds a run occupies from firing. */
  readonly runSeconds: number;
  /** Status-check URL. */
  readonly gateUrl: string;
  /** History, deadlines and status-check timing. */
  readonly settings: ScheduleSettings;
}

function statusCheck(
  gateUrl: string,
  mode: "Continuous",
  timing: ScheduleSettings["statusCheck"],
): Record<string, unknown> {
  return {
    mode,
    type: "HTTP",
    intervalSeconds: timing.intervalSeconds,
    timeoutSeconds: timing.timeoutSeconds,
    failureThreshold: timing.failureThreshold,
    successThreshold: 1,
    http: { url: gateUrl, method: "GET", criteria: { statusCode: "200" } },
  };
}

/**
 * The Schedule's `spec`: Forbid overlapping runs, skip late ones, keep a short history. The entry is
 * the fail-closed gate (a Task); only its `exitCode == 0` branch spawns the run (the injection beside
 * a Continuous guard that aborts the Workflow). The gate's deadline bounds the whole run, because
 * Chaos Mesh passes a Task's exceeded deadline on to the branch it spawned.
 */
export function scheduleSpec(input: ScheduleInput): Record<string, unknown> {
  const t = CHAOS_TEMPLATES;
  const { settings } = input;
  return {
    schedule: input.schedule,
    type: "Workflow",
    concurrencyPolicy: "Forbid",
    startingDeadlineSeconds: settings.startingDeadlineSeconds,
    historyLimit: settings.historyLimit,
    workflow: {
      entry: t.gate,
      templates: [
        {
          name: t.gate,
          templateType: "Task",
          deadline: formatDuration(settings.preCheckDeadlineMs + input.durationMs),
          task: gateTask({
            service: input.service,
            schedule: input.name,
            runSeconds: input.runSeconds,
            gateUrl: input.gateUrl,
            settings: settings.gate,
          }),
          conditionalBranches: [{ target: t.run, expression: GATE_PASS_EXPRESSION }],
        },
        { name: t.run, templateType: "Parallel", children: [t.inject, t.guard] },
        { name: t.inject, templateType: input.kind, deadline: input.duration, [input.field]: input.chaos },
        {
          name: t.guard,
          templateType: "StatusCheck",
          deadline: input.duration,
          abortWithStatusCheck: true,
          statusCheck: statusCheck(input.gateUrl, "Continuous", settings.statusCheck),
        },
      ],
    },
  };
}
