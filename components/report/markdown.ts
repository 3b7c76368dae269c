/**
 * The pull-request comment: a verdict line, the violations table, each domain's sections (the
 * RTO/RPO budget table) and
 * a Mermaid diagram per service of its regions, DNS failover and database replication.
 * @see https://docs.github.com/en/get-started/writing-on-github/working-with-advanced-formatting/creating-diagrams
 */

import type { ReportSection } from "../core/module.js";
import { DOMAINS } from "../domains/index.js";
import { serviceDiagram } from "./mermaid.js";
import { counts, verdict, where, type CheckReport } from "./types.js";

/** Marker the workflow uses to find and update its own comment, one per stack. */
export function commentMarker(stack: string): string {
  return `<!-- reliability-check stack=${stack} -->`;
}

/** Renders a check report as GitHub-flavoured Markdown. */
export function renderMarkdown(report: CheckReport): string {
  const { plan } = report;
  const c = counts(report);
  const icon = verdict(report) === "pass" ? "✅" : "❌";
  const lines = [
    commentMarker(plan.stack),
    `## ${icon} Reliability check — stack \`${plan.stack}\` (${plan.environment})`,
    "",
    `**${verdict(report) === "pass" ? "Pass" : "Fail"}**: ${c.mandatory} mandatory and ${c.advisory} advisory violation${c.advisory === 1 ? "" : "s"} across ${plan.services.length} service${plan.services.length === 1 ? "" : "s"} (${report.rules.length} policies).`,
    "",
    ...violationsTable(report),
    ...DOMAINS.flatMap((domain) => domain.reportSections ?? []).flatMap((section) => sectionTable(section, report)),
    "### Topology",
    "",
    ...plan.services.flatMap((s) => [`#### ${s.service} (${s.tier})`, "", "```mermaid", serviceDiagram(s), "```", ""]),
  ];
  return `${lines.join("\n").trimEnd()}\n`;
}

function violationsTable(report: CheckReport): string[] {
  if (report.violations.length === 0) return ["No violations.", ""];
  const rows = [...report.violations]
    .sort((a, b) => (a.level === b.level ? 0 : a.level === "mandatory" ? -1 : 1))
    .map(
      (v) =>
        `| ${v.level === "mandatory" ? "🛑 mandatory" : "⚠️ advisory"} | \`${v.policy}\` | ${v.resource ? `\`${v.resource}\`` : v.service || "stack"} | ${cell(v.message)} | \`${where(v)}\` |`,
    );
  return [
    "### Violations",
    "",
    "| level | policy | resource | message | spec |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
  ];
}

function sectionTable(section: ReportSection, report: CheckReport): string[] {
  const rows = section.rows(report.plan);
  if (rows.length === 0) return [];
  return [
    `### ${section.title}`,
    "",
    `| ${section.head.join(" | ")} |`,
    `| ${section.head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
    "",
  ];
}

/** Escapes a table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
