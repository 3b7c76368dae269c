/**
 * A plan diff as GitHub-flavoured Markdown: the verdict and the risks first, then one block per
 * changed service. The blocks are separate so the pull-request comment can fit them to its limit.
 */

import { humanDuration } from "../../core/units.js";
import type { BudgetChange, DiffValue, FieldChange, PlanDiff, ResourceChange, ServiceDiff } from "./types.js";

/** Fields listed per resource before the rest are counted. */
export const FIELDS_PER_RESOURCE = 12;

/** Longest value shown in a table cell, characters. */
const CELL_MAX = 120;

const ACTION_ICON: Readonly<Record<ResourceChange["action"], string>> = {
  create: "➕ create",
  delete: "➖ delete",
  update: "✏️ update",
  replace: "♻️ replace",
};

/** The verdict line and the risks, as Markdown lines. */
export function diffHeadline(diff: PlanDiff): string[] {
  const t = diff.totals;
  const r = t.resources;
  const verdict =
    diff.verdict === "risky"
      ? `🛑 **Risky change**: ${diff.risks.length} risk${diff.risks.length === 1 ? "" : "s"} against \`${diff.base}\``
      : diff.verdict === "no-changes"
        ? `✅ **No changes** against \`${diff.base}\``
        : `✅ **No risky change** against \`${diff.base}\``;
  const lines = [
    verdict,
    "",
    `Services: ${t.services.changed} changed, ${t.services.added} added, ${t.services.removed} removed, ${t.services.unchanged} unchanged. ` +
      `Resources: ${r.create} to create, ${r.update} to update, ${r.replace} to replace, ${r.delete} to delete.`,
    "",
  ];
  if (diff.risks.length === 0) return lines;
  return [...lines, ...diff.risks.map((k) => `- 🛑 **${k.kind}**: ${cell(k.message)}`), ""];
}

/** One service's changes as a Markdown block. */
export function serviceBlock(s: ServiceDiff): string[] {
  const lines = [`#### ${s.service} (${s.status})`, ""];
  for (const v of s.values) lines.push(`- ${v.name}: ${v.before ?? "—"} → ${v.after ?? "—"}`);
  for (const b of s.budget) lines.push(`- ${budgetLine(b)}`);
  if (s.chaos.added.length > 0) lines.push(`- chaos experiments added: ${s.chaos.added.join(", ")}`);
  if (s.chaos.removed.length > 0) lines.push(`- chaos experiments removed: ${s.chaos.removed.join(", ")}`);
  for (const m of s.chaos.moved)
    lines.push(`- chaos experiment ${m.name} moved: ${m.before.join("; ")} → ${m.after.join("; ")}`);
  for (const a of s.alerts.added) lines.push(`- alert added: \`${a.alert}\` in ${a.regions.join(", ")}`);
  for (const a of s.alerts.removed) lines.push(`- alert removed: \`${a.alert}\` in ${a.regions.join(", ")}`);
  if (lines.length > 2) lines.push("");
  return [...lines, ...resourceTable(s.resources)];
}

/** A budget change as one line: objective and worst case before → after, with the verdicts. */
export function budgetLine(b: BudgetChange): string {
  const show = (x: BudgetChange["before"]) =>
    x ? `${humanDuration(x.worstMs)} / ${humanDuration(x.objectiveMs)} ${x.status}` : "—";
  const flag = b.newlyFails ? (b.enforced ? " 🛑 newly fails" : " ⚠️ newly fails (not enforced here)") : "";
  return `${b.measure.toUpperCase()} budget (worst case / objective): ${show(b.before)} → ${show(b.after)}${flag}`;
}

function resourceTable(resources: readonly ResourceChange[]): string[] {
  if (resources.length === 0) return [];
  const rows = resources.map((r) => {
    const flag = r.protected && (r.action === "replace" || r.action === "delete") ? " 🛑 protected" : "";
    return `| ${ACTION_ICON[r.action]}${flag} | \`${r.key}\` | ${cell(fieldsText(r))} |`;
  });
  return ["| action | resource | changes |", "| --- | --- | --- |", ...rows, ""];
}

function fieldsText(r: ResourceChange): string {
  const shown = r.fields.slice(0, FIELDS_PER_RESOURCE).map(fieldText);
  const more = r.fields.length - shown.length;
  const reason = r.reason ? [`**${r.reason}**`] : [];
  return [...reason, ...shown, ...(more > 0 ? [`… ${more} more`] : [])].join("<br>") || r.type;
}

/** A field change as `path: before → after`, long values cut. */
export function fieldText(f: FieldChange): string {
  const mark = f.replaces ? " (forces replacement)" : "";
  return `\`${f.path}\`: ${value(f.before)} → ${value(f.after)}${mark}`;
}

function value(v: DiffValue | undefined): string {
  if (v === undefined) return "∅";
  const text = JSON.stringify(v);
  return text.length > CELL_MAX ? `${text.slice(0, CELL_MAX - 1)}…` : text;
}

/** Escapes a table cell. */
export function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The whole diff as Markdown. */
export function renderDiffMarkdown(diff: PlanDiff): string {
  const lines = [
    `## Reliability diff — stack \`${diff.stack}\` (${diff.environment})`,
    "",
    ...diffHeadline(diff),
    ...diff.services.flatMap(serviceBlock),
  ];
  return `${lines.join("\n").trimEnd()}\n`;
}
