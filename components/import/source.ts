/**
 * Reading a file to import: every YAML document of it with positions, validated against the
 * importer's schema of the format, each problem a diagnostic at its `file:line:col`.
 */

import { parseAllDocuments } from "yaml";
import type { z } from "zod";
import { SpecError, type Diagnostic } from "../core/spec/errors.js";
import { parseSource, type SourceFile } from "../core/spec/positions.js";
import { zodDiagnostics } from "../core/spec/validate.js";

/** One document of the imported file, validated. */
export interface ImportedDocument<T> {
  /** The document's value, as the format's schema reads it. */
  readonly value: T;
  /** The document as parsed, to point at its fields. */
  readonly source: SourceFile;
}

/**
 * The YAML documents of `text`, each parsed with positions that count from the start of the file
 * (earlier documents are kept as blank lines), empty documents left out.
 */
export function yamlDocuments(file: string, text: string): SourceFile[] {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return [];
  return docs.flatMap((doc) => {
    const [start, , end] = doc.range;
    const before = text.slice(0, start).replace(/[^\n]/g, "");
    const source = parseSource(file, `${before}${text.slice(start, end)}`);
    return source.syntaxErrors.length === 0 && (source.value === null || source.value === undefined) ? [] : [source];
  });
}

/**
 * Validates every document against `schema`; throws a {@link SpecError} with every problem (syntax
 * or schema, at its position) when any document is invalid.
 */
export function readDocuments<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
): ImportedDocument<z.output<S>>[] {
  const sources = yamlDocuments(file, text);
  const problems: Diagnostic[] = sources.flatMap((s) => s.syntaxErrors);
  if (problems.length > 0) throw new SpecError(problems);
  if (sources.length === 0)
    throw new SpecError([
      {
        file,
        position: { line: 1, col: 1 },
        path: "",
        message: "must hold at least one YAML document, got an empty file",
      },
    ]);
  const read = sources.map((source) => ({ source, result: schema.safeParse(source.value) }));
  for (const { source, result } of read)
    if (!result.success) problems.push(...zodDiagnostics(result.error, source.value, file, source.locate, schema));
  if (problems.length > 0) throw new SpecError(problems);
  return read.map(({ source, result }) => ({ source, value: result.data as z.output<S> }));
}
