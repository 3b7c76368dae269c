/**
 * Environment overlays: `spec.environments.<env>` is deep-merged over `spec`.
 * Mappings merge key by key; lists and scalars replace; `null` removes the field.
 */

import type { PathSegment } from "../core/spec/positions.js";

/** True for a plain mapping (not a list, not null). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Deep-merges `overlay` over `base` without changing either. */
export function deepMerge(base: unknown, overlay: unknown): unknown {
  if (!isMapping(base) || !isMapping(overlay)) return overlay;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (value === null) delete out[key];
    else setOwn(out, key, Object.hasOwn(base, key) ? deepMerge(base[key], value) : value);
  }
  return out;
}

/**
 * Whether an error at `path` (relative to `spec`) comes from the overlay: the overlay sets the
 * field itself, or replaces a list that contains it.
 */
export function overlayOwns(overlay: unknown, path: readonly PathSegment[]): boolean {
  let node = overlay;
  for (const segment of path) {
    if (Array.isArray(node)) return true;
    if (!isMapping(node) || !Object.hasOwn(node, String(segment))) return false;
    node = node[String(segment)];
  }
  return true;
}

/** Sets an own property, even one named `__proto__`, without touching the prototype. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
