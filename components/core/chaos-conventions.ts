/**
 * Names of the chaos objects every planner, policy and command agrees on: Schedules, templates,
 * the control and stops ConfigMaps and the annotations the gate and the calendar read.
 */

import { DOMAIN } from "./conventions.js";

/** Chaos Mesh's name limit for a Schedule that wraps a Workflow (the Workflow adds a 6-character suffix). */
export const CHAOS_SCHEDULE_NAME_MAX = 51;

/**
 * Name of the Chaos Mesh Schedule of an experiment: `<service>-<experiment>`, with `-<n>` when a blackout
 * split it into several Schedules.
 * @see https://chaos-mesh.org/docs/define-scheduling-rules/
 */
export function chaosScheduleName(service: string, experiment: string, part?: number): string {
  return part === undefined ? `${service}-${experiment}` : `${service}-${experiment}-${part}`;
}

/** Template names of the Workflow every Schedule wraps (DNS-1123 labels, unique within the Workflow); the gate is its entry. */
export const CHAOS_TEMPLATES = {
  gate: "gate",
  run: "run",
  inject: "inject",
  guard: "guard",
} as const;

/**
 * The chaos control object: one ConfigMap per service namespace that the gate of every run reads, so
 * a freeze or pause holds without a redeploy. Its keys are `<service>.<field>`.
 */
export const CHAOS_CONTROL = {
  /** Name of the ConfigMap. */
  configMap: "reliability-chaos-control",
  /** Where the gate's pod mounts it. */
  mountPath: "/etc/reliability/chaos-control",
  /** Name of the gate pod's volume and container. */
  volume: "chaos-control",
  /** Name of the gate's container. */
  container: "gate",
  /** Data key of one field of a service's state. */
  key: (service: string, field: ChaosControlField) => `${service}.${field}`,
} as const;

/** The fields of a service's control state: `state` (`active`, `paused`, `frozen`), `until`, `reason`, `by`, `at`. */
export type ChaosControlField = "state" | "until" | "reason" | "by" | "at";

/** Annotation Chaos Mesh reads to pause a Schedule (no new runs while it is `"true"`). */
export const CHAOS_MESH_PAUSE_ANNOTATION = "experiment.chaos-mesh.org/pause";

/** Annotations on a chaos Schedule: what must hold, when it runs and where it came from. */
export const CHAOS_ANNOTATIONS = {
  hypothesis: `${DOMAIN}/hypothesis`,
  noPage: `${DOMAIN}/expect-no-page`,
  expectAlert: `${DOMAIN}/expect-alert`,
  expectAlertWithin: `${DOMAIN}/expect-alert-within`,
  timezone: `${DOMAIN}/timezone`,
  specSchedule: `${DOMAIN}/spec-schedule`,
  experiment: `${DOMAIN}/experiment`,
} as const;

/**
 * The ConfigMap in a service's namespace that lists the spans in which the chaos gate stops runs
 * (one-off freezes, daylight-saving change days), and its data key: one stop per line,
 * `<schedule|*> <from epoch seconds> <until epoch seconds> <reason>`.
 */
export const CHAOS_STOPS = { configMap: "reliability-chaos-stops", key: "stops" } as const;

/** Name of the PrometheusRule (and its group) holding a service's chaos alerts. */
export function chaosRulesName(service: string): string {
  return `${service}-chaos`;
}

/** `app.kubernetes.io/component` of chaos objects. */
export const CHAOS_COMPONENT = "chaos";
