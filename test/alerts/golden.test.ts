import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { ALERTMANAGER_CONFIG_TYPE, PROMETHEUS_RULE_TYPE } from "../../components/domains/alerts/plan.js";
import { toKubeObject } from "../../components/render/kubernetes.js";
import { planExamples } from "../support/project.js";

/** Golden alerting objects of the example services in prod. Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/alerts/golden.test.ts`. */
const GOLDEN = join(__dirname, "golden");

describe("the alerting objects of the example services in prod", () => {
  const { plan } = planExamples("prod");
  const files = plan.services.flatMap((s) =>
    s.regions.map((region) => ({
      path: join(GOLDEN, "prod", region, `${s.service}.yaml`),
      text: s.resources
        .filter((r) => r.region === region && (r.type === PROMETHEUS_RULE_TYPE || r.type === ALERTMANAGER_CONFIG_TYPE))
        .map((r) => `---\n${stringify(toKubeObject(r), { lineWidth: 0 })}`)
        .join(""),
    })),
  );

  it.each(files.map((f) => [f.path.slice(GOLDEN.length + 1), f] as const))("match the golden file %s", (_name, f) => {
    if (process.env.UPDATE_GOLDEN === "1") {
      mkdirSync(dirname(f.path), { recursive: true });
      writeFileSync(f.path, f.text);
    }
    expect(existsSync(f.path), `${f.path} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(f.text).toBe(readFileSync(f.path, "utf8"));
  });
});
