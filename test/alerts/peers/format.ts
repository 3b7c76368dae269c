/**
 * What every peer generator takes, and the Go formatting the peers' generators use, reproduced so
 * our re-implementations print durations and numbers exactly as the Go originals do.
 */

import type { Slo } from "../../../components/domains/alerts/slo.js";

/** One of our SLOs as the peer generators take it. */
export interface PeerSlo {
  /** Service name (Sloth's `service`, part of Pyrra's objective name). */
  readonly service: string;
  /** Our SLO descriptor: kind, objective percent, `errors` or `good`, and `total` queries with `{{window}}`. */
  readonly slo: Slo;
  /** SLO window in milliseconds (30d → 2_592_000_000). */
  readonly windowMs: number;
}

const MS = { y: 31_536_000_000, w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;

/**
 * `model.Duration.String()` of prometheus/common: years and weeks only when they divide the
 * duration exactly (`30d`, `4w`, `1d1h43m`, `2m30s`).
 * @see https://github.com/prometheus/common/blob/main/model/time.go
 */
export function promDuration(ms: number): string {
  if (ms === 0) return "0s";
  let rest = ms;
  let out = "";
  const take = (unit: string, size: number, exact: boolean): void => {
    if (exact && rest % size !== 0) return;
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  };
  take("y", MS.y, true);
  take("w", MS.w, true);
  take("d", MS.d, false);
  take("h", MS.h, false);
  take("m", MS.m, false);
  take("s", MS.s, false);
  take("ms", 1, false);
  return out;
}

/** Go's `time.Duration.String()` for whole seconds (`2m0s`, `1h4m0s`, `45s`). */
export function goDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/** Go's `time.Duration.Round(unit)`: to the nearest multiple, halves away from zero (positive durations). */
export function goRound(ns: number, unitNs: number): number {
  const r = ns % unitNs;
  return r + r < unitNs ? ns - r : ns + unitNs - r;
}

/**
 * Go's `%v`/`%g` of a float64 in the range the generators print (1e-4 ≤ |v| < 1e21): the shortest
 * representation that round-trips, which JavaScript's `String` also produces for these values.
 */
export function goFloat(value: number): string {
  return String(value);
}

/** A vector selector's label matcher, as our indicator queries write it. */
export interface Matcher {
  /** Label name. */
  readonly name: string;
  /** `=`, `!=`, `=~` or `!~`. */
  readonly op: "=" | "!=" | "=~" | "!~";
  /** Label value or regular expression. */
  readonly value: string;
}

/** Go's `labels.Matcher.String()`: `name<op>"<quoted value>"`. */
export function matcherText(m: Matcher): string {
  return `${m.name}${m.op}${JSON.stringify(m.value)}`;
}

/** The Go parser's `VectorSelector.String()`: the metric name and its matchers sorted as text. */
export function selectorText(metric: string, matchers: readonly Matcher[]): string {
  const body = matchers.map(matcherText).sort();
  return body.length > 0 ? `${metric}{${body.join(",")}}` : metric;
}
