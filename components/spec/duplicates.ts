import { quote, type Diagnostic, type SourcePosition } from "../core/spec/errors.js";

/** A service's name and where it is written; the position is found only when it is reported. */
export interface NamedSpec {
  /** `metadata.name`. */
  readonly name: string;
  /** The spec file. */
  readonly file: string;
  /** Position of `metadata.name` in the file. */
  readonly nameAt: () => SourcePosition;
}

/** A diagnostic for every service whose name an earlier file already uses, at its `metadata.name`. */
export function duplicateNames(specs: readonly NamedSpec[]): Diagnostic[] {
  const first = new Map<string, NamedSpec>();
  const out: Diagnostic[] = [];
  for (const spec of specs) {
    const earlier = first.get(spec.name);
    if (!earlier) {
      first.set(spec.name, spec);
      continue;
    }
    out.push({
      file: spec.file,
      position: spec.nameAt(),
      path: "metadata.name",
      message: `must be unique across services, got ${quote(spec.name)}, already used by ${earlier.file}:${earlier.nameAt().line}`,
    });
  }
  return out;
}
