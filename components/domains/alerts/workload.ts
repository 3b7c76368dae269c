/**
 * Workload alerts of a service, scoped to its namespace, Deployment, PodDisruptionBudget and
 * container, on kube-state-metrics and kubelet metrics. Every threshold and `for` comes from the
 * resolved probe timing, replica count and the tier's base alert time.
 * @see https://github.com/kubernetes-monitoring/kubernetes-mixin
 * @see https://kubernetes.io/docs/reference/instrumentation/metrics/
 */

import { TIER_DEFAULTS } from "../../core/defaults.js";
import type { ResolvedService } from "../../core/spec/service.js";
import type { ResolvedProbe } from "../workload/resolved.js";
import { formatDuration } from "../../core/units.js";
import { ALERT_LABELS, ALERT_NAMES, DETAIL_LABELS, KUBE_METRICS, SEVERITY } from "../../core/conventions.js";
import { failureWindowSeconds } from "../workload/probes.js";
import { annotations } from "./slo.js";
import type { AlertingRule } from "./types.js";

/** Seconds derived from the spec that the workload alerts use. */
export interface WorkloadTiming {
  /** Tier's base: how long a condition must last before it alerts. */
  readonly baseSeconds: number;
  /** Longest a new pod may take to become ready: startup budget + readiness failure window. */
  readonly podReadySeconds: number;
  /** Longest a rolling replacement of every replica may take. */
  readonly replaceAllSeconds: number;
}

/** The workload alert timing of a service. */
export function workloadTiming(service: ResolvedService): WorkloadTiming {
  const w = service.workload;
  const baseSeconds = TIER_DEFAULTS[service.tier].workloadAlertSeconds;
  const podReadySeconds = failureWindowSeconds(w.probes.startup) + failureWindowSeconds(w.probes.readiness);
  const perBatch = Math.max(1, w.disruptionsAllowed);
  return {
    baseSeconds,
    podReadySeconds,
    replaceAllSeconds: Math.ceil(w.minReplicas / perBatch) * podReadySeconds + baseSeconds,
  };
}

const seconds = (s: number): string => formatDuration(s * 1000);

/** The workload alerting rules of a service. */
export function workloadRules(service: ResolvedService, base: Record<string, string>): AlertingRule[] {
  const t = workloadTiming(service);
  const w = service.workload;
  const ns = `namespace="${service.namespace}"`;
  const deployment = `${ns},deployment="${service.name}"`;
  const container = `${ns},container="${w.containerName}"`;
  const rule = (
    alert: string,
    expr: string,
    forSeconds: number,
    severity: string,
    summary: string,
    description: string,
  ): AlertingRule => ({
    alert,
    expr,
    for: seconds(forSeconds),
    labels: { ...base, [ALERT_LABELS.severity]: severity },
    annotations: annotations(service, alert, { summary, description }),
  });
  const unavailableSeverity = service.tier === "critical" ? SEVERITY.page : SEVERITY.ticket;
  return [
    rule(
      ALERT_NAMES.crashLooping,
      `max_over_time(${KUBE_METRICS.waitingReason}{${container},reason="CrashLoopBackOff"}[${seconds(t.baseSeconds)}]) >= 1`,
      t.baseSeconds,
      SEVERITY.ticket,
      `${service.name} has a container restarting in a loop`,
      `Pod {{ $labels.pod }} of ${service.name} is in CrashLoopBackOff.`,
    ),
    rule(
      ALERT_NAMES.replicasUnavailable,
      `${KUBE_METRICS.unavailable}{${deployment}} > ${w.disruptionsAllowed}`,
      t.podReadySeconds + t.baseSeconds,
      unavailableSeverity,
      `${service.name} has more replicas unavailable than its disruption budget allows`,
      `{{ $value }} replicas of ${service.name} are unavailable; the PodDisruptionBudget tolerates ${w.disruptionsAllowed}.`,
    ),
    rule(
      ALERT_NAMES.replicasMismatch,
      `${KUBE_METRICS.desired}{${deployment}} != ${KUBE_METRICS.available}{${deployment}}`,
      t.replaceAllSeconds,
      SEVERITY.ticket,
      `${service.name} has not had its desired replicas available for longer than a rollout takes`,
      `The desired and available replica counts of ${service.name} have differed for ${seconds(t.replaceAllSeconds)}; a rollout of ${w.minReplicas} replicas should finish within that.`,
    ),
    rule(
      ALERT_NAMES.pdbBlocked,
      `${KUBE_METRICS.pdbAllowed}{${ns},poddisruptionbudget="${service.name}"} == 0`,
      t.replaceAllSeconds,
      SEVERITY.ticket,
      `${service.name}'s PodDisruptionBudget blocks every voluntary disruption`,
      `No pod of ${service.name} may be evicted (node drains and chaos experiments wait) and it has stayed so for ${seconds(t.replaceAllSeconds)}.`,
    ),
    probeRule(service, "Readiness", w.probes.readiness, container, t.baseSeconds, base),
    probeRule(service, "Liveness", w.probes.liveness, container, t.baseSeconds, base),
  ];
}

/**
 * Probe failures over the tier's base window: more failures than one pod's `failureThreshold`
 * means pods are being taken out of traffic (readiness) or restarted (liveness).
 */
function probeRule(
  service: ResolvedService,
  type: "Readiness" | "Liveness",
  probe: ResolvedProbe,
  container: string,
  baseSeconds: number,
  base: Record<string, string>,
): AlertingRule {
  const window = seconds(Math.max(baseSeconds, 2 * failureWindowSeconds(probe)));
  return {
    alert: ALERT_NAMES.probeFailing,
    expr: `sum by (namespace, container, probe_type) (increase(${KUBE_METRICS.probes}{${container},probe_type="${type}",result="failed"}[${window}])) > ${probe.failureThreshold}`,
    for: seconds(failureWindowSeconds(probe)),
    labels: { ...base, [ALERT_LABELS.severity]: SEVERITY.ticket, [DETAIL_LABELS.probe]: type.toLowerCase() },
    annotations: annotations(service, ALERT_NAMES.probeFailing, {
      summary: `${service.name}'s ${type.toLowerCase()} probe keeps failing`,
      description: `{{ $value | humanize }} ${type.toLowerCase()} probes of ${service.name} failed in ${window}; ${probe.failureThreshold} consecutive failures (${probe.periodSeconds}s apart) ${type === "Readiness" ? "take a pod out of traffic" : "restart a container"}.`,
    }),
  };
}
