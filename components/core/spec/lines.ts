/**
 * Offsets to line and column: lines end at `\n`, `\r\n` or a lone `\r` (as YAML reads them), and
 * every position is clamped to the text, so a column never points past the end of its line.
 */

import type { SourcePosition } from "./errors.js";

/** Maps an offset (UTF-16 units) to a 1-based line and column inside `text`; undefined maps to 1:1. */
export function lineIndex(text: string): (offset: number | undefined) => SourcePosition {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return (offset) => {
    if (offset === undefined) return { line: 1, col: 1 };
    const at = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    const start = starts[lo] ?? 0;
    const end = lineEnd(text, starts[lo + 1]);
    return { line: lo + 1, col: Math.min(at, end) - start + 1 };
  };
}

/** Offset of the line break that ends a line, from the start of the next line (or the text's end). */
function lineEnd(text: string, next: number | undefined): number {
  if (next === undefined) return text.length;
  return text.charCodeAt(next - 1) === 10 && text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
}
