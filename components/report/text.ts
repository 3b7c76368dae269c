import { colors as pc } from "../render/colors.js";
import type { PlanDiff } from "./diff/types.js";
import { counts, verdict, where, type CheckReport } from "./types.js";

/**
 * The terminal report: one line per violation, `file:line:col level policy resource: message`,
 * then a summary line.
 */
export function renderText(report: CheckReport): string {
  const lines = report.violations.map((v) => {
    const level = v.level === "mandatory" ? pc.red("mandatory") : pc.yellow("advisory");
    return `${where(v)} ${level} ${pc.bold(v.policy)}${v.resource ? ` ${v.resource}` : ""}: ${v.message}\n  fix: ${v.fix}`;
  });
  const exempted = (report.exemptions ?? []).map(
    ({ exemption: e, violations }) =>
      `exempt until ${e.expires}: ${e.service} from ${e.rule} (owner ${e.owner}: ${e.reason}), ${violations.length} finding${violations.length === 1 ? "" : "s"} set aside`,
  );
  const c = counts(report);
  const summary = `${verdict(report) === "pass" ? pc.green("pass") : pc.red("fail")}: stack ${report.plan.stack} (${report.plan.environment}), ${report.plan.services.length} services, ${report.rules.length} policies, ${c.mandatory} mandatory, ${c.advisory} advisory`;
  return [...lines, ...exempted, summary].join("\n");
}

/**
 * The stable machine-readable report (`--format json`); with the change against a base
 * (`--base`), the {@link PlanDiff} under `diff`.
 */
export function renderJson(report: CheckReport, diff?: PlanDiff): string {
  const c = counts(report);
  return JSON.stringify(
    {
      stack: report.plan.stack,
      environment: report.plan.environment,
      verdict: verdict(report),
      counts: c,
      policies: report.rules.map((r) => ({ name: r.name, domain: r.domain, description: r.description })),
      violations: report.violations,
      exemptions: report.exemptions ?? [],
      ...(diff ? { diff } : {}),
    },
    null,
    2,
  );
}
