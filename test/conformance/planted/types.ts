/**
 * Planted defects: a valid rendered object (from the prod stack's us-east-1 cluster), one change
 * that breaks one rule, and the error the suite must then report. Every rule has at least one.
 */

import type { Deployment } from "kubernetes-types/apps/v1";
import type { Container, PodSpec } from "kubernetes-types/core/v1";
import { baseline, byCluster } from "../rendered.js";
import type { KubeObject } from "../rules/index.js";

/** The stack and cluster the baselines come from. */
export const BASELINE_STACK = "prod";
/** The cluster (region) the baselines come from. */
export const BASELINE_REGION = "us-east-1";

/** One planted defect. */
export interface Planted {
  /** Rule (or check: `openapi`, `crd`, `amtool`) that must catch it. */
  readonly rule: string;
  /** What was broken, as a phrase ("a memory limit below its request"). */
  readonly defect: string;
  /** Kind of the baseline object. */
  readonly kind: string;
  /** Name of the baseline object (the first of its kind when absent). */
  readonly name?: string;
  /** Breaks the object (a deep copy). */
  readonly mutate: (object: KubeObject) => void;
  /** Text the error must contain. */
  readonly expect: string;
}

/** A planted defect in the objects of a whole cluster (for the cross-object rules). */
export interface PlantedInCluster {
  /** Rule that must catch it. */
  readonly rule: string;
  /** What was broken. */
  readonly defect: string;
  /** Returns the broken cluster (the objects are deep copies). */
  readonly mutate: (objects: KubeObject[]) => KubeObject[];
  /** Text the error must contain. */
  readonly expect: string;
}

/** A deep copy of the baseline object of a case. */
export function baselineOf(planted: Pick<Planted, "kind" | "name">): KubeObject {
  return baseline(BASELINE_STACK, planted.kind, planted.name);
}

/** A deep copy of the baseline cluster. */
export function baselineCluster(): KubeObject[] {
  return structuredClone(byCluster(BASELINE_STACK).get(BASELINE_REGION) ?? []);
}

/** The baseline object after the case's mutation. */
export function broken(planted: Planted): KubeObject {
  const object = baselineOf(planted);
  planted.mutate(object);
  return object;
}

/** A case on checkout's Deployment. */
export function onDeployment(rule: string, defect: string, expect: string, mutate: (d: Deployment) => void): Planted {
  return {
    rule,
    defect,
    kind: "Deployment",
    name: "checkout",
    expect,
    mutate: (o) => mutate(o as unknown as Deployment),
  };
}

/** The pod spec of a Deployment. */
export function podOf(d: Deployment): PodSpec {
  const pod = d.spec?.template.spec;
  if (!pod) throw new Error("baseline Deployment has no pod spec");
  return pod;
}

/** The first container of a Deployment. */
export function containerOf(d: Deployment): Container {
  const container = podOf(d).containers[0];
  if (!container) throw new Error("baseline Deployment has no container");
  return container;
}

/** A case on another kind, with the object typed as `T`. */
export function on<T>(
  kind: string,
  name: string | undefined,
  rule: string,
  defect: string,
  expect: string,
  mutate: (o: T) => void,
): Planted {
  return { rule, defect, kind, ...(name ? { name } : {}), expect, mutate: (o) => mutate(o as unknown as T) };
}
