/**
 * Pyrra's Prometheus rules for one of our SLOs, re-implemented from Pyrra's generator so the same
 * scenarios can run through Pyrra's rules. Follows pyrra-dev/pyrra v0.10.1+ (main at 1ba95af), `slo/rules.go`:
 * - `Windows(sloWindow)`: four windows scaled from 28d (integer division of the window, rounded to
 *   the minute): critical 1h/5m factor 14 `for` 2m, critical 6h/30m factor 7 `for` 15m, warning
 *   1d/2h factor 2 `for` 1h, warning 4d/6h factor 1 `for` 3h (for 30d: 1h4m/5m, 6h26m/32m,
 *   1d1h43m/2h9m, 4d6h51m/6h26m, `for` 2m, 16m, 1h4m, 3h13m);
 * - `Burnrates`: one `<metric>:burnrate<w>` recording per distinct window (ratio: errors/total
 *   rates; latency: (total − success)/total), and one `ErrorBudgetBurn` per window,
 *   `short > (factor * (1-target)) and long > (factor * (1-target))` (factor printed `%.f`),
 *   labels `short`, `long`, `severity`, `exhaustion`; group interval 30s;
 * - `IncreaseRules` (`increaseRulesRatio`, `increaseRuleLatency`): `sum by (grouping)
 *   (increase(total[window]))` and `absent(metric) == 1` alerts (`SLOMetricAbsent`, severity
 *   critical, `for` = `AbsentDuration()`), group `<name>-increase` with `increaseInterval()`
 *   (2m30s for 28–34 days);
 * - `filesystem.go` `writeRuleFile`: the groups in the order increase, burnrates; generic rules
 *   off by default. Golden output: `slo/rules_test.go` (`http-ratio`, 28d, 99%).
 * Pyrra reads metric selectors, not queries: we take the single vector selector of our queries.
 */

import type { AlertingRule, RecordingRule, Rule, RuleGroup } from "../../../components/domains/alerts/types.js";
import { selectorOf, type Selector } from "../support/series.js";
import { goDuration, goRound, promDuration, selectorText, type Matcher, type PeerSlo } from "./format.js";

const MIN = 60_000;
const NS = 1_000_000;

/** One multiwindow alert window of Pyrra. */
export interface PyrraWindow {
  /** `critical` or `warning`. */
  readonly severity: "critical" | "warning";
  /** `for` duration in milliseconds. */
  readonly forMs: number;
  /** Long window in milliseconds. */
  readonly longMs: number;
  /** Short window in milliseconds. */
  readonly shortMs: number;
  /** Burn-rate factor. */
  readonly factor: number;
}

/** `Windows(sloWindow)`: Go duration arithmetic in nanoseconds, integer division, rounded to a minute. */
export function pyrraWindows(windowMs: number): PyrraWindow[] {
  const w = windowMs * NS;
  const scaled = (divisor: number): number => goRound(Math.trunc(w / divisor), MIN * NS) / NS;
  return [
    {
      severity: "critical",
      forMs: scaled(28 * 24 * 30),
      longMs: scaled(28 * 24),
      shortMs: scaled(28 * 24 * 12),
      factor: 14,
    },
    {
      severity: "critical",
      forMs: scaled(28 * 24 * 4),
      longMs: scaled(28 * 4),
      shortMs: scaled(28 * 24 * 2),
      factor: 7,
    },
    { severity: "warning", forMs: scaled(28 * 24), longMs: scaled(28), shortMs: scaled(28 * 12), factor: 2 },
    { severity: "warning", forMs: scaled(28 * 8), longMs: scaled(7), shortMs: scaled(28 * 4), factor: 1 },
  ];
}

/** `increaseInterval()`: 30s below 7 days, then 30s more per week of window, at most 4m. */
function increaseIntervalMs(windowMs: number): number {
  const weeks = Math.floor(windowMs / (7 * 24 * 60 * MIN));
  return Math.min(240_000, 30_000 + 30_000 * weeks);
}

/** `AbsentDuration()`: time for the fastest window's long burn rate to pass its threshold at 100% errors, plus its `for`. */
function absentDurationMs(windowMs: number, target: number): number {
  const fastest = pyrraWindows(windowMs)[0] as PyrraWindow;
  const seconds = Math.trunc(fastest.factor * (1 - target) * (fastest.longMs / 1000));
  return goRound(seconds * 1000 + fastest.forMs, MIN);
}

interface Indicator {
  readonly name: string;
  readonly total: Selector;
  /** The errors selector (ratio) or the success selector (latency). */
  readonly part: Selector;
  readonly latency: boolean;
  readonly target: number;
}

function indicator(p: PeerSlo): Indicator {
  const latency = p.slo.errors === undefined;
  return {
    name: `${p.service}-${p.slo.kind}`,
    total: selectorOf(p.slo.total),
    part: selectorOf(p.slo.errors ?? p.slo.good ?? ""),
    latency,
    target: p.slo.percent / 100,
  };
}

const sel = (s: Selector): string => selectorText(s.metric, s.matchers as readonly Matcher[]);
const trimmed = (metric: string, suffixes: readonly string[]): string =>
  suffixes.reduce((m, s) => (m.endsWith(s) ? m.slice(0, -s.length) : m), metric);
