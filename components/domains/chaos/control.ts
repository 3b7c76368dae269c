/**
 * The chaos control object: a ConfigMap per service namespace (and cluster) that the gate of every
 * run reads. Pulumi creates it with the service `active` and then ignores its `data`
 * (`ignoreChanges: ["data"]`), so a freeze or pause written by `reliability chaos freeze|pause` holds
 * across `pulumi up` and needs no redeploy. Pure: the object, its keys and what a state means.
 */

import { LABELS, resourceKey, standardLabels } from "../../core/conventions.js";
import { CHAOS_CONTROL, CHAOS_COMPONENT } from "../../core/chaos-conventions.js";
import { kubeBody, kubeResource } from "../../core/plan/kube.js";
import type { PlannedResource } from "../../core/plan/types.js";
import type { ResolvedService } from "../../core/spec/service.js";
import { CHAOS_DEFAULTS } from "./defaults.js";

/** What a service's experiments may do: run, stay paused until resumed, or stay frozen until a time. */
export type ControlStateName = "active" | "paused" | "frozen";

/** A service's control state as its ConfigMap holds it. */
export interface ControlState {
  /** `active`, `paused` or `frozen`. */
  readonly state: ControlStateName;
  /** End of a freeze, UTC RFC 3339 without fractions (`2026-12-01T08:00:00Z`). */
  readonly until?: string;
  /** Why it was paused or frozen. */
  readonly reason?: string;
  /** Who changed it. */
  readonly by?: string;
  /** When it was changed (UTC RFC 3339). */
  readonly at?: string;
}

/** The ConfigMap `data` of one service's state; fields the state lacks are `null` (a merge patch removes them). */
export function controlData(service: string, state: ControlState): Record<string, string | null> {
  const key = (f: Parameters<typeof CHAOS_CONTROL.key>[1]) => CHAOS_CONTROL.key(service, f);
  return {
    [key("state")]: state.state,
    [key("until")]: state.until ?? null,
    [key("reason")]: state.reason ?? null,
    [key("by")]: state.by ?? null,
    [key("at")]: state.at ?? null,
  };
}

/** A service's state read from ConfigMap data, or undefined when the data holds none (the gate stays closed). */
export function controlStateOf(
  service: string,
  data: Readonly<Record<string, string | null | undefined>>,
): ControlState | undefined {
  const field = (f: Parameters<typeof CHAOS_CONTROL.key>[1]) => data[CHAOS_CONTROL.key(service, f)] ?? undefined;
  const state = field("state");
  if (state !== "active" && state !== "paused" && state !== "frozen") return undefined;
  const optional = (["until", "reason", "by", "at"] as const).flatMap((f) => {
    const v = field(f);
    return v === undefined ? [] : [[f, v] as const];
  });
  return { state, ...Object.fromEntries(optional) };
}

/** What the gate decides at a time for a state: `active` (runs), `paused`, `frozen`, or `closed` (no or bad state). */
export function gateVerdict(state: ControlState | undefined, at: Date): ControlStateName | "closed" {
  if (!state) return "closed";
  if (state.state !== "frozen") return state.state;
  const until = state.until === undefined ? NaN : Date.parse(state.until);
  if (Number.isNaN(until)) return "closed";
  return at.getTime() >= until ? "active" : "frozen";
}

/** The control ConfigMap of a service in one region: created `active`, its data then left to the control commands. */
export function controlResource(service: ResolvedService, region: string): PlannedResource {
  const body = kubeBody("kubernetes:core/v1:ConfigMap", {
    metadata: {
      name: CHAOS_CONTROL.configMap,
      namespace: service.namespace,
      labels: { ...standardLabels(service), [LABELS.component]: CHAOS_COMPONENT },
    },
    data: { [CHAOS_CONTROL.key(service.name, "state")]: CHAOS_DEFAULTS.controlState },
  });
  return kubeResource(
    service,
    {
      region,
      kind: "ChaosControl",
      type: "kubernetes:core/v1:ConfigMap",
      suffix: "chaos-control",
      origin: "spec.chaos",
      opts: { dependsOn: [resourceKey(service.name, region, "Namespace")], ignoreChanges: ["data"] },
    },
    body,
  );
}
