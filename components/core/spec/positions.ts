import { CORE_SCHEMA, load } from "js-yaml";
import { isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document, type Node, type Pair } from "yaml";
import { escapeUnsafe, quote, type Diagnostic, type SourcePosition } from "./errors.js";
import { MAX_ALIASES, textLimits, valueLimits } from "./limits.js";
import { lineIndex } from "./lines.js";
import { formatPath } from "./validate.js";

/** A parsed YAML file that can answer "where is this field?". */
export interface SourceFile {
  /** The file name used in diagnostics. */
  readonly file: string;
  /** The plain JavaScript value of the document. */
  readonly value: unknown;
  /** Finds the position of a path; falls back to the nearest ancestor that exists. */
  readonly locate: (path: readonly PathSegment[], at?: "key" | "value") => SourcePosition;
  /** YAML syntax problems and broken limits (empty when the file parsed). */
  readonly syntaxErrors: readonly Diagnostic[];
}

/** One step of a field path: an object key or an array index. */
export type PathSegment = string | number;

/** Parses YAML text, keeping enough of the syntax tree to point at any field; linear in the text's size. */
export function parseSource(file: string, text: string): SourceFile {
  const at = lineIndex(text);
  const error = (offset: number | undefined, message: string): Diagnostic => ({
    file,
    position: at(offset),
    path: "",
    message,
  });
  const limit = textLimits(text);
  if (limit) return { file, value: undefined, syntaxErrors: [error(limit.offset, limit.message)], locate: () => at(0) };
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const keys = new WeakMap<object, Map<string, Pair>>();
  const locate = (path: readonly PathSegment[], where: "key" | "value" = "value") =>
    at(findOffset(doc, keys, path, where));
  const syntax = [
    ...doc.errors.map((e) => error(e.pos[0], syntaxMessage(e.code, e.message))),
    ...duplicateKeys(doc).map((d) => error(d.offset, d.message)),
  ];
  if (syntax.length > 0) return { file, value: undefined, syntaxErrors: syntax, locate };
  const plain = plainValue(doc);
  if ("message" in plain) return { file, value: undefined, syntaxErrors: [error(plain.offset, plain.message)], locate };
  const tooBig = valueLimits(plain.value);
  const path = tooBig?.path ?? [];
  const errors = tooBig ? [{ ...error(0, tooBig.message), position: locate(path), path: formatPath(path) }] : [];
  return { file, value: tooBig ? undefined : plain.value, syntaxErrors: errors, locate };
}

/**
 * The quick read of a YAML file, for files that turn out to be valid: js-yaml with the YAML 1.2
 * core schema (the same scalar resolution as `parseSource`) reads the value about ten times
 * faster, and positions are worked out only if something asks for one (from `positioned`, when
 * given, so the caller can share one positioned parse). Undefined when js-yaml rejects the text,
 * when it breaks a limit, and for any anchor or alias, empty or multi-document file: those always
 * take `parseSource`, which reports their problems with positions.
 */
export function quickSource(file: string, text: string, positioned?: () => SourceFile): SourceFile | undefined {
  if (textLimits(text)) return undefined;
  let value: unknown;
  try {
    value = load(text, { schema: CORE_SCHEMA, maxAliases: 0 });
  } catch {
    return undefined;
  }
  if (valueLimits(value)) return undefined;
  let parsed: SourceFile | undefined;
  const full = positioned ?? (() => (parsed ??= parseSource(file, text)));
  return { file, value, syntaxErrors: [], locate: (path, where) => full().locate(path, where) };
}

/** The library's wording replaced where it names its own API or is unclear. */
function syntaxMessage(code: string, message: string): string {
  if (code === "MULTIPLE_DOCS")
    return "invalid YAML: the file holds more than one document (a second '---'); write one service per file";
  const first = message.split("\n")[0] ?? code;
  return `invalid YAML: ${escapeUnsafe(first.replace(/"((?:[^"\\]|\\.)*)"/g, (_, inner: string) => quote(inner)))}`;
}

/** The document as plain values; an alias without its anchor (or too many aliases) becomes a problem. */
function plainValue(doc: Document): { value: unknown } | { offset: number | undefined; message: string } {
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIASES }) };
  } catch (error) {
    let offset: number | undefined;
    let name: string | undefined;
    visit(doc, {
      Alias(_, node) {
        if (offset === undefined && !node.resolve(doc)) [offset, name] = [node.range?.[0], node.source];
      },
    });
    if (name !== undefined)
      return {
        offset,
        message: `invalid YAML: alias ${quote(`*${name}`)} has no anchor ${quote(`&${name}`)} before it`,
      };
    const aliases = /Excessive alias/.test((error as Error).message);
    return {
      offset,
      message: aliases
        ? `invalid YAML: aliases expand to too much data; at most ${MAX_ALIASES} alias expansions are allowed`
        : `invalid YAML: ${(error as Error).message}`,
    };
  }
}

/** Every key written twice in one mapping, at its second occurrence; one pass with a set per mapping. */
function duplicateKeys(doc: Document): { offset: number | undefined; message: string }[] {
  const out: { offset: number | undefined; message: string }[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (!seen.has(key)) seen.add(key);
        else
          out.push({
            offset: rangeStart(pair.key),
            message: `invalid YAML: key ${quote(key)} appears twice in the same mapping; each key may appear once`,
          });
      }
    },
  });
  return out;
}

function findOffset(
  doc: Document,
  keys: WeakMap<object, Map<string, Pair>>,
  path: readonly PathSegment[],
  where: "key" | "value",
): number | undefined {
  let node: unknown = doc.contents;
  let best: number | undefined = rangeStart(node);
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = pairsOf(keys, node.items).get(String(segment));
      if (!pair) return best;
      const keyStart = rangeStart(pair.key);
      node = pair.value;
      best = last && where === "key" ? keyStart : (rangeStart(node) ?? keyStart ?? best);
    } else if (isSeq(node) && typeof segment === "number") {
      node = node.items[segment];
      if (node === undefined) return best;
      best = rangeStart(node) ?? best;
    } else {
      return best;
    }
  }
  return best;
}

/** A mapping's pairs by key (first occurrence), built once per mapping so each lookup is constant time. */
function pairsOf(cache: WeakMap<object, Map<string, Pair>>, items: readonly unknown[]): Map<string, Pair> {
  let byKey = cache.get(items);
  if (byKey) return byKey;
  byKey = new Map();
  for (const p of items) {
    if (isPair(p) && isScalar(p.key) && !byKey.has(String(p.key.value))) byKey.set(String(p.key.value), p);
  }
  cache.set(items, byKey);
  return byKey;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
