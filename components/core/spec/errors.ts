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
}

/** Formats a diagnostic as `file:line:col path: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}:${d.position.line}:${d.position.col}`;
  return d.path ? `${where} ${d.path}: ${d.message}` : `${where} ${d.message}`;
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

/** Renders a value the way error messages quote it: strings in quotes, objects as compact JSON. */
export function quote(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value);
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
