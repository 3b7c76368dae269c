/**
 * What the engine must receive for a planned resource: its props with references resolved the
 * way the engine resolves them (unknown in preview, the producer's computed value in an update)
 * and secret references arriving as secrets, compared property by property.
 */

import { kubeApiOf } from "../../../components/core/plan/kube.js";
import {
  isRef,
  isSecretRef,
  type Plan,
  type PlannedResource,
  type PropValue,
  type SecretRef,
} from "../../../components/core/plan/types.js";
import { syntheticValue } from "./engine.js";
import { isSecret, isUnknown, type WireValue } from "./wire.js";

/** One place where what arrived differs from the plan. */
export interface Mismatch {
  /** Property path, e.g. `spec.template.spec.containers[0].image`. */
  readonly path: string;
  /** What the plan says, rendered. */
  readonly expected: string;
  /** What arrived, rendered. */
  readonly actual: string;
}

/** `type name` key of a resource. */
export function resourceId(type: string, name: string): string {
  return `${type} ${name}`;
}

/** Every planned resource of a plan, flattened. */
export function plannedResources(plan: Plan): PlannedResource[] {
  return [...plan.services.flatMap((s) => s.resources), ...(plan.shared?.resources ?? [])];
}

/** Output attributes other resources read from each planned resource (`type name` → attrs). */
export function referencedAttrs(plan: Plan): Map<string, Set<string>> {
  const byKey = new Map(plannedResources(plan).map((r) => [r.key, r]));
  const out = new Map<string, Set<string>>();
  const walk = (value: PropValue): void => {
    if (isRef(value)) {
      const producer = byKey.get(value.ref);
      if (!producer) throw new Error(`reference to ${value.ref}, which is not planned`);
      const id = resourceId(producer.type, producer.name);
      out.set(id, (out.get(id) ?? new Set()).add(value.attr));
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === "object") Object.values(value).forEach((v) => walk(v as PropValue));
  };
  plannedResources(plan).forEach((r) => walk(r.props));
  return out;
}

/** Every secret reference inside a resource's props. */
export function secretRefsOf(value: PropValue): SecretRef[] {
  if (isSecretRef(value)) return [value];
  if (isRef(value) || value === null || typeof value !== "object") return [];
  return (Array.isArray(value) ? value : Object.values(value)).flatMap((v: PropValue) => secretRefsOf(v));
}

/** Compares what the engine received for a resource with its plan; returns every difference. */
export function compareInputs(
  resource: PlannedResource,
  received: Readonly<Record<string, WireValue>>,
  plan: Plan,
  dryRun: boolean,
): Mismatch[] {
  const byKey = new Map(plannedResources(plan).map((r) => [r.key, r]));
  const mismatches: Mismatch[] = [];
  const fail = (path: string, expected: string, actual: unknown): void => {
    mismatches.push({ path: path || "(root)", expected, actual: JSON.stringify(actual) ?? "nothing" });
  };
  const compare = (path: string, want: PropValue | undefined, got: WireValue | undefined): void => {
    if (isRef(want)) {
      const producer = byKey.get(want.ref);
      const value = producer ? syntheticValue(producer.type, producer.name, want.attr) : undefined;
      if (dryRun ? !isUnknown(got) : got !== value)
        fail(path, dryRun ? `unknown (${want.ref}.${want.attr})` : JSON.stringify(value), got);
    } else if (isSecretRef(want)) {
      const ok = isSecret(got)
        ? typeof got.$secret === "string" || (dryRun && isUnknown(got.$secret))
        : dryRun && isUnknown(got);
      if (!ok) fail(path, `a secret (${want.secret})`, got);
    } else if (Array.isArray(want)) {
      if (!Array.isArray(got) || got.length !== want.length) return fail(path, `an array of ${want.length}`, got);
      want.forEach((w: PropValue, i: number) => compare(`${path}[${i}]`, w, (got as WireValue[])[i]));
    } else if (want !== null && typeof want === "object") {
      if (got === null || typeof got !== "object" || Array.isArray(got) || isSecret(got) || isUnknown(got))
        return fail(path, "an object", got);
      const g = got as Record<string, WireValue>;
      for (const key of new Set([...Object.keys(want), ...Object.keys(g)])) {
        compare(path ? `${path}.${key}` : key, (want as Record<string, PropValue>)[key], g[key]);
      }
    } else if (want !== got) fail(path, JSON.stringify(want) ?? "nothing", got);
  };
  compare("", withSdkFields(resource), received);
  return mismatches;
}

/** The props plus what the provider SDK adds itself (Kubernetes classes send apiVersion and kind). */
function withSdkFields(resource: PlannedResource): PropValue {
  return resource.provider === "kubernetes" ? { ...resource.props, ...kubeApiOf(resource.type) } : resource.props;
}

/** Plain strings that arrived outside a secret envelope anywhere in a value. */
export function plainStrings(value: WireValue): Set<string> {
  const out = new Set<string>();
  const walk = (value: WireValue): void => {
    if (typeof value === "string") out.add(value);
    else if (isSecret(value) || isUnknown(value) || value === null || typeof value !== "object") return;
    else (Array.isArray(value) ? value : Object.values(value)).forEach((v: WireValue) => walk(v));
  };
  walk(value);
  return out;
}

/** Values that arrived inside secret envelopes. */
export function secretStrings(value: WireValue, inSecret = false): string[] {
  if (typeof value === "string") return inSecret ? [value] : [];
  if (isSecret(value)) return secretStrings(value.$secret, true);
  if (isUnknown(value) || value === null || typeof value !== "object") return [];
  return (Array.isArray(value) ? value : Object.values(value)).flatMap((v: WireValue) => secretStrings(v, inSecret));
}
