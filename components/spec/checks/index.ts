import type { CheckContext, SpecCheck, SpecIssue } from "./types.js";
import { workloadChecks } from "./workload.js";

/** Every cross-field check of the spec, by section. */
export const SPEC_CHECKS: readonly SpecCheck[] = [...workloadChecks];

/** Runs every cross-field check. */
export function runChecks(context: CheckContext): SpecIssue[] {
  return SPEC_CHECKS.flatMap((check) => check(context));
}

export type { CheckContext, SpecCheck, SpecIssue } from "./types.js";
