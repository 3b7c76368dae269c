import type { Props } from "./types.js";

/**
 * Turns a typed object (a Kubernetes object, AWS inputs) into plan props: plain JSON with
 * undefined fields removed, so plans compare and serialise exactly. Same result as a JSON
 * round trip (undefined in a list and non-finite numbers become null), without the string in between.
 */
export function toProps(value: object): Props {
  return plain(value) as Props;
}

function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item: unknown) => (item === undefined ? null : plain(item)));
  if (value !== null && typeof value === "object") {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") return plain(toJSON.call(value));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const field = (value as Record<string, unknown>)[key];
      if (field === undefined || typeof field === "function") continue;
      if (key === "__proto__") Object.defineProperty(out, key, { value: plain(field), enumerable: true, writable: true, configurable: true });
      else out[key] = plain(field);
    }
    return out;
  }
  if (typeof value === "number") return Number.isFinite(value) ? value + 0 : null;
  return value;
}
