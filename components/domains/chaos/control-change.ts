/**
 * What `reliability chaos freeze|pause|resume` changes, computed from the plan: per cluster (region
 * and kubeconfig context), JSON merge patches of the control ConfigMap in each service namespace
 * and, for pause and resume, of the services' Schedules' `experiment.chaos-mesh.org/pause`
 * annotation (a paused Schedule starts no run at all). A freeze leaves the Schedules alone: they
 * fire and their gate stops them until the freeze ends. Pure.
 * @see https://datatracker.ietf.org/doc/html/rfc7386
 * @see https://chaos-mesh.org/docs/define-scheduling-rules/#pause-a-schedule
 */

import { CHAOS_CONTROL, CHAOS_MESH_PAUSE_ANNOTATION } from "../../core/conventions.js";
import type { Plan, PlannedResource } from "../../core/plan/types.js";
import type { StackConfig } from "../../core/stack/config.js";
import { controlData, type ControlState } from "./control.js";
import { SCHEDULE_TYPE } from "./resources.js";

/** The three control commands. */
export type ControlAction = "freeze" | "pause" | "resume";

/** One change as asked for. */
export interface ControlRequest {
  /** What to do. */
  readonly action: ControlAction;
  /** Services to change; all services with chaos planned when absent. */
  readonly services?: readonly string[];
  /** End of a freeze (UTC RFC 3339 without fractions); freeze only. */
  readonly until?: string;
  /** Why. */
  readonly reason: string;
  /** Who. */
  readonly by: string;
  /** When (UTC RFC 3339). */
  readonly at: string;
}

/** A JSON merge patch of one object. */
export interface ControlPatch {
  /** `ConfigMap` (core/v1) or `Schedule` (chaos-mesh.org/v1alpha1). */
  readonly kind: "ConfigMap" | "Schedule";
  /** Namespace of the object. */
  readonly namespace: string;
  /** Name of the object. */
  readonly name: string;
  /** The service it belongs to. */
  readonly service: string;
  /** The merge patch (`null` removes a key). */
  readonly patch: Readonly<Record<string, unknown>>;
}

/** The patches of one cluster. */
export interface ClusterChange {
  /** Region of the cluster. */
  readonly region: string;
  /** kubeconfig context (`reliability:regions.<region>.kubernetes.context`). */
  readonly context: string;
  /** kubeconfig file, when the stack names one. */
  readonly kubeconfig?: string;
  /** Patches, ConfigMaps first. */
  readonly patches: readonly ControlPatch[];
}

/** The whole change and what the audit line says. */
export interface ControlChange {
  /** The request, as recorded. */
  readonly request: ControlRequest & { readonly services: readonly string[] };
  /** The stack. */
  readonly stack: string;
  /** Per cluster. */
  readonly clusters: readonly ClusterChange[];
}

/** Services of the plan that have a control ConfigMap (chaos planned), by name. */
export function controlledServices(plan: Plan): string[] {
  return plan.services.filter((s) => s.resources.some(isControl)).map((s) => s.service);
}

function isControl(r: PlannedResource): boolean {
  return r.type === "kubernetes:core/v1:ConfigMap" && r.key.endsWith("/ChaosControl");
}

/** The state a request writes. */
function stateOf(request: ControlRequest): ControlState {
  const who = { reason: request.reason, by: request.by, at: request.at };
  if (request.action === "freeze")
    return { state: "frozen", ...(request.until ? { until: request.until } : {}), ...who };
  return { state: request.action === "pause" ? "paused" : "active", ...who };
}

/** The annotation patch a pause or resume sends to a Schedule (`null` removes it). */
function pausePatch(action: ControlAction): Record<string, unknown> | undefined {
  if (action === "freeze") return undefined;
  return { metadata: { annotations: { [CHAOS_MESH_PAUSE_ANNOTATION]: action === "pause" ? "true" : null } } };
}

/** The change a request makes to a planned stack (services must be among {@link controlledServices}). */
export function controlChange(plan: Plan, stack: StackConfig, request: ControlRequest): ControlChange {
  const services = request.services ?? controlledServices(plan);
  const state = stateOf(request);
  const schedulePatch = pausePatch(request.action);
  const chosen = plan.services.filter((s) => services.includes(s.service));
  const clusters = Object.entries(stack.regions).flatMap(([region, config]): ClusterChange[] => {
    const patches = chosen.flatMap((s): ControlPatch[] => {
      const own = s.resources.filter((r) => r.region === region);
      const control = own.find(isControl);
      if (!control) return [];
      const namespace = (control.props["metadata"] as { namespace: string }).namespace;
      const configMap: ControlPatch = {
        kind: "ConfigMap",
        namespace,
        name: CHAOS_CONTROL.configMap,
        service: s.service,
        patch: { data: controlData(s.service, state) },
      };
      const schedules = schedulePatch
        ? own
            .filter((r) => r.type === SCHEDULE_TYPE)
            .map((r): ControlPatch => {
              const name = (r.props["metadata"] as { name: string }).name;
              return { kind: "Schedule", namespace, name, service: s.service, patch: schedulePatch };
            })
        : [];
      return [configMap, ...schedules];
    });
    if (patches.length === 0) return [];
    const { context, kubeconfig } = config.kubernetes;
    return [{ region, context, ...(kubeconfig ? { kubeconfig } : {}), patches }];
  });
  return { request: { ...request, services }, stack: plan.stack, clusters };
}

/** The audit line of a change: UTC time, user, action, stack, services, until and reason. */
export function auditLine(change: ControlChange): string {
  const r = change.request;
  const until = r.until ? ` until=${r.until}` : "";
  return `${r.at} user=${JSON.stringify(r.by)} action=${r.action} stack=${change.stack} services=${r.services.join(",")}${until} reason=${JSON.stringify(r.reason)}`;
}
