import type { PathSegment } from "./positions.js";
import type { ResolvedService } from "./service.js";
import type { ServiceInput } from "./service.js";
import type { StackConfig } from "../stack/config.js";

/** A problem found by a cross-field check, before positions are attached. */
export interface SpecIssue {
  /** Path of the field at fault, in the merged document (`["spec", "workload", "replicas"]`). */
  readonly path: readonly PathSegment[];
  /** "must ..." sentence naming the bad value and what is allowed. */
  readonly message: string;
  /** Paths of the other fields the problem involves: a contradiction names both sides. */
  readonly related?: readonly (readonly PathSegment[])[];
}

/** What a cross-field check sees. */
export interface CheckContext {
  /** The service with defaults applied. */
  readonly service: ResolvedService;
  /** The merged spec as written (to tell declared values from defaults). */
  readonly input: ServiceInput;
  /** The stack, when validating against one. */
  readonly stack?: StackConfig;
}

/** A cross-field rule of the spec (one that a per-field schema cannot express). */
export type SpecCheck = (context: CheckContext) => readonly SpecIssue[];
