/**
 * Wall-clock arithmetic in an IANA time zone, with the platform's time-zone database (Intl).
 * "Wall" times are local date-times encoded as if they were UTC milliseconds, so plain arithmetic
 * on them is calendar arithmetic in the zone.
 */

import { IANA_ZONE_NAMES } from "./zone-names.js";

const MINUTE = 60_000;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Years scanned for daylight-saving changes (the zone's rules as the time-zone database knows them). */
export const DST_SCAN = { fromYear: 2020, toYear: 2040 } as const;

/**
 * True when `zone` is an IANA time zone name spelt exactly as the database spells it (Go, and so
 * Chaos Mesh, loads zones case-sensitively: `europe/london` is refused) and the platform knows it.
 * Offsets such as `+02:00` are refused.
 */
export function isTimeZone(zone: string): boolean {
  if (!IANA_ZONE_NAMES.has(zone)) return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The IANA name `zone` was probably meant to be: the exact spelling of a name that differs only in
 * case (`europe/london` → `Europe/London`), else undefined.
 */
export function suggestTimeZone(zone: string): string | undefined {
  const lower = zone.toLowerCase();
  for (const name of IANA_ZONE_NAMES) if (name.toLowerCase() === lower) return name;
  return undefined;
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock time of an instant in `zone` (as UTC-encoded milliseconds, to the second). */
export function toWall(instant: number, zone: string): number {
  const second = Math.floor(instant / 1000) * 1000;
  return second + offsetAt(second, zone);
}

function intlWall(instant: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(instant))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return Date.UTC(
    parts["year"] ?? 1970,
    (parts["month"] ?? 1) - 1,
    parts["day"] ?? 1,
    parts["hour"] ?? 0,
    parts["minute"] ?? 0,
    parts["second"] ?? 0,
  );
}

/** UTC offset of `zone` at an instant, in milliseconds (from the zone's changes when within the scanned years). */
export function offsetAt(instant: number, zone: string): number {
  const second = Math.floor(instant / 1000) * 1000;
  const changes = changesOf(zone);
  if (second < changes.from || second >= changes.to) return intlOffset(second, zone);
  let lo = 0;
  let hi = changes.at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((changes.at[mid] ?? 0) <= second) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? changes.initial : (changes.offset[lo - 1] ?? changes.initial);
}

/** Instants (epoch milliseconds) at which `zone`'s UTC offset changes within the scanned years (2020–2039). */
export function zoneChanges(zone: string): readonly number[] {
  return changesOf(zone).at;
}

function intlOffset(second: number, zone: string): number {
  return intlWall(second, zone) - second;
}

/** A zone's offset changes within the scanned years: the instants and the offsets from then on. */
interface Changes {
  readonly from: number;
  readonly to: number;
  readonly initial: number;
  readonly at: readonly number[];
  readonly offset: readonly number[];
}

const changesCache = new Map<string, Changes>();

function changesOf(zone: string): Changes {
  const cached = changesCache.get(zone);
  if (cached) return cached;
  const from = Date.UTC(DST_SCAN.fromYear, 0, 1);
  const to = Date.UTC(DST_SCAN.toYear, 0, 1);
  const initial = intlOffset(from, zone);
  const at: number[] = [];
  const offset: number[] = [];
  let current = initial;
  for (let t = from; t < to; t += DAY) {
    const next = intlOffset(t + DAY, zone);
    if (next === current) continue;
    at.push(transition(t, t + DAY, current, zone, intlOffset));
    offset.push(next);
    current = next;
  }
  const changes = { from, to, initial, at, offset };
  changesCache.set(zone, changes);
  return changes;
}

/** A local wall-clock interval `[from, to)` in minutes of the day (may wrap past midnight). */
export interface DayWindow {
  /** Start, minutes after local midnight. */
  readonly from: number;
  /** End, minutes after local midnight (exclusive; `to < from` wraps past midnight). */
  readonly to: number;
}

const dstCache = new Map<string, readonly DayWindow[]>();

/**
 * Local times of day that a daylight-saving change skips or repeats in `zone` (e.g. 02:00–03:00 in
 * Europe/Berlin, 01:00–03:00 in America/New_York). robfig/cron skips a skipped time and can fire twice
 * in a repeated hour, so no run may touch these windows.
 */
export function dstWindows(zone: string): readonly DayWindow[] {
  const cached = dstCache.get(zone);
  if (cached) return cached;
  const windows = new Map<string, DayWindow>();
  let t = Date.UTC(DST_SCAN.fromYear, 0, 1);
  let offset = offsetAt(t, zone);
  for (const end = Date.UTC(DST_SCAN.toYear, 0, 1); t < end; t += DAY) {
    const next = offsetAt(t + DAY, zone);
    if (next !== offset) {
      const at = transition(t, t + DAY, offset, zone);
      const before = (((at + offset) % DAY) + DAY) % DAY;
      const after = (((at + next) % DAY) + DAY) % DAY;
      const w = { from: Math.floor(Math.min(before, after) / MINUTE), to: Math.ceil(Math.max(before, after) / MINUTE) };
      const wraps = Math.abs(before - after) > DAY / 2;
      const window = wraps ? { from: w.to, to: w.from } : w;
      windows.set(`${window.from}-${window.to}`, window);
      offset = next;
    }
  }
  const result = [...windows.values()].sort((a, b) => a.from - b.from);
  dstCache.set(zone, result);
  return result;
}

function transition(
  low: number,
  high: number,
  before: number,
  zone: string,
  offset: (instant: number, zone: string) => number = offsetAt,
): number {
  let lo = low;
  let hi = high;
  while (hi - lo > MINUTE) {
    const mid = Math.floor((lo + hi) / 2 / MINUTE) * MINUTE;
    if (offset(mid, zone) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The local wall-clock spans (UTC-encoded ms) the real interval `[start, end)` covers in `zone`: one
 * span, or two when an offset change falls inside (the clock jumps forward or back at it).
 */
export function wallSpans(start: number, end: number, zone: string): [number, number][] {
  const change = zoneChanges(zone).find((c) => c > start && c < end);
  if (change === undefined) return [[toWall(start, zone), toWall(start, zone) + (end - start)]];
  return [
    [toWall(start, zone), toWall(start, zone) + (change - start)],
    [toWall(change, zone), toWall(change, zone) + (end - change)],
  ];
}

/** The instant of a local wall time: the earlier one when the time repeats; for a time the clock skips, the instant read with the offset after the change. */
export function fromWall(wall: number, zone: string): number {
  const early = wall - offsetAt(wall - DAY, zone);
  return toWall(early, zone) === wall ? early : wall - offsetAt(wall + DAY, zone);
}

/** Parses a local `YYYY-MM-DD[THH:MM]` as a wall time. */
export function parseLocal(text: string): number {
  const [date = "", time = "00:00"] = text.split("T");
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
}

/** Minutes after midnight of `HH:MM` (`24:00` is 1440). */
export function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** `HH:MM` of minutes after midnight. */
export function clock(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}
