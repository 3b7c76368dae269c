import type { PathSegment } from "../components/core/spec/positions.js";
import type { SourceMap } from "../components/core/spec/service.js";
import type { Violation } from "../components/core/policy/types.js";

/** Splits a field path as diagnostics print it (`spec.chaos.experiments[0].schedule`) into segments. */
export function parsePath(path: string): PathSegment[] {
  return path.split(".").flatMap((part) => {
    const [name, ...indexes] = part.split("[");
    return [...(name ? [name] : []), ...indexes.map((i) => Number(i.replace("]", "")))];
  });
}

/**
 * Points every violation at the line of its spec field (the nearest existing ancestor when the
 * field itself is not written, e.g. a default), using the positions the loader kept.
 */
export function locateViolations(violations: readonly Violation[], sources: SourceMap): Violation[] {
  return violations.map((v) => {
    const source = sources.get(v.service);
    if (!source) return v;
    const position = source.locate(parsePath(v.path));
    return { ...v, file: source.file, line: position.line, col: position.col };
  });
}
