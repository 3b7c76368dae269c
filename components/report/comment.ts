/**
 * The pull-request comment: the verdict and what the change does first, then the details of the
 * services that fail or that the change touches (failing first), passing unchanged services as
 * totals, and never more than GitHub accepts in one comment.
 * @see https://docs.github.com/en/rest/issues/comments#create-an-issue-comment
 */

import { DOMAINS } from "../domains/index.js";
import type { Violation } from "../core/policy/types.js";
import { cell, diffHeadline, serviceBlock } from "./diff/markdown.js";
import type { PlanDiff, ServiceDiff } from "./diff/types.js";
import { commentMarker } from "./markdown.js";
import { counts, verdict, where, type CheckReport } from "./types.js";

/** Longest comment body GitHub accepts, characters. */
export const COMMENT_LIMIT = 65_536;

/** Risks listed in the headline before the rest are counted. */
const RISKS_SHOWN = 50;

/** Where the full report is when the comment is cut. */
export const FULL_REPORT_HINT = "full report in the job summary/artifact";

/** Options of {@link renderComment}. */
export interface CommentOptions {
  /** Character limit of the body. @default COMMENT_LIMIT */
  readonly limit?: number;
}

/**
 * The comment for a check report and, when a base was given, the diff against it: leads with the
 * verdict and the change, then one block per failing or changed service (mandatory violations
 * first), then totals of the rest; cut to `limit` with a line naming how many services were left out.
 */
export function renderComment(report: CheckReport, diff: PlanDiff | undefined, options: CommentOptions = {}): string {
  const limit = options.limit ?? COMMENT_LIMIT;
  const detailed = detailedServices(report, diff);
  const head = headLines(report, diff, detailed.length);
  const blocks = detailed.map((name) => serviceSection(name, report, diff));
  const tail = collapsedTotals(report, detailed);
  return fit(head, blocks, tail, limit);
}

/** Services shown in full: with a mandatory violation, then touched by the change, then with an advisory one. */
function detailedServices(report: CheckReport, diff: PlanDiff | undefined): string[] {
  const rank = (name: string): number => {
    const own = report.violations.filter((v) => v.service === name);
    if (own.some((v) => v.level === "mandatory")) return 0;
    if (diff?.risks.some((r) => r.service === name)) return 1;
    if (diff?.services.some((s) => s.service === name)) return 2;
    return own.length > 0 ? 3 : 4;
  };
  const names = [
    ...report.plan.services.map((s) => s.service),
    ...(diff?.services.filter((s) => s.status === "removed").map((s) => s.service) ?? []),
  ];
  return names
    .map((name, i) => ({ name, i, rank: rank(name) }))
    .filter((x) => x.rank < 4)
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.name);
}

function headLines(report: CheckReport, diff: PlanDiff | undefined, detailed: number): string[] {
  const { plan } = report;
  const c = counts(report);
  const pass = verdict(report) === "pass" && diff?.verdict !== "risky";
  const stackWide = report.violations.filter((v) => !v.service);
  const risks = diff ? diffHeadline({ ...diff, risks: diff.risks.slice(0, RISKS_SHOWN) }) : [];
  const more = diff && diff.risks.length > RISKS_SHOWN ? [`… ${diff.risks.length - RISKS_SHOWN} more risks`, ""] : [];
  return [
    commentMarker(plan.stack),
    `## ${pass ? "✅" : "❌"} Reliability check — stack \`${plan.stack}\` (${plan.environment})`,
    "",
    ...risks,
    ...more,
    `**${verdict(report) === "pass" ? "Pass" : "Fail"}**: ${c.mandatory} mandatory and ${c.advisory} advisory violation${c.advisory === 1 ? "" : "s"} across ${plan.services.length} service${plan.services.length === 1 ? "" : "s"} (${report.rules.length} policies); ${detailed} shown below.`,
    "",
    ...(stackWide.length > 0 ? ["### Stack", "", ...violationRows(stackWide), ""] : []),
  ];
}

function serviceSection(name: string, report: CheckReport, diff: PlanDiff | undefined): string[] {
  const own = report.violations.filter((v) => v.service === name);
  const mandatory = own.some((v) => v.level === "mandatory");
  const change: ServiceDiff | undefined = diff?.services.find((s) => s.service === name);
  const tier = report.plan.services.find((s) => s.service === name)?.tier;
  const lines = [`### ${mandatory ? "❌" : own.length > 0 ? "⚠️" : "✅"} ${name}${tier ? ` (${tier})` : ""}`, ""];
  if (own.length > 0) lines.push(...violationRows(own), "");
  lines.push(...sectionRows(name, report));
  if (change) lines.push(...serviceBlock(change).slice(2));
  return lines;
}

function violationRows(violations: readonly Violation[]): string[] {
  const rows = [...violations]
    .sort((a, b) => (a.level === b.level ? 0 : a.level === "mandatory" ? -1 : 1))
    .map(
      (v) =>
        `| ${v.level === "mandatory" ? "🛑 mandatory" : "⚠️ advisory"} | \`${v.policy}\` | ${v.resource ? `\`${v.resource}\`` : "—"} | ${cell(v.message)} | \`${where(v)}\` |`,
    );
  return ["| level | policy | resource | message | spec |", "| --- | --- | --- | --- | --- |", ...rows];
}

/** The domains' report sections (the recovery budget), restricted to one service's rows (a row starts with its service). */
function sectionRows(name: string, report: CheckReport): string[] {
  return DOMAINS.flatMap((d) => d.reportSections ?? []).flatMap((section) => {
    const rows = section.rows(report.plan).filter((r) => r[0] === name);
    if (rows.length === 0) return [];
    return [
      `**${section.title}**`,
      "",
      `| ${section.head.join(" | ")} |`,
      `| ${section.head.map(() => "---").join(" | ")} |`,
      ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
      "",
    ];
  });
}

function collapsedTotals(report: CheckReport, detailed: readonly string[]): string[] {
  const rest =
    report.plan.services.length - detailed.filter((n) => report.plan.services.some((s) => s.service === n)).length;
  if (rest <= 0) return [];
  return [`${rest} other service${rest === 1 ? "" : "s"} pass every policy and are unchanged.`, ""];
}

/** Joins head, blocks and tail, leaving out the blocks that do not fit and saying so. */
function fit(head: readonly string[], blocks: readonly string[][], tail: readonly string[], limit: number): string {
  const join = (lines: readonly string[]) => `${lines.join("\n")}\n`;
  let body = join(head);
  const end = join(tail);
  const note = (n: number) => `\n**truncated: ${n} more service${n === 1 ? "" : "s"}, ${FULL_REPORT_HINT}.**\n`;
  const reserve = note(blocks.length).length + end.length;
  if (body.length + reserve > limit) body = `${body.slice(0, Math.max(0, limit - reserve - 2))}…\n`;
  let shown = 0;
  for (const block of blocks) {
    const text = join(block);
    if (body.length + text.length + reserve > limit) break;
    body += text;
    shown++;
  }
  const left = blocks.length - shown;
  return `${(body + (left > 0 ? note(left) : "") + end).trimEnd()}\n`;
}
