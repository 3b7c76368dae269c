/**
 * What people notice about an alert timeline: when the first page or ticket fires, how many
 * separate pages there are, when a page resets, whether an alert ever fires. All minutes are
 * absolute scenario minutes (minute 0 is the first input sample); callers subtract the minute
 * errors start or stop.
 */

import type { ActiveAlert, Timeline } from "./timeline.js";

/** Picks alerts out of the active ones. */
export type AlertPredicate = (alert: ActiveAlert) => boolean;

/** A firing alert with `severity="critical"`: a page. */
export const isPage: AlertPredicate = (a) => a.state === "firing" && a.labels.severity === "critical";

/** A firing alert with `severity="warning"`: a ticket. */
export const isTicket: AlertPredicate = (a) => a.state === "firing" && a.labels.severity === "warning";

/** Any firing alert. */
export const isFiring: AlertPredicate = (a) => a.state === "firing";

/** A firing alert with this name. */
export function named(alertname: string): AlertPredicate {
  return (a) => a.state === "firing" && a.alertname === alertname;
}

/** Index of the first sampled minute at or after `from`. */
function startIndex(t: Timeline, from: number): number {
  const i = t.minutes.findIndex((m) => m >= from);
  return i === -1 ? t.minutes.length : i;
}

/** The first minute at or after `from` at which some alert matches, with that alert; undefined when none does. */
export function firstMatch(
  t: Timeline,
  predicate: AlertPredicate,
  from = 0,
): { readonly minute: number; readonly alert: ActiveAlert } | undefined {
  for (let i = startIndex(t, from); i < t.minutes.length; i += 1) {
    const alert = (t.active[i] ?? []).find(predicate);
    if (alert) return { minute: t.minutes[i] ?? 0, alert };
  }
  return undefined;
}

/** The first minute at or after `from` at which some alert matches. */
export function firstMinute(t: Timeline, predicate: AlertPredicate, from = 0): number | undefined {
  return firstMatch(t, predicate, from)?.minute;
}

/** First minute a page fires, at or after `from`. */
export function firstPage(t: Timeline, from = 0): number | undefined {
  return firstMinute(t, isPage, from);
}

/** First minute a ticket fires, at or after `from`. */
export function firstTicket(t: Timeline, from = 0): number | undefined {
  return firstMinute(t, isTicket, from);
}

/** Separate episodes in `[from, to]`: runs of sampled minutes with a matching alert, counted when they start. */
export function episodes(t: Timeline, predicate: AlertPredicate, from = 0, to = Number.POSITIVE_INFINITY): number {
  let count = 0;
  let on = false;
  for (let i = startIndex(t, from); i < t.minutes.length && (t.minutes[i] ?? 0) <= to; i += 1) {
    const now = (t.active[i] ?? []).some(predicate);
    if (now && !on) count += 1;
    on = now;
  }
  return count;
}

/** Separate page episodes in `[from, to]`. */
export function pageEpisodes(t: Timeline, from = 0, to = Number.POSITIVE_INFINITY): number {
  return episodes(t, isPage, from, to);
}

/**
 * The first minute at or after `from` with no matching alert, when one matched at some minute in
 * `[since, from)` or at `from` itself; undefined when none matched, or when it still matches at the
 * last sampled minute.
 */
export function resetMinute(t: Timeline, predicate: AlertPredicate, from: number, since = 0): number | undefined {
  let fired = false;
  for (let i = startIndex(t, since); i < t.minutes.length; i += 1) {
    const minute = t.minutes[i] ?? 0;
    const now = (t.active[i] ?? []).some(predicate);
    if (now) fired = true;
    else if (minute >= from && fired) return minute;
  }
  return undefined;
}

/** The first minute at or after `from` with no page, after a page fired since `since`. */
export function pageReset(t: Timeline, from: number, since = 0): number | undefined {
  return resetMinute(t, isPage, from, since);
}

/** Whether the named alert fires at some minute at or after `from`. */
export function everFires(t: Timeline, alertname: string, from = 0): boolean {
  return firstMinute(t, named(alertname), from) !== undefined;
}

/** Minutes (sampled) at which some alert matches, at or after `from`. */
export function matchingMinutes(t: Timeline, predicate: AlertPredicate, from = 0): number[] {
  const out: number[] = [];
  for (let i = startIndex(t, from); i < t.minutes.length; i += 1)
    if ((t.active[i] ?? []).some(predicate)) out.push(t.minutes[i] ?? 0);
  return out;
}
