import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULE_TABLE_MARKERS, ruleTable } from "../../policies/docs.js";
import { RULES } from "../../policies/registry.js";
import { ROOT } from "../support/project.js";

const PAGE = join(ROOT, "docs/policies.md");

function generatedPart(text: string): string {
  const begin = text.indexOf(RULE_TABLE_MARKERS.begin);
  const end = text.indexOf(RULE_TABLE_MARKERS.end);
  return begin < 0 || end < 0 ? "" : text.slice(begin, end + RULE_TABLE_MARKERS.end.length);
}

describe("docs/policies.md", () => {
  it("holds the rule table exactly as the rules' metadata generates it", () => {
    const text = readFileSync(PAGE, "utf8");
    const table = ruleTable(RULES);
    if (process.env["UPDATE_GOLDEN"] === "1" && generatedPart(text) !== "")
      writeFileSync(PAGE, text.replace(generatedPart(text), table));
    expect(generatedPart(readFileSync(PAGE, "utf8"))).toBe(table);
  });

  it("lists every rule once, with an anchor, a level per environment and tier, and a fix", () => {
    const text = generatedPart(readFileSync(PAGE, "utf8"));
    for (const rule of RULES) {
      const rows = text.split("\n").filter((line) => line.startsWith(`| \`${rule.name}\` |`));
      expect(rows, rule.name).toHaveLength(1);
      const cells = rows[0]?.split(" | ") ?? [];
      expect(cells[2], `${rule.name} anchor`).toMatch(
        /kube-score|Polaris|AWSGuard|SRE workbook|SRE book|Istio|AWS|Kubernetes|chaos|Chaos|Route 53|Prometheus|Alertmanager|Pulumi|practice/,
      );
      expect(cells[3], `${rule.name} production levels`).toMatch(/^(\*\*M\*\*|A) \/ (\*\*M\*\*|A) \/ (\*\*M\*\*|A)$/);
      expect(cells[5]?.length ?? 0, `${rule.name} fix`).toBeGreaterThan(20);
    }
  });
});
