/**
 * Units used across the spec: Prometheus-style durations and Kubernetes quantities.
 * Pure functions, shared by the schema, the planners and the renderers.
 */

const DURATION_UNITS_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** A Prometheus-style duration: one or more `<int><unit>` parts, largest unit first, e.g. `1h30m`. */
export const DURATION_PATTERN = /^(?:\d+(?:ms|s|m|h|d|w))+$/;

/**
 * Parses a Prometheus-style duration (`300ms`, `5m`, `1h30m`, `30d`) into milliseconds.
 * @returns the duration in milliseconds, or `undefined` when the text is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  if (!DURATION_PATTERN.test(text)) return undefined;
  let total = 0;
  for (const match of text.matchAll(/(\d+)(ms|s|m|h|d|w)/g)) {
    total += Number(match[1]) * (DURATION_UNITS_MS[match[2] ?? "s"] ?? 0);
  }
  return total;
}

/**
 * Formats milliseconds as the shortest Prometheus duration (`90000` → `1m30s`).
 * Prometheus 2.42 accepts compound durations such as `1h30m`.
 */
export function formatDuration(ms: number): string {
  if (ms === 0) return "0s";
  let rest = Math.round(ms);
  let out = "";
  for (const unit of ["w", "d", "h", "m", "s", "ms"] as const) {
    const size = DURATION_UNITS_MS[unit] ?? 1;
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}

/** Kubernetes CPU quantity: whole or fractional cores (`0.5`, `2`) or millicores (`250m`). */
export const CPU_PATTERN = /^(?:\d+m|\d+(?:\.\d{1,3})?)$/;

/** Kubernetes memory quantity with a binary or decimal suffix (`256Mi`, `1Gi`, `512M`). */
export const MEMORY_PATTERN = /^\d+(?:Ki|Mi|Gi|Ti|K|M|G|T)?$/;

const MEMORY_FACTORS: Readonly<Record<string, number>> = {
  "": 1,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
};

/** Converts a memory quantity to bytes; `undefined` when it is not a quantity. */
export function memoryBytes(quantity: string): number | undefined {
  const match = /^(\d+)(Ki|Mi|Gi|Ti|K|M|G|T)?$/.exec(quantity);
  if (!match) return undefined;
  return Number(match[1]) * (MEMORY_FACTORS[match[2] ?? ""] ?? 1);
}

/** Converts a CPU quantity to millicores; `undefined` when it is not a quantity. */
export function cpuMillicores(quantity: string): number | undefined {
  if (!CPU_PATTERN.test(quantity)) return undefined;
  return quantity.endsWith("m") ? Number(quantity.slice(0, -1)) : Math.round(Number(quantity) * 1000);
}

/** A duration for people: `2m36s`, `5s`, `4h`. */
export function humanDuration(ms: number | null): string {
  if (ms === null) return "—";
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3_600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.length > 0 ? parts.join("") : "0s";
}
