import type { CheckContext, SpecCheck, SpecIssue } from "./types.js";
import { alertChecks } from "./alerts.js";
import { awsChecks } from "./aws.js";
import { chaosChecks } from "./chaos.js";
import { databaseChecks } from "./database.js";
import { workloadChecks } from "./workload.js";

/** Every cross-field check of the spec, by section. */
export const SPEC_CHECKS: readonly SpecCheck[] = [...workloadChecks, ...databaseChecks, ...awsChecks, ...chaosChecks, ...alertChecks];

/** Runs every cross-field check. */
export function runChecks(context: CheckContext): SpecIssue[] {
  return SPEC_CHECKS.flatMap((check) => check(context));
}

export type { CheckContext, SpecCheck, SpecIssue } from "./types.js";
