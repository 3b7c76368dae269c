/**
 * Spec diagnostics: every problem found in a spec or stack file, with where it is and what is allowed.
 */

/** A position in a source file, 1-based. */
export interface SourcePosition {
  /** Line number, starting at 1. */
  readonly line: number;
  /** Column number, starting at 1. */
  readonly col: number;
}

/** Another field a problem involves (the other side of a contradiction), in the same file unless `file` says otherwise. */
export interface RelatedLocation {
  /** The file the field is written in, when it is not the diagnostic's own (the other end of a call-graph edge). */
  readonly file?: string;
  /** Where the field is written (its value, or the nearest enclosing field when it is not written). */
  readonly position: SourcePosition;
  /** The field path, formatted like {@link Diagnostic.path}. */
  readonly path: string;
}

/** One problem in an input file. */
export interface Diagnostic {
  /** The file, as given on the command line or found by the glob. */
  readonly file: string;
  /** Where in the file; the start of the offending value, key or enclosing object. */
  readonly position: SourcePosition;
  /** The field path, dot-separated (`spec.workload.probes.liveness.periodSeconds`); empty for the whole file. */
  readonly path: string;
  /** What is wrong and what is allowed, e.g. `must be an integer between 1 and 300, got "ten"`. */
  readonly message: string;
  /** The other fields the problem involves, when it is a contradiction between fields. */
  readonly related?: readonly RelatedLocation[];
}

/**
 * Formats a diagnostic as `file:line:col path: message`, followed by
 * ` (see also other.path at file:line:col)` for each related field.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}:${d.position.line}:${d.position.col}`;
  const text = d.path ? `${where} ${d.path}: ${d.message}` : `${where} ${d.message}`;
  const also = (d.related ?? []).map((r) => `${r.path} at ${r.file ?? d.file}:${r.position.line}:${r.position.col}`);
  return also.length > 0 ? `${text} (see also ${also.join(", ")})` : text;
}

/** Sorts diagnostics by file, line and column, dropping exact duplicates. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const unique = list.filter((d) => {
    const key = formatDiagnostic(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.position.line - b.position.line ||
      a.position.col - b.position.col ||
      a.path.localeCompare(b.path),
  );
}

/** Thrown when input files are invalid; carries every diagnostic found, not just the first. */
export class SpecError extends Error {
  /** Every problem found, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    const sorted = sortDiagnostics(diagnostics);
    super(
      `${sorted.length} problem${sorted.length === 1 ? "" : "s"} in the reliability specs:\n` +
        sorted.map(formatDiagnostic).join("\n"),
    );
    this.name = "SpecError";
    this.diagnostics = sorted;
  }
}

/** Longest quoted string in a message, in characters; longer strings are cut and their length noted. */
export const MAX_QUOTED_CHARS = 120;

/** Longest quoted mapping or list in a message (compact JSON), in characters. */
export const MAX_QUOTED_JSON = 60;

/**
 * Renders a value the way error messages quote it: strings in quotes, objects as compact JSON,
 * `.nan` and `.inf` as YAML writes them, control and bidirectional characters escaped, and long
 * values cut to a readable length.
 */
export function quote(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number" && !Number.isFinite(value)) return yamlNumber(value);
  const json = typeof value === "string" ? JSON.stringify(value) : jsonOf(value);
  const safe = escapeUnsafe(json);
  const max = typeof value === "string" ? MAX_QUOTED_CHARS : MAX_QUOTED_JSON;
  if (safe.length <= max) return safe;
  const size = typeof value === "string" ? ` (${value.length} characters)` : "";
  return `${safe.slice(0, max - 3)}...${size}`;
}

/** Characters a message never prints raw: C0 and C1 controls, line separators and bidirectional marks. */
// eslint-disable-next-line no-control-regex
export const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Escapes characters that would change the terminal or reorder text, as `\uXXXX`. */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE_CHARS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function yamlNumber(value: number): string {
  return Number.isNaN(value) ? ".nan" : value > 0 ? ".inf" : "-.inf";
}

function jsonOf(value: unknown): string {
  const json = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "number" && !Number.isFinite(v) ? yamlNumber(v) : v,
  );
  return json ?? String(value);
}
