/**
 * A plan diff as terminal text and as stable JSON.
 */

import { budgetLine } from "./markdown.js";
import type { DiffValue, FieldChange, PlanDiff, ResourceChange, ServiceDiff } from "./types.js";

const ACTION_MARK: Readonly<Record<ResourceChange["action"], string>> = {
  create: "+",
  delete: "-",
  update: "~",
  replace: "±",
};

/** The diff for a terminal: verdict, risks, then each changed service. */
export function renderDiffText(diff: PlanDiff): string {
  const t = diff.totals;
  const verdict =
    diff.verdict === "risky" ? "RISKY CHANGE" : diff.verdict === "no-changes" ? "no changes" : "no risky change";
  const lines = [
    `Stack ${diff.stack} (${diff.environment}) against ${diff.base}: ${verdict}`,
    `services: ${t.services.changed} changed, ${t.services.added} added, ${t.services.removed} removed, ${t.services.unchanged} unchanged; ` +
      `resources: ${t.resources.create} create, ${t.resources.update} update, ${t.resources.replace} replace, ${t.resources.delete} delete`,
    ...diff.risks.map((r) => `RISK ${r.kind}: ${r.message}`),
    ...diff.services.flatMap(serviceText),
  ];
  return `${lines.join("\n")}\n`;
}

function serviceText(s: ServiceDiff): string[] {
  const lines = ["", `${s.service} (${s.status})`];
  for (const v of s.values) lines.push(`  ${v.name}: ${v.before ?? "—"} → ${v.after ?? "—"}`);
  for (const b of s.budget) lines.push(`  ${budgetLine(b).replace(/ 🛑| ⚠️/g, "")}`);
  for (const n of s.chaos.added) lines.push(`  chaos + ${n}`);
  for (const n of s.chaos.removed) lines.push(`  chaos - ${n}`);
  for (const m of s.chaos.moved) lines.push(`  chaos ~ ${m.name}: ${m.before.join("; ")} → ${m.after.join("; ")}`);
  for (const a of s.alerts.added) lines.push(`  alert + ${a.alert} (${a.regions.join(", ")})`);
  for (const a of s.alerts.removed) lines.push(`  alert - ${a.alert} (${a.regions.join(", ")})`);
  for (const r of s.resources) lines.push(...resourceText(r));
  return lines;
}

function resourceText(r: ResourceChange): string[] {
  const flag = r.protected && (r.action === "replace" || r.action === "delete") ? " [protected]" : "";
  const head = `  ${ACTION_MARK[r.action]} ${r.key} (${r.type}) ${r.action}${flag}${r.reason ? `: ${r.reason}` : ""}`;
  return [head, ...r.fields.map((f) => `      ${fieldLine(f)}`)];
}

function fieldLine(f: FieldChange): string {
  return `${f.path}: ${shown(f.before)} → ${shown(f.after)}${f.replaces ? " (forces replacement)" : ""}`;
}

function shown(v: DiffValue | undefined): string {
  return v === undefined ? "∅" : JSON.stringify(v);
}

/** The diff as stable JSON (the {@link PlanDiff} shape). */
export function renderDiffJson(diff: PlanDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}
