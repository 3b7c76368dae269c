import type { parser as PromqlParser } from "@prometheus-io/lezer-promql" with { "resolution-mode": "import" };
import { escapeUnsafe, quote } from "../../core/spec/errors.js";

/**
 * The PromQL grammar. The package ships CommonJS but declares ESM-only types, hence a plain `require`
 * (which bundlers follow, so the published policy pack carries the grammar) typed with the ESM types.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: the types are ESM-only
const { parser } = require("@prometheus-io/lezer-promql") as { readonly parser: typeof PromqlParser };

/** The PromQL grammar (the Prometheus UI's lezer parser), for code that walks a query's syntax tree. */
export const promqlParser: typeof PromqlParser = parser;

/**
 * PromQL checks at plan time: the expression parses (with the Prometheus UI's own lezer grammar)
 * and uses nothing Prometheus 2.42 rejects — no function or aggregation added later, no quoted
 * (UTF-8) metric names, no arithmetic in durations.
 * @see https://prometheus.io/docs/prometheus/2.42/querying/functions/
 */

/** Functions of Prometheus 2.42 (including the experimental native-histogram ones). */
const FUNCTIONS_2_42 = new Set([
  "abs",
  "absent",
  "absent_over_time",
  "acos",
  "acosh",
  "asin",
  "asinh",
  "atan",
  "atanh",
  "avg_over_time",
  "ceil",
  "changes",
  "clamp",
  "clamp_max",
  "clamp_min",
  "cos",
  "cosh",
  "count_over_time",
  "day_of_month",
  "day_of_week",
  "day_of_year",
  "days_in_month",
  "deg",
  "delta",
  "deriv",
  "exp",
  "floor",
  "histogram_count",
  "histogram_fraction",
  "histogram_quantile",
  "histogram_sum",
  "holt_winters",
  "hour",
  "idelta",
  "increase",
  "irate",
  "label_join",
  "label_replace",
  "last_over_time",
  "ln",
  "log10",
  "log2",
  "max_over_time",
  "min_over_time",
  "minute",
  "month",
  "pi",
  "predict_linear",
  "present_over_time",
  "quantile_over_time",
  "rad",
  "rate",
  "resets",
  "round",
  "scalar",
  "sgn",
  "sin",
  "sinh",
  "sort",
  "sort_desc",
  "sqrt",
  "stddev_over_time",
  "stdvar_over_time",
  "sum_over_time",
  "tan",
  "tanh",
  "time",
  "timestamp",
  "vector",
  "year",
]);

/** Aggregation operators of Prometheus 2.42. */
const AGGREGATIONS_2_42 = new Set([
  "sum",
  "min",
  "max",
  "avg",
  "group",
  "stddev",
  "stdvar",
  "count",
  "count_values",
  "bottomk",
  "topk",
  "quantile",
]);

/** A Prometheus label name. */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Problems of one PromQL expression for Prometheus 2.42, as "must ..." sentences (empty when fine);
 * the parts of the expression they quote have control and bidirectional characters escaped.
 */
export function promqlProblems(expr: string): string[] {
  const tree = parser.parse(expr);
  const problems: string[] = [];
  tree.iterate({
    enter: (node) => {
      const raw = expr.slice(node.from, node.to);
      const text = escapeUnsafe(raw);
      if (node.type.isError)
        problems.push(
          `must be valid PromQL, got a syntax error at character ${node.from + 1}${raw ? ` (near ${quote(raw)})` : ""}`,
        );
      else if (node.name === "FunctionIdentifier" && !FUNCTIONS_2_42.has(text))
        problems.push(`must use only functions Prometheus 2.42 knows, got ${text}()`);
      else if (node.name === "AggregateOp" && !AGGREGATIONS_2_42.has(text.toLowerCase()))
        problems.push(`must use only aggregations Prometheus 2.42 knows, got ${text}`);
      else if (node.name === "QuotedLabelName" || node.name === "QuotedLabelMatcher")
        problems.push(`must not quote metric or label names (Prometheus 2.42 does not support it), got ${text}`);
      else if (node.name === "DurationExpr" && !/^\d+(ms|s|m|h|d|w|y)+(\d+(ms|s|m|h|d|w|y))*$/.test(text.trim())) {
        problems.push(`must use a plain duration such as 5m (Prometheus 2.42 has no duration arithmetic), got ${text}`);
      }
      return problems.length === 0;
    },
  });
  return problems.slice(0, 1);
}

/** The instant vector selectors an expression reads (`metric{labels}`, ranges left out), each once, in order. */
export function vectorSelectors(expr: string): string[] {
  const out = new Set<string>();
  const cursor = parser.parse(expr).cursor();
  do {
    if (cursor.name === "VectorSelector") out.add(expr.slice(cursor.from, cursor.to));
  } while (cursor.next());
  return [...out];
}
