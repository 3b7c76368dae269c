import type { Plan } from "../core/plan/types.js";
import type { ExemptionInForce } from "../core/policy/severity.js";
import type { Rule, Violation } from "../core/policy/types.js";

/** Everything a check report renders: the plan that was checked, the rules that ran and what they found. */
export interface CheckReport {
  /**
   * The checked plan. Reports read each service's analysis and, of its resources, only those
   * `readByReport` accepts, so a plan holding just those renders the same report.
   */
  readonly plan: Plan;
  /** The rules that ran. */
  readonly rules: readonly Rule[];
  /** Every violation, located in the spec files where possible. */
  readonly violations: readonly Violation[];
  /** The stack's exemptions in force and the findings each sets aside. */
  readonly exemptions?: readonly ExemptionInForce[];
}

/** `fail` when any violation is mandatory. */
export function verdict(report: CheckReport): "pass" | "fail" {
  return report.violations.some((v) => v.level === "mandatory") ? "fail" : "pass";
}

/** Counts of violations by level. */
export function counts(report: CheckReport): { readonly mandatory: number; readonly advisory: number } {
  const mandatory = report.violations.filter((v) => v.level === "mandatory").length;
  return { mandatory, advisory: report.violations.length - mandatory };
}

/** `file:line:col` of a violation, or the file alone, or the service. */
export function where(v: Pick<Violation, "file" | "line" | "col" | "service">): string {
  if (v.file && v.line !== undefined) return `${v.file}:${v.line}:${v.col ?? 1}`;
  return v.file || v.service || "stack";
}
