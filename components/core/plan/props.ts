import type { Props } from "./types.js";

/**
 * Turns a typed object (a Kubernetes object, AWS inputs) into plan props: plain JSON with
 * undefined fields removed, so plans compare and serialise exactly. Same result as a JSON round
 * trip (undefined in a list and non-finite numbers become null, `toJSON` is applied), without the
 * string in between. Parts that are already plain JSON are kept, not copied: plans are immutable
 * data, and sharing them keeps a large plan's memory (and garbage collection) small.
 */
export function toProps(value: object): Props {
  return plain(value) as Props;
}

function plain(value: unknown): unknown {
  if (Array.isArray(value)) return plainArray(value);
  if (value !== null && typeof value === "object") {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") return plain(toJSON.call(value));
    return plainObject(value as Record<string, unknown>);
  }
  if (typeof value === "number") return Number.isFinite(value) ? value + 0 : null;
  return value;
}

function plainArray(value: readonly unknown[]): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    const next = item === undefined || typeof item === "function" ? null : plain(item);
    if (out === undefined && (!Object.is(next, item) || !(i in value))) out = value.slice(0, i);
    out?.push(next);
  }
  return out ?? (value as unknown[]);
}

/** The object itself when every field is already plain, else a copy of it with plain fields. */
function plainObject(value: Record<string, unknown>): Record<string, unknown> {
  if (Object.getPrototypeOf(value) !== Object.prototype) return copyFrom(value, Object.keys(value), 0);
  let count = 0;
  // for-in over an object whose prototype is Object.prototype visits exactly its own enumerable keys.
  for (const key in value) {
    const field = value[key];
    if (typeof field === "object" && field !== null ? plain(field) !== field : !isPlainScalar(field))
      return copyFrom(value, Object.keys(value), count);
    count++;
  }
  return value;
}

/** True for a scalar JSON keeps as it is. */
function isPlainScalar(value: unknown): boolean {
  return (
    value === null ||
    typeof value === "string" ||
    typeof value === "boolean" ||
    (typeof value === "number" && Number.isFinite(value) && !Object.is(value, -0))
  );
}

/** A plain copy of `value` over its `keys`: the first `count` (already known to be plain) as they are, the rest made plain. */
function copyFrom(value: Record<string, unknown>, keys: readonly string[], count: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (key: string, field: unknown) => {
    if (key === "__proto__")
      Object.defineProperty(out, key, { value: field, enumerable: true, writable: true, configurable: true });
    else out[key] = field;
  };
  keys.forEach((key, i) => {
    const field = value[key];
    if (i < count) set(key, field);
    else if (field !== undefined && typeof field !== "function") set(key, plain(field));
  });
  return out;
}
