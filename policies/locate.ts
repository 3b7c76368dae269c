import type { PathSegment } from "../components/core/spec/positions.js";
import type { SourceMap } from "../components/core/spec/service.js";
import type { Violation } from "../components/core/policy/types.js";
import { formatPath } from "../components/core/spec/validate.js";

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
  const locate = <T extends { readonly service: string; readonly path: string }>(field: T) => {
    const source = sources.get(field.service);
    if (!source) return undefined;
    const position = source.locate(parsePath(field.path));
    return { ...field, file: source.file, line: position.line, col: position.col };
  };
  return violations.map((v) => {
    const related = v.related?.map((r) => locate(r) ?? r);
    const source = sources.get(v.service);
    const located = locate(v) ?? v;
    const section = source ? missingSection(parsePath(v.path), source.written) : undefined;
    return { ...located, ...(related ? { related } : {}), ...(section ? { section } : {}) };
  });
}

/**
 * The section of `path` the spec does not write at all: its shortest unwritten ancestor, or the path
 * itself when it is a whole section of `spec` (`spec.alerting`). Undefined when the path is written,
 * or when only its last field is left to its default.
 */
export function missingSection(
  path: readonly PathSegment[],
  written: (path: readonly PathSegment[]) => boolean,
): string | undefined {
  const depth = path.findIndex((_, i) => !written(path.slice(0, i + 1)));
  if (depth < 0 || (depth === path.length - 1 && !(depth === 1 && path[0] === "spec"))) return undefined;
  return formatPath(path.slice(0, depth + 1));
}
