/**
 * The check's report when the specs or the stack configuration do not load: the same formats as a
 * policy verdict (SARIF, the pull-request comment, JSON), holding the spec errors at their
 * `file:line:col`, so a pull request with an invalid spec is annotated and commented like any other.
 */

import type { Location, Log } from "sarif";
import { formatDiagnostic, type Diagnostic, type SourcePosition } from "../core/spec/errors.js";
import { commentMarker } from "./markdown.js";
import { sarifLog } from "./sarif.js";

/** SARIF rule id of a spec error. */
export const SPEC_ERROR_RULE = "spec-invalid";

/**
 * Spec errors as a SARIF 2.1.0 log: one error-level result per diagnostic, at its line and column,
 * with the other fields of a contradiction as `relatedLocations`.
 */
export function specErrorsSarif(stack: string, diagnostics: readonly Diagnostic[], version = "0.1.0"): Log {
  const rule = {
    id: SPEC_ERROR_RULE,
    name: "SpecInvalid",
    shortDescription: { text: "The reliability spec or stack configuration is invalid." },
    defaultConfiguration: { level: "error" as const },
  };
  const results = diagnostics.map((d) => ({
    ruleId: SPEC_ERROR_RULE,
    ruleIndex: 0,
    level: "error" as const,
    message: { text: d.path ? `${d.path}: ${d.message}` : d.message },
    locations: [at(d.file, d.position)],
    ...(d.related && d.related.length > 0
      ? {
          relatedLocations: d.related.map((r, id) => ({
            id,
            ...at(r.file ?? d.file, r.position),
            message: { text: r.path },
          })),
        }
      : {}),
    partialFingerprints: { "reliabilitySpecError/v1": `${d.file}|${d.path}|${d.message}` },
  }));
  return sarifLog(stack, [rule], results, version);
}

/** A SARIF location at a line and column of a file. */
function at(file: string, position: SourcePosition): Location {
  return {
    physicalLocation: {
      artifactLocation: { uri: file, uriBaseId: "%SRCROOT%" },
      region: { startLine: position.line, startColumn: position.col },
    },
  };
}

/** Spec errors as the pull-request comment (same marker, so it replaces the previous verdict). */
export function specErrorsMarkdown(stack: string, diagnostics: readonly Diagnostic[]): string {
  const n = diagnostics.length;
  return [
    commentMarker(stack),
    `## ❌ Reliability check — stack \`${stack}\``,
    "",
    `**Invalid input**: ${n} problem${n === 1 ? "" : "s"} in the specs or the stack configuration; nothing was planned or checked.`,
    "",
    ...diagnostics.map((d) => `- \`${formatDiagnostic(d).replace(/`/g, "'")}\``),
    "",
  ].join("\n");
}

/** Spec errors as JSON: the stack and each diagnostic with its position. */
export function specErrorsJson(stack: string, diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.map((d) => ({
    file: d.file,
    line: d.position.line,
    col: d.position.col,
    path: d.path,
    message: d.message,
  }));
  return JSON.stringify({ stack, verdict: "invalid", errors }, null, 2);
}
