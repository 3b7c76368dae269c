/**
 * Multiwindow multi-burn-rate arithmetic (Google SRE Workbook, "Alerting on SLOs"): which error
 * ratio over which windows pages or opens a ticket, derived from the SLO window.
 * @see https://sre.google/workbook/alerting-on-slos/#6-multiwindow-multi-burn-rate-alerts
 */

import { formatDuration, parseDuration } from "./units.js";
import { remembered } from "./memo.js";

/** One long/short window pair as configured: the share of the SLO window's budget spent within `long`. */
export interface BurnRatePair {
  /** `page` (severity critical) or `ticket` (severity warning). */
  readonly severity: "page" | "ticket";
  /** Share of the SLO window's budget, in percent, spent within `long` at the threshold. */
  readonly budgetPercent: number;
  /** Long window, e.g. `1h`. */
  readonly long: string;
  /** Short window that confirms the burn is still going on, e.g. `5m`. */
  readonly short: string;
}

/** One long/short window pair of a burn-rate alert. */
export interface BurnWindow {
  /** `page` (severity critical) or `ticket` (severity warning). */
  readonly severity: "page" | "ticket";
  /** Share of the SLO window's budget, in percent, spent within `long` at the threshold. */
  readonly budgetPercent: number;
  /** Long window, e.g. `1h`. */
  readonly long: string;
  /** Short window that confirms the burn is still going on, e.g. `5m`. */
  readonly short: string;
  /** Burn-rate factor: how many times faster than sustainable the budget is spent (`budget% × window / long`). */
  readonly factor: number;
}

/** Rounds away binary floating-point noise (`0.05 × 720` → `36`, not `36.00000000000001`). */
export function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * The window pairs for an SLO window, with their burn-rate factors (`pairs`: the configured pairs,
 * `DEFAULTS.burnRateAlerts`). Pairs whose long window is longer than the SLO window itself are left
 * out (they could never spend their share).
 */
export function burnWindows(windowMs: number, pairs: readonly BurnRatePair[]): readonly BurnWindow[] {
  let byWindow = byPairs.get(pairs);
  if (!byWindow) byPairs.set(pairs, (byWindow = new Map()));
  return remembered(byWindow, WINDOWS_PER_PAIRS, windowMs, () =>
    pairs.flatMap((pair): BurnWindow[] => {
      const longMs = parseDuration(pair.long) ?? 0;
      if (longMs > windowMs) return [];
      return [{ ...pair, factor: tidy(((pair.budgetPercent / 100) * windowMs) / longMs) }];
    }),
  );
}

/** Most SLO windows whose burn windows are kept per pair set. */
const WINDOWS_PER_PAIRS = 64;

/** Burn windows by pair set and SLO window: services share a handful of SLO windows, so each set is derived once. */
const byPairs = new WeakMap<readonly BurnRatePair[], Map<number, readonly BurnWindow[]>>();

/** The error budget as a ratio: `1 - availability/100` (99.95 → 0.0005). */
export function errorBudget(percent: number): number {
  return tidy((100 - percent) / 100);
}

/** Every distinct window the recording rules need, shortest first. */
export function recordedWindows(windows: readonly BurnWindow[]): readonly string[] {
  const known = recorded.get(windows);
  if (known) return known;
  const all = [...new Set(windows.flatMap((w) => [w.long, w.short]))].sort(
    (a, b) => (parseDuration(a) ?? 0) - (parseDuration(b) ?? 0),
  );
  recorded.set(windows, all);
  return all;
}

const recorded = new WeakMap<readonly BurnWindow[], readonly string[]>();

/** A window as people write it: whole days as `30d`, anything else as a Prometheus duration. */
export function windowText(ms: number): string {
  return ms % 86_400_000 === 0 ? `${ms / 86_400_000}d` : formatDuration(ms);
}

/** Replaces the `{{window}}` placeholder of an indicator query. */
export function withWindow(query: string, window: string): string {
  return query.replace(/\{\{\s*window\s*\}\}/g, window);
}
