import type { CheckContext, SpecCheck, SpecIssue } from "../../core/spec/checks.js";
import { alertChecks } from "../../domains/alerts/checks.js";
import { awsChecks } from "../../domains/aws-limits/checks.js";
import { chaosChecks } from "../../domains/chaos/checks.js";
import { databaseChecks } from "../../domains/database/checks.js";
import { workloadChecks } from "../../domains/workload/checks.js";

/** Every cross-field check of the spec, by section. */
export const SPEC_CHECKS: readonly SpecCheck[] = [...workloadChecks, ...databaseChecks, ...awsChecks, ...chaosChecks, ...alertChecks];

/** Runs every cross-field check. */
export function runChecks(context: CheckContext): SpecIssue[] {
  return SPEC_CHECKS.flatMap((check) => check(context));
}

export type { CheckContext, SpecCheck, SpecIssue } from "../../core/spec/checks.js";
