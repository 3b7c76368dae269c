/**
 * The Markdown report: a verdict line, one row per finding (its regions listed, how to fix it), the
 * exemptions in force, each domain's sections (the RTO/RPO budget table), the passing services
 * collapsed, and a Mermaid diagram of regions, DNS and database replication for each service with findings.
 * @see https://docs.github.com/en/get-started/writing-on-github/working-with-advanced-formatting/creating-diagrams
 */

import type { ReportSection } from "../core/module.js";
import { DOMAINS } from "../domains/index.js";
import { findingRows, type FindingRow } from "./findings.js";
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
    ...exemptionsTable(report),
    ...DOMAINS.flatMap((domain) => domain.reportSections ?? []).flatMap((section) => sectionTable(section, report)),
    ...passing(report),
    ...topology(report),
  ];
  return `${lines.join("\n").trimEnd()}\n`;
}

/** Services with no finding, collapsed into one line. */
function passing(report: CheckReport): string[] {
  const failing = new Set(report.violations.map((v) => v.service));
  const names = report.plan.services.map((s) => s.service).filter((name) => !failing.has(name));
  if (names.length === 0) return [];
  const label = `${names.length} service${names.length === 1 ? "" : "s"} with no finding`;
  return [
    "<details>",
    `<summary>${label}</summary>`,
    "",
    names.map((n) => `\`${n}\``).join(", "),
    "",
    "</details>",
    "",
  ];
}

/** A diagram for each service with findings. */
function topology(report: CheckReport): string[] {
  const failing = new Set(report.violations.map((v) => v.service));
  const shown = report.plan.services.filter((s) => failing.has(s.service));
  if (shown.length === 0) return [];
  return [
    "### Topology",
    "",
    ...shown.flatMap((s) => [`#### ${s.service} (${s.tier})`, "", "```mermaid", serviceDiagram(s), "```", ""]),
  ];
}

function exemptionsTable(report: CheckReport): string[] {
  const exemptions = report.exemptions ?? [];
  if (exemptions.length === 0) return [];
  return [
    "### Exemptions in force",
    "",
    "| service | policy | owner | reason | expires | findings set aside |",
    "| --- | --- | --- | --- | --- | --- |",
    ...exemptions.map(
      ({ exemption: e, violations }) =>
        `| ${e.service} | \`${e.rule}\` | ${cell(e.owner)} | ${cell(e.reason)} | ${e.expires} | ${violations.length} |`,
    ),
    "",
  ];
}

function violationsTable(report: CheckReport): string[] {
  if (report.violations.length === 0) return ["No violations.", ""];
  const regions = [...new Set(report.plan.services.flatMap((s) => s.regions))];
  const sorted = [...report.violations].sort((a, b) => (a.level === b.level ? 0 : a.level === "mandatory" ? -1 : 1));
  return [
    "### Violations",
    "",
    "| level | policy | service | regions | message | fix | spec |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...findingRows(sorted, regions).map(findingRow),
    "",
  ];
}

/** One row of the violations table; a missing section lists every rule that needs it, with their messages and fixes. */
function findingRow(row: FindingRow): string {
  const v = row.violation;
  const distinct = (texts: readonly string[]) => [...new Set(texts)];
  const policies = distinct(row.findings.map((f) => f.policy));
  const message =
    row.section === undefined
      ? v.message
      : `\`${row.section}\` is not written, and ${policies.length} polic${policies.length === 1 ? "y needs" : "ies need"} it: ${distinct(row.findings.map((f) => f.message)).join(" · ")}`;
  const fix = distinct(row.findings.map((f) => f.fix)).join(" · ");
  const level = v.level === "mandatory" ? "🛑 mandatory" : "⚠️ advisory";
  return `| ${level} | ${policies.map((p) => `\`${p}\``).join(", ")} | ${v.service || "stack"} | ${row.regions.join(", ") || "—"} | ${cell(message)} | ${cell(fix)} | \`${where(v)}\` |`;
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
