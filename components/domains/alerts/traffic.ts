/**
 * The traffic a service declares for its quietest hour, carried on its PrometheusRule so a review
 * (offline or in the pack) can compare the pages' low-traffic guard with it, and the guards read back
 * from the rendered page expressions. Pure.
 * @see https://sre.google/workbook/alerting-on-slos/
 */

import { DOMAIN } from "../../core/conventions.js";
import type { ResolvedService } from "../../core/spec/service.js";

/** Annotation of the PrometheusRule holding `spec.indicators.lowestRequestsPerSecond`. */
export const LOWEST_TRAFFIC_ANNOTATION = `${DOMAIN}/lowest-requests-per-second`;

/** The annotation when the spec declares its lowest traffic, else nothing. */
export function lowestTrafficAnnotation(service: ResolvedService): Record<string, string> {
  const rps = service.indicators?.lowestRequestsPerSecond;
  return rps === undefined ? {} : { [LOWEST_TRAFFIC_ANNOTATION]: String(rps) };
}

/** One page pair's low-traffic guard: at least `minFailed` failed requests within `shortSeconds`. */
export interface PageGuard {
  /** Length of the pair's short window, seconds. */
  readonly shortSeconds: number;
  /** Failed requests the pair needs within it. */
  readonly minFailed: number;
}

/**
 * The guards of a page expression, one per guarded window pair: each branch ends with
 * `(<failed requests per second>) * <short window seconds> >= <minimum>` (see `slo.ts`).
 */
export function pageGuards(expr: string): PageGuard[] {
  const guard = /\)\s*\*\s*(\d+(?:\.\d+)?)\s*>=\s*(\d+(?:\.\d+)?)\s*(?=\)|$)/g;
  return [...expr.matchAll(guard)].map((m) => ({ shortSeconds: Number(m[1]), minFailed: Number(m[2]) }));
}

/** Whether a guard can be met at `rps` requests per second: every request of the short window failing is enough. */
export function guardReachable(guard: PageGuard, rps: number): boolean {
  return rps * guard.shortSeconds + 1e-9 >= guard.minFailed;
}

/** The largest guard every one of `guards` can meet at `rps` (0: none can, turn the guard off). */
export function largestReachableGuard(guards: readonly PageGuard[], rps: number): number {
  const shortest = Math.min(...guards.map((g) => g.shortSeconds));
  return Math.floor(rps * shortest + 1e-9);
}
