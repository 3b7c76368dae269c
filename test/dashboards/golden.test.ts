import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planExamples } from "../support/project.js";
import { dashboardMaps } from "./support.js";

/** Golden dashboard of checkout in prod. Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/dashboards/golden.test.ts`. */
const GOLDEN = join(__dirname, "golden", "checkout.prod.json");

describe("checkout's SLO dashboard in prod", () => {
  const maps = dashboardMaps(planExamples("prod").plan).filter((m) => m.service === "checkout");
  const texts = maps.map((m) => Object.values((m.props as { data: Record<string, string> }).data)[0] ?? "");

  it("is the same in every region", () => {
    expect(maps.map((m) => m.region)).toEqual(["us-east-1", "eu-west-1"]);
    expect(new Set(texts).size).toBe(1);
  });

  it("matches the golden file", () => {
    if (process.env["UPDATE_GOLDEN"] === "1") {
      mkdirSync(join(__dirname, "golden"), { recursive: true });
      writeFileSync(GOLDEN, texts[0] ?? "");
    }
    expect(existsSync(GOLDEN), `${GOLDEN} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(texts[0]).toBe(readFileSync(GOLDEN, "utf8"));
  });
});
