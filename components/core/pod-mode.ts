/**
 * How many pods a Chaos Mesh experiment hits: its selector `mode` and `value`, and the rounding
 * Chaos Mesh applies to percentages.
 * @see https://chaos-mesh.org/docs/define-chaos-experiment-scope/
 */

/** How many pods an experiment hits: Chaos Mesh `mode` and `value`. */
export interface PodMode {
  /** `one`, `fixed` or `fixed-percent` (never `all`). */
  readonly mode: "one" | "fixed" | "fixed-percent";
  /** Integer string for `fixed`, percentage without `%` for `fixed-percent`. */
  readonly value?: string;
}

/** The mode for an experiment's `maxUnavailable` (a count, or a percentage of the running pods, rounded down), defaults applied. */
export function podMode(m: number | string): PodMode {
  if (typeof m === "string") return { mode: "fixed-percent", value: m.replace("%", "") };
  return m === 1 ? { mode: "one" } : { mode: "fixed", value: String(m) };
}

/** Pods a mode hits when `pods` are running (Chaos Mesh rounds percentages down). */
export function podsHit(mode: PodMode, pods: number): number {
  if (mode.mode === "one") return Math.min(1, pods);
  if (mode.mode === "fixed") return Math.min(Number(mode.value), pods);
  return Math.floor((pods * Number(mode.value)) / 100);
}
