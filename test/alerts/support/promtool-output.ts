/**
 * Reads what `promtool test rules` (Prometheus 2.42) prints for failed `promql_expr_test`s:
 *
 *     expr: "ALERTS", time: 3m,
 *         exp: nil
 *         got: {__name__="ALERTS", alertname="X", alertstate="firing"} 1E+00, {...} 1E+00
 *
 * The expression and label values are Go `strconv.Quote`d, label sets are Go `labels.String()`.
 */

import { parseDuration } from "../../../components/core/units.js";

/** A series' labels. */
export type Labels = Record<string, string>;

/** Series each expression returned, by expression and minute. */
export type ExprResults = Map<string, Map<number, Labels[]>>;

/**
 * The series promtool got for each failed expression test, by expression text and minute.
 * @throws Error on a rule evaluation error or an unexpected time, so nothing is silently dropped.
 */
export function parseExprOutput(output: string): ExprResults {
  const out: ExprResults = new Map();
  let current: { readonly expr: string; readonly minute: number } | undefined;
  for (const line of output.split("\n")) {
    const trimmed = line.trim();
    if (trimmed.startsWith('expr: "') && trimmed.endsWith(",")) {
      current = header(trimmed);
    } else if (trimmed.startsWith("got: ") && current) {
      const byMinute = out.get(current.expr) ?? new Map<number, Labels[]>();
      byMinute.set(current.minute, trimmed === "got: nil" ? [] : parseSeriesList(trimmed.slice(5)));
      out.set(current.expr, byMinute);
      current = undefined;
    } else if (trimmed.startsWith("rule: ") || trimmed.startsWith("err:")) {
      throw new Error(`promtool reported a rule evaluation error: ${trimmed}`);
    }
  }
  return out;
}

/** `expr: "<quoted>", time: <duration>,` */
function header(line: string): { readonly expr: string; readonly minute: number } {
  const at = line.lastIndexOf(", time: ");
  const [expr] = readQuoted(line.slice(0, at), "expr: ".length);
  const ms = parseDuration(line.slice(at + ", time: ".length, -1));
  if (ms === undefined) throw new Error(`unexpected time in promtool output: ${line}`);
  return { expr, minute: ms / 60_000 };
}

const ESCAPES: Readonly<Record<string, string>> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  '"': '"',
  "'": "'",
};

/** Reads a Go `strconv.Quote`d string starting at `text[at]` (the opening quote); returns the value and the index after it. */
function readQuoted(text: string, at: number): [string, number] {
  let value = "";
  let i = at + 1;
  while (i < text.length && text[i] !== '"') {
    if (text[i] !== "\\") {
      value += text[i];
      i += 1;
      continue;
    }
    const c = text[i + 1] ?? "";
    const hex = { x: 2, u: 4, U: 8 }[c];
    if (hex !== undefined) {
      value += String.fromCodePoint(parseInt(text.slice(i + 2, i + 2 + hex), 16));
      i += 2 + hex;
    } else {
      value += ESCAPES[c] ?? c;
      i += 2;
    }
  }
  return [value, i + 1];
}

/** Parses `{a="1", b="x"} 1E+00, {a="2"} 1E+00` (Go `labels.String()` and value) into label sets. */
export function parseSeriesList(text: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "{") throw new Error(`unexpected promtool sample list at ${i}: ${text.slice(i, i + 80)}`);
    const labels: Record<string, string> = {};
    i += 1;
    while (text[i] !== "}") {
      const eq = text.indexOf("=", i);
      if (eq === -1 || text[eq + 1] !== '"')
        throw new Error(`unexpected promtool label set at ${i}: ${text.slice(i, i + 80)}`);
      const [value, next] = readQuoted(text, eq + 1);
      labels[text.slice(i, eq)] = value;
      i = text.startsWith(", ", next) ? next + 2 : next;
    }
    out.push(labels);
    const sep = text.indexOf(", {", i);
    i = sep === -1 ? text.length : sep + 2;
  }
  return out;
}
