/**
 * Helpers for the hostile-input tests and the fuzz suite: the example specs as text, and the
 * invariants every diagnostic must hold.
 */

import { expect } from "vitest";
import { UNSAFE_CHARS, type Diagnostic } from "../../components/core/spec/errors.js";
import { readRepoFile } from "./project.js";

/** The example service specs, by file name. */
export const EXAMPLE_TEXTS: readonly { readonly file: string; readonly text: string }[] = [
  "services/checkout.yaml",
  "services/inventory.yaml",
  "services/report-worker.yaml",
].map((file) => ({ file, text: readRepoFile(file) }));

/** The checkout example's text. */
export const CHECKOUT = EXAMPLE_TEXTS[0]?.text ?? "";

/** Lines of a text as YAML reads them (`\n`, `\r\n` or `\r`). */
export function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Asserts a diagnostic points inside `text`: an existing line, a column at most one past its end. */
export function expectInside(d: Diagnostic, text: string): void {
  const lines = linesOf(text);
  const where = `${d.position.line}:${d.position.col} ${d.path}: ${d.message}`;
  expect(d.position.line, where).toBeGreaterThanOrEqual(1);
  expect(d.position.line, where).toBeLessThanOrEqual(lines.length);
  expect(d.position.col, where).toBeGreaterThanOrEqual(1);
  expect(d.position.col, where).toBeLessThanOrEqual((lines[d.position.line - 1] ?? "").length + 1);
}

/** Asserts a message holds no raw control or bidirectional character and is of a readable length. */
export function expectReadable(d: Diagnostic): void {
  expect(d.message + d.path).not.toMatch(new RegExp(UNSAFE_CHARS.source));
  expect(d.message.length, d.message.slice(0, 200)).toBeLessThanOrEqual(600);
}
