/**
 * Limits on one spec or stack file, so untrusted input cannot crash the parser, hang the tool or
 * exhaust memory. The text is checked before parsing (size, nesting depth); the parsed value
 * after (number of keys, string length); the YAML parser enforces the alias limit.
 */

import type { PathSegment } from "./positions.js";

/** Largest file read, in bytes: spec files are a few kilobytes; 1 MiB leaves ample room. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Deepest nesting of mappings and lists; the schema's deepest field is under ten levels down. */
export const MAX_NESTING_DEPTH = 64;

/** Most mapping keys and list items in one file, counted together. */
export const MAX_NODES = 50_000;

/** Longest string value or key, in characters (the API server's total annotation size). */
export const MAX_STRING_CHARS = 256 * 1024;

/** Most aliases (`*name`) one file may use; anchors and aliases have no use in a spec beyond a few. */
export const MAX_ALIASES = 100;

/** A limit the text or value breaks: where (offset into the text, or field path) and what. */
export interface LimitProblem {
  /** Offset into the text of the offending token, when known before parsing. */
  readonly offset?: number;
  /** Field path of the offending value, when found after parsing. */
  readonly path?: readonly PathSegment[];
  /** What is wrong and what is allowed. */
  readonly message: string;
}

/** Checks the raw text: its size and how deeply it nests, without parsing it. */
export function textLimits(text: string): LimitProblem | undefined {
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_FILE_BYTES)
    return { offset: 0, message: `file is ${bytes} bytes; at most ${MAX_FILE_BYTES} bytes are read` };
  const deep = tooDeep(text);
  return deep === undefined
    ? undefined
    : { offset: deep, message: `nests more than ${MAX_NESTING_DEPTH} levels of mappings and lists` };
}

/**
 * Offset where nesting first exceeds the limit, or undefined. An upper bound on the real depth:
 * block levels come from indentation and `- `/`? ` indicators, flow levels from brackets outside
 * quotes; block scalar bodies and comments are skipped.
 */
function tooDeep(text: string): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let blockScalar: number | undefined;
  let offset = 0;
  for (const line of text.split("\n")) {
    const start = offset;
    offset += line.length + 1;
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    if (blockScalar !== undefined && (indent > blockScalar || line.trim() === "")) continue;
    blockScalar = undefined;
    if (flow === 0 && /^\s*(#.*)?\r?$/.test(line)) continue;
    if (flow === 0) {
      while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= indent) indents.pop();
      indents.push(indent);
    }
    const scan = scanLine(line, indent, flow, indents.length);
    if (scan.deepAt !== undefined) return start + scan.deepAt;
    flow = scan.flow;
    if (flow === 0 && /[|>][-+0-9]*\s*(#.*)?\r?$/.test(line)) blockScalar = indent;
  }
  return undefined;
}

/** Walks one line: compact block indicators and flow brackets, skipping quoted text and comments. */
function scanLine(line: string, indent: number, flowIn: number, block: number): { flow: number; deepAt?: number } {
  let flow = flowIn;
  let compact = 0;
  let quote: string | undefined;
  let valueStart = flow === 0;
  for (let i = indent; i < line.length; i++) {
    const c = line[i] ?? "";
    if (quote !== undefined) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "#" && (i === 0 || /\s/.test(line[i - 1] ?? ""))) break;
    if ((c === '"' || c === "'") && (valueStart || flow > 0)) quote = c;
    else if (flow === 0 && valueStart && (c === "-" || c === "?") && /\s|^$/.test(line[i + 1] ?? "")) compact++;
    else if ((c === "[" || c === "{") && (valueStart || flow > 0)) flow++;
    else if ((c === "]" || c === "}") && flow > 0) flow--;
    else if (flow === 0 && c === ":" && /\s|^$/.test(line[i + 1] ?? "")) compact++;
    else if (c !== " " && flow === 0) valueStart = false;
    if (c === " " && flow === 0 && /[-?:]/.test(line[i - 1] ?? "")) valueStart = true;
    if (block + compact + flow > MAX_NESTING_DEPTH) return { flow, deepAt: i };
  }
  return { flow };
}

/**
 * Checks the parsed value: that no alias repeats a node inside itself, how deeply it nests (aliases
 * can nest deeper than the text), how many keys and items it holds and how long its strings are.
 */
export function valueLimits(value: unknown): LimitProblem | undefined {
  let nodes = 0;
  type Visit = { node: unknown; path: readonly PathSegment[]; within: readonly object[] };
  const stack: Visit[] = [{ node: value, path: [], within: [] }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { node, path, within } = next;
    if (typeof node === "string" && node.length > MAX_STRING_CHARS)
      return { path, message: `is a string of ${node.length} characters; at most ${MAX_STRING_CHARS} are allowed` };
    if (node === null || typeof node !== "object") continue;
    if (within.includes(node))
      return { path, message: "repeats a mapping or list inside itself (an alias inside its own anchor)" };
    if (within.length >= MAX_NESTING_DEPTH)
      return { path, message: `nests more than ${MAX_NESTING_DEPTH} levels of mappings and lists` };
    const entries: [PathSegment, unknown][] = Array.isArray(node)
      ? node.map((v, i): [PathSegment, unknown] => [i, v])
      : Object.entries(node);
    nodes += entries.length;
    if (nodes > MAX_NODES)
      return { path, message: `holds more than ${MAX_NODES} keys and list items in the file; split the spec` };
    for (const [key, child] of entries) {
      if (typeof key === "string" && key.length > MAX_STRING_CHARS)
        return { path, message: `has a key of ${key.length} characters; at most ${MAX_STRING_CHARS} are allowed` };
      stack.push({ node: child, path: [...path, key], within: [...within, node] });
    }
  }
  return undefined;
}
