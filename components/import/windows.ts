/**
 * Burn-rate window pairs of the tools we import from, as `objectives.burnRates` entries, and the
 * conversion of an alert threshold (a burn-rate factor over a lookback window) to a share of the budget.
 */

import { tidy, type BurnRatePair } from "../core/windows.js";

/**
 * Sloth's alert windows (its `google-30d` and `google-28d` AlertWindows, which differ only in the
 * SLO period): page at 2% of the budget in 1h (5m) and 5% in 6h (30m), ticket at 10% in 1d (2h)
 * and 10% in 3d (6h). Sloth's factor is `budget% × period / long`, as ours: 14.4, 6, 3, 1 for 30d.
 * @see https://github.com/slok/sloth/blob/main/internal/alert/windows/google-30d.yaml
 */
export const SLOTH_WINDOWS: readonly BurnRatePair[] = [
  { severity: "page", budgetPercent: 2, long: "1h", short: "5m" },
  { severity: "page", budgetPercent: 5, long: "6h", short: "30m" },
  { severity: "ticket", budgetPercent: 10, long: "1d", short: "2h" },
  { severity: "ticket", budgetPercent: 10, long: "3d", short: "6h" },
];

/** SLO periods Sloth ships windows for; the one it uses unless told otherwise (`--default-slo-period`). */
export const SLOTH_PERIODS = { default: "30d", known: ["28d", "30d"] } as const;

/** The short window of a pair whose long window is `long`: a twelfth, as the SRE Workbook's pairs (1h/5m, 6h/30m, 1d/2h, 3d/6h). */
export function shortWindowOf(longMs: number): string {
  const minutes = Math.max(1, Math.round(longMs / 12 / 60_000));
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/** A window in whole minutes, hours or days as the spec writes it, or undefined. */
export function specWindow(ms: number): string | undefined {
  if (ms <= 0 || ms % 60_000 !== 0) return undefined;
  const minutes = ms / 60_000;
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/** The share of the SLO window's budget, in percent, a burn-rate `factor` spends within `long`. */
export function budgetPercentOf(factor: number, longMs: number, windowMs: number): number {
  return tidy(((factor * longMs) / windowMs) * 100);
}

/** Milliseconds of each unit of OpenSLO's duration shorthand this tool can read (a month as 30 days, a quarter as 90). */
const SHORTHAND_MS: Readonly<Record<string, number>> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  M: 30 * 86_400_000,
  Q: 90 * 86_400_000,
};

/** An OpenSLO duration shorthand (`1h`, `4w`, `1M`) in milliseconds; NaN for a unit this tool does not read (`Y`). */
export function shorthandMs(text: string): number {
  return Number(text.slice(0, -1)) * (SHORTHAND_MS[text.slice(-1)] ?? Number.NaN);
}
