import type { CheckContext, SpecCheck, SpecIssue } from "../../core/spec/checks.js";
import { DOMAINS } from "../../domains/index.js";

/** Every cross-field check of the spec, domain by domain in registry order. */
export const SPEC_CHECKS: readonly SpecCheck[] = DOMAINS.flatMap((domain) => domain.checks);

/** Runs every cross-field check. */
export function runChecks(context: CheckContext): SpecIssue[] {
  return SPEC_CHECKS.flatMap((check) => check(context));
}

export type { CheckContext, SpecCheck, SpecIssue } from "../../core/spec/checks.js";
