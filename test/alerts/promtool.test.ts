import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { declaredSlos } from "../../components/domains/alerts/slo.js";
import { planExamples, STACKS } from "../support/project.js";
import { plannedRules, promtool, writeRulesFile } from "./support/promtool.js";
import { tempDir } from "../support/temp.js";
import { serviceScenarios } from "./support/scenarios.js";

describe.each(STACKS)("the rules planned for the %s stack", (stack) => {
  const { plan, services } = planExamples(stack);
  const rules = plannedRules(plan);

  it("exist for every service and region", () => {
    expect([...new Set(rules.map((r) => `${r.service}/${r.region}`))].sort()).toEqual(
      plan.services.flatMap((s) => s.regions.map((r) => `${s.service}/${r}`)).sort(),
    );
  });

  it.each(rules.map((r) => [`${r.service} in ${r.region}`, r] as const))(
    "pass promtool check rules for %s",
    async (_name, r) => {
      const dir = tempDir("rules");
      const result = await promtool(["check", "rules", writeRulesFile(dir, `${r.service}-${r.region}`, r.groups)]);
      expect(result.output).toContain("SUCCESS");
      expect(result.status).toBe(0);
    },
  );

  const withSlos = services.filter((s) => declaredSlos(s).length > 0);
  it.each(withSlos.map((s) => [s.name, s] as const))(
    "pass the generated promtool test rules scenarios for %s",
    async (_name, service) => {
      const r = rules.find((x) => x.service === service.name && x.region === service.regions[0]);
      if (!r) throw new Error(`no rules for ${service.name}`);
      const dir = tempDir("scenarios");
      const rulesFile = writeRulesFile(dir, service.name, r.groups);
      const tests = serviceScenarios(service, declaredSlos(service), r.groups);
      const testFile = join(dir, `${service.name}.test.yaml`);
      writeFileSync(
        testFile,
        stringify({ rule_files: [rulesFile], evaluation_interval: "1m", tests }, { lineWidth: 0 }),
      );
      const result = await promtool(["test", "rules", testFile], 300_000);
      expect(result.output).toContain("SUCCESS");
      expect(result.status).toBe(0);
    },
    300_000,
  );
});