const burnrateName = (ind: Indicator, ms: number): string =>
  `${trimmed(ind.total.metric, ["_total", "_count"])}:burnrate${promDuration(ms)}`;
const increaseName = (metric: string, ms: number): string =>
  `${trimmed(metric, ["_total", "_count", "_bucket"])}:increase${promDuration(ms)}`;

/** The SLO's rule labels: `slo` and the total selector's equality matchers. */
function ruleLabels(ind: Indicator, except: ReadonlySet<string> = new Set()): Record<string, string> {
  const labels: Record<string, string> = { slo: ind.name };
  for (const m of ind.total.matchers) if (m.op === "=" && !except.has(m.name)) labels[m.name] = m.value;
  return labels;
}

function burnrateExpr(ind: Indicator, ms: number): string {
  const w = promDuration(ms);
  const total = `sum(rate(${sel(ind.total)}[${w}]))`;
  if (!ind.latency) return `sum(rate(${sel(ind.part)}[${w}])) / ${total}`;
  return `(${total} - sum(rate(${sel(ind.part)}[${w}]))) / ${total}`;
}

function burnAlert(ind: Indicator, w: PyrraWindow, windowMs: number): AlertingRule {
  const matchers = [
    ...ind.total.matchers
      .filter((m) => m.op === "=" || m.op === "!=")
      .map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`),
    `slo="${ind.name}"`,
  ]
    .sort()
    .join(",");
  const threshold = `(${w.factor.toFixed(0)} * (1-${String(ind.target)}))`;
  return {
    alert: "ErrorBudgetBurn",
    expr: `${burnrateName(ind, w.shortMs)}{${matchers}} > ${threshold} and ${burnrateName(ind, w.longMs)}{${matchers}} > ${threshold}`,
    for: goDuration(w.forMs),
    labels: {
      ...ruleLabels(ind),
      short: promDuration(w.shortMs),
      long: promDuration(w.longMs),
      severity: w.severity,
      exhaustion: promDuration(Math.trunc(windowMs / 1000 / w.factor) * 1000),
    },
    annotations: {},
  };
}

/** `Burnrates`: the burn-rate recordings and alerts, evaluated every 30s. */
function burnrateGroup(ind: Indicator, windowMs: number): RuleGroup {
  const windows = pyrraWindows(windowMs);
  const durations = [...new Set(windows.flatMap((w) => [w.longMs, w.shortMs]))].sort((a, b) => a - b);
  const records: RecordingRule[] = durations.map((ms) => ({
    record: burnrateName(ind, ms),
    expr: burnrateExpr(ind, ms),
    labels: ruleLabels(ind),
  }));
  return { name: ind.name, interval: "30s", rules: [...records, ...windows.map((w) => burnAlert(ind, w, windowMs))] };
}

/** Labels that tell errors from total (in the part's matchers, not the total's; never `le`), and the total's regex matchers. */
function grouping(ind: Indicator): string[] {
  const names = new Set(ind.part.matchers.map((m) => m.name));
  for (const m of ind.total.matchers) names.delete(m.name);
  names.delete("le");
  for (const m of ind.total.matchers) if (m.op === "=~" || m.op === "!~") names.add(m.name);
  return [...names].sort();
}

function absentAlert(ind: Indicator, s: Selector, labels: Record<string, string>, windowMs: number): AlertingRule {
  return {
    alert: "SLOMetricAbsent",
    expr: `absent(${sel(s)}) == 1`,
    for: promDuration(absentDurationMs(windowMs, ind.target)),
    labels: { ...labels, severity: "critical" },
    annotations: {},
  };
}

/** `IncreaseRules` (accuracy over performance, the default): increases over the window and absent alerts. */
function increaseGroup(ind: Indicator, windowMs: number): RuleGroup {
  const by = grouping(ind);
  const labels = ruleLabels(ind, new Set(by));
  const increase = (s: Selector): string =>
    `sum${by.length > 0 ? ` by (${by.join(", ")}) ` : ""}(increase(${sel(s)}[${promDuration(windowMs)}]))`;
  const rules: Rule[] = [{ record: increaseName(ind.total.metric, windowMs), expr: increase(ind.total), labels }];
  if (ind.latency) {
    const le = ind.part.matchers.find((m) => m.name === "le")?.value ?? "";
    rules.push({
      record: increaseName(ind.part.metric, windowMs),
      expr: increase(ind.part),
      labels: { le, ...labels },
    });
    rules.push(absentAlert(ind, ind.total, labels, windowMs), absentAlert(ind, ind.part, { le, ...labels }, windowMs));
  } else {
    rules.push(absentAlert(ind, ind.total, labels, windowMs));
    if (ind.part.metric !== ind.total.metric) {
      rules.push({ record: increaseName(ind.part.metric, windowMs), expr: increase(ind.part), labels });
      rules.push(absentAlert(ind, ind.part, labels, windowMs));
    }
  }
  return { name: `${ind.name}-increase`, interval: promDuration(increaseIntervalMs(windowMs)), rules };
}

/** Pyrra's rule groups for one SLO, as its filesystem and Kubernetes modes write them: increase, then burn rates. */
export function pyrraRuleGroups(p: PeerSlo): RuleGroup[] {
  const ind = indicator(p);
  return [increaseGroup(ind, p.windowMs), burnrateGroup(ind, p.windowMs)];
}
