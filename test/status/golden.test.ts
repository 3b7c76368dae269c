import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import type { PlannedResource } from "../../components/core/plan/types.js";
import { SHARED_MANIFEST, toKubeObject } from "../../components/render/kubernetes.js";
import { planExamples, STACKS } from "../support/project.js";

/** Golden status objects of the example services. Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/status/golden.test.ts`. */
const GOLDEN = join(__dirname, "golden");

describe.each(STACKS)("the status objects of the example services in %s", (stack) => {
  const { plan } = planExamples(stack);
  const golden = (region: string, name: string, objects: readonly PlannedResource[]) =>
    objects.length === 0
      ? []
      : [
          {
            path: join(GOLDEN, stack, region, `${name}.yaml`),
            text: objects.map((r) => `---\n${stringify(toKubeObject(r), { lineWidth: 0 })}`).join(""),
          },
        ];
  const shared = plan.shared?.resources ?? [];
  const files = [
    ...plan.services.flatMap((s) =>
      s.regions.flatMap((region) =>
        golden(
          region,
          s.service,
          s.resources.filter((r) => r.region === region && r.origin === "spec.status"),
        ),
      ),
    ),
    ...[...new Set(shared.map((r) => r.region))].flatMap((region) =>
      golden(
        region,
        SHARED_MANIFEST,
        shared.filter((r) => r.region === region),
      ),
    ),
  ];

  it("exist for the public services, and for the incident bridge where the stack runs one", () => {
    const names = [...new Set(files.map((f) => f.path.split("/").pop()))];
    expect(names).toEqual(stack === "prod" ? ["checkout.yaml", "_shared.yaml"] : ["checkout.yaml"]);
  });

  it("leave no golden file the plan no longer writes", () => {
    const dir = join(GOLDEN, stack);
    const stored = existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: "utf8" }) : [];
    expect(stored.filter((p) => p.endsWith(".yaml")).sort()).toEqual(
      files.map((f) => f.path.slice(dir.length + 1)).sort(),
    );
  });

  it.each(files.map((f) => [f.path.slice(GOLDEN.length + 1), f] as const))("match the golden file %s", (_name, f) => {
    if (process.env["UPDATE_GOLDEN"] === "1") {
      mkdirSync(dirname(f.path), { recursive: true });
      writeFileSync(f.path, f.text);
    }
    expect(existsSync(f.path), `${f.path} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(f.text).toBe(readFileSync(f.path, "utf8"));
  });
});
