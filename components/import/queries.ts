/**
 * Queries of imported SLIs: Sloth's `{{.window}}` placeholder as ours, fixed ranges of OpenSLO
 * Prometheus queries as `{{window}}`, and the latency threshold a query's `le` bucket names.
 */

import { promqlParser } from "../domains/alerts/promql.js";

/** A Sloth query with our window placeholder (Sloth writes Go templates: `{{.window}}`). */
export function slothQuery(query: string): string {
  return query.replace(/\{\{\s*\.window\s*\}\}/g, "{{window}}").trim();
}

/** The latency threshold, in milliseconds, of the first `le="<seconds>"` matcher of a query; undefined when there is none. */
export function latencyThreshold(query: string): number | undefined {
  const match = /\ble\s*=~?\s*"([0-9.]+(?:e[-+]?\d+)?)"/.exec(query);
  const seconds = match?.[1] === undefined ? Number.NaN : Number(match[1]);
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : undefined;
}

/**
 * An OpenSLO Prometheus query with our window placeholder: every range (`[5m]`, not a subquery's)
 * becomes `[{{window}}]`; a counter query without ranges has each selector wrapped in
 * `rate(...[{{window}}])`. Undefined when the query does not parse or reads nothing.
 */
export function windowedQuery(query: string, counter: boolean): string | undefined {
  const tree = promqlParser.parse(query);
  const ranges: { from: number; to: number }[] = [];
  const selectors: { from: number; to: number }[] = [];
  let broken = false;
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) broken = true;
      if (node.name === "MatrixSelector") {
        const text = query.slice(node.from, node.to);
        const open = text.lastIndexOf("[");
        ranges.push({ from: node.from + open, to: node.to });
        return false;
      }
      if (node.name === "VectorSelector") selectors.push({ from: node.from, to: node.to });
      return true;
    },
  });
  if (broken) return undefined;
  if (ranges.length > 0) return splice(query, ranges, () => "[{{window}}]");
  if (!counter || selectors.length === 0) return undefined;
  return splice(query, selectors, (text) => `rate(${text}[{{window}}])`);
}

/** Replaces each span (in order, not overlapping) of `text`. */
function splice(text: string, spans: readonly { from: number; to: number }[], by: (part: string) => string): string {
  let out = "";
  let last = 0;
  for (const s of [...spans].sort((a, b) => a.from - b.from)) {
    out += text.slice(last, s.from) + by(text.slice(s.from, s.to));
    last = s.to;
  }
  return (out + text.slice(last)).trim();
}
