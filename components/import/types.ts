/**
 * What an importer returns: the spec of each service it found, the comments the written spec
 * carries (TODOs for what the source does not say), and what had no equivalent.
 */

import type { PathSegment } from "../core/spec/positions.js";

/** A comment on a field of the written spec. */
export interface SpecComment {
  /** The field, as a path into the spec. */
  readonly path: readonly PathSegment[];
  /** The comment's text (one line). */
  readonly text: string;
}

/** One service converted from another tool's format. */
export interface ImportedService {
  /** The service's name (`metadata.name`). */
  readonly name: string;
  /** The spec as a plain object, ready to write as YAML. */
  readonly spec: Record<string, unknown>;
  /** Comments the written spec carries on its fields. */
  readonly comments: readonly SpecComment[];
}

/** Something of the source the spec cannot say, reported on stderr. */
export interface ImportWarning {
  /** Where it is: `file:line:col`. */
  readonly at: string;
  /** What was left out or changed, and why. */
  readonly message: string;
}

/** The result of importing one file. */
export interface ImportResult {
  /** The services found, in the order of the file. */
  readonly services: readonly ImportedService[];
  /** What had no equivalent. */
  readonly warnings: readonly ImportWarning[];
}
