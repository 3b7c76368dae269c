/**
 * What `reliability chaos freeze|pause|resume` changes, computed from the plan: per cluster (region
 * and kubeconfig context), JSON merge patches of the control ConfigMap in each service namespace
 * and, for pause and resume, of the services' Schedules' `experiment.chaos-mesh.org/pause`
 * annotation (a paused Schedule starts no run at all). A freeze leaves the Schedules alone: they
 * fire and their gate stops them until the freeze ends. Pure.
 * @see https://datatracker.ietf.org/doc/html/rfc7386
 * @see https://chaos-mesh.org/docs/define-scheduling-rules/#pause-a-schedule
 */

import { CHAOS_CONTROL, CHAOS_MESH_PAUSE_ANNOTATION } from "../../core/chaos-conventions.js";
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

/** A cluster and the control objects of the chosen services in it. */
export interface ControlTarget {
  /** Region of the cluster. */
  readonly region: string;
  /** kubeconfig context. */
  readonly context: string;
  /** kubeconfig file, when the stack names one. */
  readonly kubeconfig?: string;
  /** Each service's namespace and Schedule names there. */
  readonly services: readonly { service: string; namespace: string; schedules: readonly string[] }[];
}

/** The clusters where the services have a control ConfigMap, with their namespaces and Schedules. */
export function controlTargets(plan: Plan, stack: StackConfig, services: readonly string[]): ControlTarget[] {
  const chosen = plan.services.filter((s) => services.includes(s.service));
  return Object.entries(stack.regions).flatMap(([region, config]): ControlTarget[] => {
    const found = chosen.flatMap((s) => {
      const own = s.resources.filter((r) => r.region === region);
      const control = own.find(isControl);
      if (!control) return [];
      const name = (r: PlannedResource) => (r.props["metadata"] as { name: string; namespace: string }).name;
      const namespace = (control.props["metadata"] as { namespace: string }).namespace;
      return [{ service: s.service, namespace, schedules: own.filter((r) => r.type === SCHEDULE_TYPE).map(name) }];
    });
    const { context, kubeconfig } = config.kubernetes;
    return found.length === 0 ? [] : [{ region, context, ...(kubeconfig ? { kubeconfig } : {}), services: found }];
  });
}

/** The change a request makes to a planned stack (services must be among {@link controlledServices}). */
export function controlChange(plan: Plan, stack: StackConfig, request: ControlRequest): ControlChange {
  const services = request.services ?? controlledServices(plan);
  const data = (service: string) => ({ data: controlData(service, stateOf(request)) });
  const schedulePatch = pausePatch(request.action);
  const clusters = controlTargets(plan, stack, services).map(({ services: found, ...cluster }): ClusterChange => {
    const patches = found.flatMap(({ service, namespace, schedules }): ControlPatch[] => [
      { kind: "ConfigMap", namespace, name: CHAOS_CONTROL.configMap, service, patch: data(service) },
      ...(schedulePatch
        ? schedules.map((name): ControlPatch => ({ kind: "Schedule", namespace, name, service, patch: schedulePatch }))
        : []),
    ]);
    return { ...cluster, patches };
  });
  return { request: { ...request, services }, stack: plan.stack, clusters };
}

/** The audit line of a change: UTC time, user, action, stack, services, until and reason. */
export function auditLine(change: ControlChange): string {
  const r = change.request;
  const until = r.until ? ` until=${r.until}` : "";
  return `${r.at} user=${JSON.stringify(r.by)} action=${r.action} stack=${change.stack} services=${r.services.join(",")}${until} reason=${JSON.stringify(r.reason)}`;
}
