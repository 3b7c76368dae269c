/**
 * The Chaos Mesh objects of one experiment: a Schedule (`type: Workflow`) whose Workflow first checks
 * that the service is not already burning its error budget, then injects while a second check keeps
 * watching; either check failing aborts the Workflow (and so removes the fault).
 * @see https://chaos-mesh.org/docs/define-scheduling-rules/
 * @see https://chaos-mesh.org/docs/status-check-in-workflow/
 */

import { ALERT_LABELS, ALERT_NAMES, CHAOS_TEMPLATES, SEVERITY } from "../../core/conventions.js";
import type { ScheduleSettings } from "./resolved.js";

/**
 * The PromQL the status checks send to Prometheus's `/api/v1/query`. Chaos Mesh can only judge an
 * HTTP status code, so the query is built to FAIL (HTTP 422, many-to-many matching) exactly when a
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
  /** Status-check URL. */
  readonly gateUrl: string;
  /** History, deadlines and status-check timing. */
  readonly settings: ScheduleSettings;
}

function statusCheck(
  gateUrl: string,
  mode: "Synchronous" | "Continuous",
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

/** The Schedule's `spec`: Forbid overlapping runs, skip late ones, keep a short history. */
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
      entry: t.entry,
      templates: [
        { name: t.entry, templateType: "Serial", children: [t.preCheck, t.run] },
        {
          name: t.preCheck,
          templateType: "StatusCheck",
          deadline: settings.preCheckDeadline,
          abortWithStatusCheck: true,
          statusCheck: statusCheck(input.gateUrl, "Synchronous", settings.statusCheck),
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
