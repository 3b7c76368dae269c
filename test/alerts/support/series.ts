/**
 * Synthesises raw series that make an SLO's indicator queries return a chosen error ratio, by
 * reading the queries' selectors: label values are picked to satisfy (or, for the good/bad split,
 * violate) each matcher.
 */

import { createRequire } from "node:module";
import type { parser as PromqlParser } from "@prometheus-io/lezer-promql" with { "resolution-mode": "import" };
import type { Slo } from "../../../components/domains/alerts/slo.js";

const { parser } = createRequire(__filename)("@prometheus-io/lezer-promql") as { readonly parser: typeof PromqlParser };

/** A label matcher of a selector. */
interface LabelMatch {
  readonly name: string;
  readonly op: "=" | "!=" | "=~" | "!~";
  readonly value: string;
}

/** The single vector selector of a query. */
export interface Selector {
  readonly metric: string;
  readonly matchers: readonly LabelMatch[];
}

function unquote(literal: string): string {
  if (literal.startsWith('"')) return JSON.parse(literal) as string;
  return literal.slice(1, -1);
}

/** The vector selector of an indicator query (which must have exactly one). */
export function selectorOf(query: string): Selector {
  const q = query.replace(/\{\{\s*window\s*\}\}/g, "5m");
  const selectors: Selector[] = [];
  const cursor = parser.parse(q).cursor();
  do {
    if (cursor.name !== "VectorSelector") continue;
    const node = cursor.node;
    const metric = node.getChild("Identifier");
    const matchers: LabelMatch[] = [];
    for (const m of node.getChild("LabelMatchers")?.getChildren("UnquotedLabelMatcher") ?? []) {
      const name = m.getChild("LabelName");
      const op = m.getChild("MatchOp");
      const value = m.getChild("StringLiteral");
      if (!name || !op || !value) continue;
      matchers.push({
        name: q.slice(name.from, name.to),
        op: q.slice(op.from, op.to) as LabelMatch["op"],
        value: unquote(q.slice(value.from, value.to)),
      });
    }
    selectors.push({ metric: metric ? q.slice(metric.from, metric.to) : "", matchers });
  } while (cursor.next());
  if (selectors.length !== 1) throw new Error(`expected one selector in ${query}, got ${selectors.length}`);
  return selectors[0] as Selector;
}

const NON_MATCHING = ["200", "OK", "other", "1"];

function matches(m: LabelMatch, value: string): boolean {
  const re = new RegExp(`^(?:${m.value})$`);
  switch (m.op) {
    case "=":
      return value === m.value;
    case "!=":
      return value !== m.value;
    case "=~":
      return re.test(value);
    case "!~":
      return !re.test(value);
  }
}

function satisfying(m: LabelMatch): string {
  const first = (m.value.split("|")[0] ?? "")
    .replace(/\\\./g, ".")
    .replace(/\.[*+]?/g, "0")
    .replace(/[\^$()]/g, "");
  const candidate = [m.op === "=" ? m.value : m.op === "!=" ? `${m.value}x` : first, ...NON_MATCHING, "x"].find((v) =>
    matches(m, v),
  );
  if (candidate === undefined) throw new Error(`no value satisfies ${m.name}${m.op}"${m.value}"`);
  return candidate;
}

function violating(m: LabelMatch): string {
  const negated: LabelMatch = { ...m, op: ({ "=": "!=", "!=": "=", "=~": "!~", "!~": "=~" } as const)[m.op] };
  return satisfying(negated);
}

/** Labels satisfying every matcher of the selectors (all of the same metric). */
function labelsFor(...selectors: Selector[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const s of selectors) for (const m of s.matchers) labels[m.name] = satisfying(m);
  return labels;
}

/** A counter series: its text form and its per-minute increase in each phase. */
export interface CounterSeries {
  /** `metric{label="value",...}` */
  readonly series: string;
  /** The metric name. */
  readonly metric: string;
  /** The labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** Per-minute increase as a function of the error ratio and the total per minute. */
  readonly perMinute: (ratio: number, total: number) => number;
}

function series(metric: string, labels: Record<string, string>, perMinute: CounterSeries["perMinute"]): CounterSeries {
  const body = Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(",");
  return { series: `${metric}{${body}}`, metric, labels, perMinute };
}

/**
 * The counters an SLO's queries read: one that counts the part (`errors` or `good`) and one for the
 * rest, or, when part and total are different metrics, the part and the total.
 */
export function counters(slo: Slo): CounterSeries[] {
  const total = selectorOf(slo.total);
  const partQuery = slo.errors ?? slo.good ?? "";
  const part = selectorOf(partQuery);
  const isErrors = slo.errors !== undefined;
  const partRate = (ratio: number, t: number): number => (isErrors ? ratio * t : (1 - ratio) * t);
  if (part.metric !== total.metric) {
    return [series(part.metric, labelsFor(part), partRate), series(total.metric, labelsFor(total), (_r, t) => t)];
  }
  const extra = part.matchers.find(
    (m) => !total.matchers.some((t) => t.name === m.name && t.op === m.op && t.value === m.value),
  );
  if (!extra) throw new Error(`the part query ${partQuery} selects the same series as the total ${slo.total}`);
  const rest = { ...labelsFor(total), [extra.name]: violating(extra) };
  return [
    series(part.metric, labelsFor(total, part), partRate),
    series(total.metric, rest, (r, t) => t - partRate(r, t)),
  ];
}

/** A phase of a scenario: minutes at an error ratio. */
export interface Phase {
  readonly minutes: number;
  readonly ratio: number;
}

/** promtool's expanding notation for a counter through the phases, one sample a minute from 0. */
export function counterValues(c: CounterSeries, phases: readonly Phase[], totalPerMinute: number): string {
  let cumulative = 0;
  return phases
    .map((p, i) => {
      const step = Number(c.perMinute(p.ratio, totalPerMinute).toPrecision(10));
      const start = i === 0 ? 0 : cumulative + step;
      const count = i === 0 ? p.minutes : p.minutes - 1;
      cumulative = (i === 0 ? 0 : cumulative + step) + step * count;
      return `${start}+${step}x${count}`;
    })
    .join(" ");
}
