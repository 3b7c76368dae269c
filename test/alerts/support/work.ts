/**
 * Rule-evaluation work of a rule set, read from its expressions: how many rules Prometheus
 * evaluates per minute, and how many samples their range selectors read. Raw series are assumed
 * scraped once a minute, so a raw `[3d]` reads 4320 samples per underlying series; a recorded
 * series has one sample per evaluation of the group that records it (`[30d]` of a 5m group: 8640).
 * Groups without `interval` run at the global evaluation interval (Prometheus's default 1m; the
 * prometheus-operator's default is 30s, which doubles their work). Subqueries multiply their
 * inner reads by range / step.
 */

import { createRequire } from "node:module";
import type { parser as PromqlParser } from "@prometheus-io/lezer-promql" with { "resolution-mode": "import" };
import { isAlertingRule, type RuleGroup } from "../../../components/domains/alerts/types.js";
import { parseDuration } from "../../../components/core/units.js";

const { parser } = createRequire(__filename)("@prometheus-io/lezer-promql") as { readonly parser: typeof PromqlParser };

/** A node of lezer's syntax tree (the type of `parser.parse(...).topNode`). */
type SyntaxNode = ReturnType<typeof PromqlParser.parse>["topNode"];

/** Work of one group. */
export interface GroupWork {
  /** Group name. */
  readonly name: string;
  /** Minutes between evaluations. */
  readonly intervalMinutes: number;
  /** Rules in the group. */
  readonly rules: number;
  /** Raw samples read per evaluation, per underlying series (sum of raw range windows in minutes). */
  readonly rawSamplesPerRound: number;
  /** Recorded samples read per evaluation, per recorded series. */
  readonly recordedSamplesPerRound: number;
}

/** Work of a rule set, per minute. */
export interface RuleSetWork {
  /** Recording rules. */
  readonly recordings: number;
  /** Alerting rules. */
  readonly alerts: number;
  /** Rules evaluated per minute (a 30s group counts twice, a 5m group a fifth). */
  readonly rulesPerMinute: number;
  /** Raw samples read per minute, per underlying series. */
  readonly rawSamplesPerMinute: number;
  /** Recorded samples read per minute, per recorded series. */
  readonly recordedSamplesPerMinute: number;
  /** Each group's work. */
  readonly groups: readonly GroupWork[];
}

interface Reads {
  raw: number;
  recorded: number;
}

function durationMinutes(node: SyntaxNode | null, expr: string): number {
  return node ? (parseDuration(expr.slice(node.from, node.to)) ?? 0) / 60_000 : 0;
}

/** Adds the samples the range selectors under `node` read, times `times` evaluations. */
function visit(
  node: SyntaxNode,
  expr: string,
  times: number,
  density: ReadonlyMap<string, number>,
  globalMinutes: number,
  reads: Reads,
): void {
  if (node.name === "MatrixSelector") {
    const id = node.getChild("VectorSelector")?.getChild("Identifier");
    const metric = id ? expr.slice(id.from, id.to) : "";
    const window = durationMinutes(node.getChild("DurationExpr"), expr);
    const perMinute = density.get(metric);
    if (perMinute === undefined) reads.raw += times * window;
    else reads.recorded += times * window * perMinute;
    return;
  }
  let inner = times;
  if (node.name === "SubqueryExpr") {
    const [range, step] = node.getChildren("DurationExpr");
    const stepMinutes = step ? durationMinutes(step, expr) : globalMinutes;
    inner = times * (durationMinutes(range ?? null, expr) / stepMinutes);
  }
  for (let child = node.firstChild; child; child = child.nextSibling)
    visit(child, expr, inner, density, globalMinutes, reads);
}

/** Samples one expression's range selectors read per evaluation. */
export function expressionReads(
  expr: string,
  density: ReadonlyMap<string, number> = new Map(),
  globalMinutes = 1,
): { readonly raw: number; readonly recorded: number } {
  const reads = { raw: 0, recorded: 0 };
  visit(parser.parse(expr).topNode, expr, 1, density, globalMinutes, reads);
  return reads;
}

const intervalOf = (g: RuleGroup, globalMinutes: number): number =>
  g.interval ? (parseDuration(g.interval) ?? 0) / 60_000 : globalMinutes;

/** The work of a rule set at a global evaluation interval of `globalMinutes` (default 1). */
export function ruleSetWork(groups: readonly RuleGroup[], globalMinutes = 1): RuleSetWork {
  const density = new Map<string, number>();
  for (const g of groups)
    for (const r of g.rules) if (!isAlertingRule(r)) density.set(r.record, 1 / intervalOf(g, globalMinutes));
  const perGroup = groups.map((g): GroupWork => {
    const reads = { raw: 0, recorded: 0 };
    for (const r of g.rules) {
      const e = expressionReads(r.expr, density, globalMinutes);
      reads.raw += e.raw;
      reads.recorded += e.recorded;
    }
    return {
      name: g.name,
      intervalMinutes: intervalOf(g, globalMinutes),
      rules: g.rules.length,
      rawSamplesPerRound: reads.raw,
      recordedSamplesPerRound: reads.recorded,
    };
  });
  const perMinute = (f: (g: GroupWork) => number): number => perGroup.reduce((n, g) => n + f(g) / g.intervalMinutes, 0);
  const rules = groups.flatMap((g) => g.rules);
  return {
    recordings: rules.filter((r) => !isAlertingRule(r)).length,
    alerts: rules.filter(isAlertingRule).length,
    rulesPerMinute: perMinute((g) => g.rules),
    rawSamplesPerMinute: perMinute((g) => g.rawSamplesPerRound),
    recordedSamplesPerMinute: perMinute((g) => g.recordedSamplesPerRound),
    groups: perGroup,
  };
}
