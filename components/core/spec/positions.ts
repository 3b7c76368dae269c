import { CORE_SCHEMA, load } from "js-yaml";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from "yaml";
import type { Diagnostic, SourcePosition } from "./errors.js";

/** A parsed YAML file that can answer "where is this field?". */
export interface SourceFile {
  /** The file name used in diagnostics. */
  readonly file: string;
  /** The plain JavaScript value of the document. */
  readonly value: unknown;
  /** Finds the position of a path; falls back to the nearest ancestor that exists. */
  readonly locate: (path: readonly PathSegment[], at?: "key" | "value") => SourcePosition;
  /** YAML syntax problems (empty when the file parsed). */
  readonly syntaxErrors: readonly Diagnostic[];
}

/** One step of a field path: an object key or an array index. */
export type PathSegment = string | number;

const START: SourcePosition = { line: 1, col: 1 };

/** Parses YAML text, keeping enough of the syntax tree to point at any field. */
export function parseSource(file: string, text: string): SourceFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined): SourcePosition =>
    offset === undefined ? START : lineCounter.linePos(offset);
  const syntaxErrors: Diagnostic[] = doc.errors.map((e) => ({
    file,
    position: at(e.pos[0]),
    path: "",
    message:
      e.code === "DUPLICATE_KEY"
        ? duplicateKey(text.slice(e.pos[0]))
        : `invalid YAML: ${e.message.split("\n")[0] ?? e.code}`,
  }));
  const { value, errors } =
    syntaxErrors.length > 0 ? { value: undefined, errors: syntaxErrors } : plainValue(doc, file, at);
  return {
    file,
    value,
    syntaxErrors: errors,
    locate: (path, where = "value") => at(findOffset(doc, path, where)),
  };
}

/**
 * The quick read of a YAML file, for files that turn out to be valid: js-yaml with the YAML 1.2
 * core schema (the same scalar resolution as `parseSource`) reads the value about ten times
 * faster, and positions are worked out only if something asks for one. Undefined when js-yaml
 * rejects the text, and for any anchor or alias, empty or multi-document file: those always take
 * `parseSource`, which reports their problems with positions.
 */
export function quickSource(file: string, text: string): SourceFile | undefined {
  let value: unknown;
  try {
    value = load(text, { schema: CORE_SCHEMA, maxAliases: 0 });
  } catch {
    return undefined;
  }
  let positioned: SourceFile | undefined;
  return {
    file,
    value,
    syntaxErrors: [],
    locate: (path, where) => (positioned ??= parseSource(file, text)).locate(path, where),
  };
}

/** The document as plain values; an alias without its anchor (or too many aliases) becomes a diagnostic. */
function plainValue(
  doc: Document,
  file: string,
  at: (offset: number | undefined) => SourcePosition,
): { value: unknown; errors: Diagnostic[] } {
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }), errors: [] };
  } catch (error) {
    let offset: number | undefined;
    visit(doc, {
      Alias(_, node) {
        if (offset === undefined && !node.resolve(doc)) offset = node.range?.[0];
      },
    });
    return {
      value: undefined,
      errors: [{ file, position: at(offset), path: "", message: `invalid YAML: ${(error as Error).message}` }],
    };
  }
}

function findOffset(doc: Document, path: readonly PathSegment[], where: "key" | "value"): number | undefined {
  let node: unknown = doc.contents;
  let best: number | undefined = rangeStart(node);
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
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

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/** Names the repeated key (the text at the error's position) in a duplicate-key error. */
function duplicateKey(rest: string): string {
  const key = /^("[^"]*"|'[^']*'|[^\s:#,{}[\]]+)/.exec(rest)?.[1];
  const named =
    key === undefined ? "a key" : `key ${key.startsWith('"') || key.startsWith("'") ? key : JSON.stringify(key)}`;
  return `invalid YAML: ${named} appears twice in the same mapping; each key may appear once`;
}
