/**
 * The rule table of `docs/policies.md`, generated from the rules' own metadata (name, anchor,
 * enforcement, fix) and the severity model, so the page and the code cannot disagree.
 */

import { DEFAULT_ENFORCEMENT, SEVERITY_MODEL, type PolicyLevel } from "../components/core/policy/severity.js";
import type { Rule } from "../components/core/policy/types.js";

/** Markers around the generated table in `docs/policies.md`. */
export const RULE_TABLE_MARKERS = {
  begin: "<!-- rule-table:begin (generated from the rules; see test/policies/docs.test.ts) -->",
  end: "<!-- rule-table:end -->",
} as const;

const SHORT: Readonly<Record<PolicyLevel, string>> = { mandatory: "**M**", advisory: "A", disabled: "—" };

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The levels of a rule as `critical / standard / best-effort` in production, then elsewhere. */
function levels(rule: Rule): string[] {
  const model = SEVERITY_MODEL[rule.enforcement ?? DEFAULT_ENFORCEMENT];
  return (["production", "other"] as const).map((env) =>
    (["critical", "standard", "best-effort"] as const).map((tier) => SHORT[model[env][tier]]).join(" / "),
  );
}

/** The Markdown table of every rule: anchor and rationale, level per environment and tier, fix. */
export function ruleTable(rules: readonly Rule[]): string {
  const rows = rules.map((r) => {
    const [production, other] = levels(r);
    return `| \`${r.name}\` | ${r.domain} | ${cell(r.anchor)} | ${production} | ${other} | ${cell(r.fix)} |`;
  });
  return [
    RULE_TABLE_MARKERS.begin,
    "",
    "| rule | domain | anchor and rationale | production (critical / standard / best-effort) | other environments | fix |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    RULE_TABLE_MARKERS.end,
  ].join("\n");
}
