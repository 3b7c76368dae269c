import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { SCHEDULE_TYPE } from "../../components/domains/chaos/resources.js";
import { budgetGateQuery } from "../../components/domains/chaos/workflow.js";
import { toKubeObject } from "../../components/render/kubernetes.js";
import { planExamples } from "../support/project.js";

/** Golden files of the generated Chaos Mesh YAML and PromQL; `UPDATE_GOLDEN=1` rewrites them. */
const GOLDEN = join(__dirname, "golden");

function golden(name: string, text: string): void {
  const file = join(GOLDEN, name);
  if (process.env["UPDATE_GOLDEN"] === "1") writeFileSync(file, text);
  expect(existsSync(file), `${file} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
  expect(text).toBe(readFileSync(file, "utf8"));
}

describe("golden chaos output", () => {
  it("renders checkout's prod Schedules in eu-west-1 as the golden YAML", () => {
    const checkout = planExamples("prod").plan.services.find((s) => s.service === "checkout");
    const objects = (checkout?.resources ?? [])
      .filter((r) => r.type === SCHEDULE_TYPE && r.region === "eu-west-1")
      .map(toKubeObject);
    golden("checkout.prod.eu-west-1.schedules.yaml", objects.map((o) => stringify(o, { lineWidth: 0 })).join("---\n"));
  });

  it("renders the budget gate query as the golden PromQL", () => {
    golden("budget-gate.promql", `${budgetGateQuery("checkout")}\n`);
  });
});
