/**
 * Reading resource inputs safely: any value may be {@link UNKNOWN} during a preview (it depends
 * on another resource's output), and a rule must then say nothing rather than guess or crash.
 */

import { isRef } from "../plan/types.js";
import { UNKNOWN } from "./types.js";

/** True when a value is not known yet. */
export function isUnknown(value: unknown): value is typeof UNKNOWN {
  return value === UNKNOWN;
}

/** True when a value is a plain object (not an array, not unknown). */
export function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The value at a dot path (`spec.template.spec.containers`); `undefined` when absent,
 * {@link UNKNOWN} when the path runs through an unknown value.
 */
export function at(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const part of path.split(".")) {
    if (isUnknown(node)) return UNKNOWN;
    if (Array.isArray(node) && /^\d+$/.test(part)) node = node[Number(part)];
    else if (isObject(node)) node = node[part];
    else return undefined;
  }
  return node;
}

/** A list at a path: the array, {@link UNKNOWN}, or `[]` when absent. */
export function list(root: unknown, path: string): readonly unknown[] | typeof UNKNOWN {
  const value = at(root, path);
  if (isUnknown(value)) return UNKNOWN;
  return Array.isArray(value) ? value : [];
}

/** A number at a path, {@link UNKNOWN}, or `undefined` when absent or not a number. */
export function num(root: unknown, path: string): number | typeof UNKNOWN | undefined {
  const value = at(root, path);
  if (isUnknown(value)) return UNKNOWN;
  return typeof value === "number" ? value : undefined;
}

/** A string at a path, {@link UNKNOWN}, or `undefined` when absent or not a string. */
export function str(root: unknown, path: string): string | typeof UNKNOWN | undefined {
  const value = at(root, path);
  if (isUnknown(value)) return UNKNOWN;
  return typeof value === "string" ? value : undefined;
}

/** True when a value is set: present and not null (a reference or an unknown counts as set). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** True when a value is a reference to another resource's output (offline) or is unknown (preview). */
export function isDeferred(value: unknown): boolean {
  return isRef(value) || isUnknown(value);
}

/** True when a value, at any depth, contains an unknown. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isObject(value)) return Object.values(value).some(containsUnknown);
  return false;
}

/** Resolves a Kubernetes int-or-percent (`1`, `"25%"`) against a count, rounding up as the disruption controller does. */
export function scaled(value: unknown, of: number): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^\d+%$/.test(value)) return Math.ceil((Number(value.slice(0, -1)) * of) / 100);
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** Labels of a Kubernetes object or tags of an AWS resource. */
export function labelsOf(props: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const labels = at(props, "metadata.labels");
  if (isObject(labels)) return labels;
  const tags = props["tags"];
  return isObject(tags) ? tags : {};
}
