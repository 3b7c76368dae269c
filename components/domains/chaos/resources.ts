import type { ResolvedService } from "../../core/spec/service.js";
import type { StackConfig } from "../../core/stack/config.js";
import { formatDuration } from "../../core/units.js";
import { LABELS, logicalName, resourceKey, standardLabels } from "../../core/conventions.js";
import { CHAOS_ANNOTATIONS, CHAOS_COMPONENT, chaosScheduleName } from "../../core/chaos-conventions.js";
import { kubeTypeOf } from "../../core/plan/kube.js";
import { toProps } from "../../core/plan/props.js";
import type { PlannedResource } from "../../core/plan/types.js";
import type { ChaosActionRecord } from "./actions/action.js";
import { chaosSpec } from "./catalogue.js";
import { formatCron, zonedCron, type CronFields } from "../../core/cron.js";
import type { ResolvedChaos, ResolvedExperiment } from "./resolved.js";
import type { PlannedSchedule } from "./types.js";
import { budgetGateUrl, scheduleSpec } from "./workflow.js";

/** Chaos Mesh's API version. @see https://chaos-mesh.org/docs/ */
export const CHAOS_MESH_API_VERSION = "chaos-mesh.org/v1alpha1";

/** Pulumi type token of a Chaos Mesh Schedule. */
export const SCHEDULE_TYPE = kubeTypeOf(CHAOS_MESH_API_VERSION, "Schedule");

/** One Schedule to plan. */
export interface ScheduleRequest {
  /** The service. */
  readonly service: ResolvedService;
  /** The stack (Prometheus URL). */
  readonly stack: StackConfig;
  /** The service's chaos section (time zone, namespace prefix, Schedule settings). */
  readonly chaos: ResolvedChaos;
  /** The experiment. */
  readonly experiment: ResolvedExperiment;
  /** Its action. */
  readonly action: ChaosActionRecord;
  /** Its index in the spec. */
  readonly index: number;
  /** Region (cluster). */
  readonly region: string;
  /** The cron of this Schedule. */
  readonly cron: CronFields;
  /** 1-based part number when the experiment was split into several Schedules. */
  readonly part: number | undefined;
  /** Seconds a run occupies from firing (the gate stops it when a stop meets that window). */
  readonly runSeconds: number;
}

/** The Schedule resource of one cron of an experiment in one region, and its summary. */
export function scheduleResource(r: ScheduleRequest): {
  readonly resource: PlannedResource;
  readonly schedule: PlannedSchedule;
} {
  const { service, chaos, experiment: e, action, region } = r;
  const name = chaosScheduleName(service.name, e.name, r.part);
  const suffix = r.part === undefined ? e.name : `${e.name}-${r.part}`;
  const key = resourceKey(service.name, region, "Schedule", suffix);
  const schedule = zonedCron(r.cron, chaos.timezone);
  const duration = formatDuration(e.durationMs);
  const body = {
    metadata: {
      name,
      namespace: service.namespace,
      labels: { ...standardLabels(service), [LABELS.component]: CHAOS_COMPONENT },
      annotations: annotations(r),
    },
    spec: scheduleSpec({
      schedule,
      kind: action.kind,
      field: action.field,
      chaos: chaosSpec(action, e, { service, namespacePrefix: chaos.namespacePrefix }),
      duration,
      durationMs: e.durationMs,
      service: service.name,
      name,
      runSeconds: r.runSeconds,
      gateUrl: budgetGateUrl(r.stack.prometheus.url, service.name),
      settings: chaos.schedules,
    }),
  };
  const resource: PlannedResource = {
    key,
    type: SCHEDULE_TYPE,
    name: logicalName(service.name, region, `chaos-${suffix}`),
    provider: "kubernetes",
    region,
    service: service.name,
    props: toProps(body),
    opts: {
      dependsOn: [resourceKey(service.name, region, "Namespace"), resourceKey(service.name, region, "Deployment")],
    },
    origin: `spec.chaos.experiments[${r.index}]`,
  };
  return { resource, schedule: { name, key, cron: formatCron(r.cron), schedule } };
}

function annotations(r: ScheduleRequest): Record<string, string> {
  const h = r.experiment.hypothesis;
  return {
    [CHAOS_ANNOTATIONS.experiment]: r.experiment.name,
    [CHAOS_ANNOTATIONS.hypothesis]: h.text,
    [CHAOS_ANNOTATIONS.noPage]: String(h.noPage),
    ...(h.expectAlert
      ? {
          [CHAOS_ANNOTATIONS.expectAlert]: h.expectAlert.name,
          [CHAOS_ANNOTATIONS.expectAlertWithin]: formatDuration(h.expectAlert.withinSeconds * 1000),
        }
      : {}),
    [CHAOS_ANNOTATIONS.timezone]: r.chaos.timezone,
    [CHAOS_ANNOTATIONS.specSchedule]: r.experiment.schedule,
  };
}
