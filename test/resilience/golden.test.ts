import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { toKubeObject } from "../../components/render/kubernetes.js";
import { planStack } from "../../components/pipeline.js";
import { loadStackConfig } from "../../components/spec/stack.js";
import { ROOT } from "../support/project.js";

/**
 * Golden mesh objects of the example services for each mesh: Istio (the prod stack), Linkerd and
 * Gateway API (test stacks). Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/resilience/golden.test.ts`.
 */
const GOLDEN = join(__dirname, "golden");

const MESHES = [
  ["istio", join(ROOT, "stacks"), "prod"],
  ["linkerd", join(ROOT, "test/fixtures/stacks"), "prod-linkerd"],
  ["gateway-api", join(ROOT, "test/fixtures/stacks"), "prod-gateway-api"],
] as const;

describe.each(MESHES)("the %s objects of the example services", (mesh, dir, stack) => {
  const { plan } = planStack(loadStackConfig(dir, stack), "services/*.yaml", ROOT);
  const objects = plan.services.flatMap((s) => s.resources.filter((r) => r.origin.startsWith("spec.dependencies")));
  const text = objects.map((r) => `--- # ${r.key}\n${stringify(toKubeObject(r), { lineWidth: 0 })}`).join("");
  const path = join(GOLDEN, `${mesh}.yaml`);

  it("configure every call to a service of the stack in every region both ends run in, and with Istio every call out of the stack in every region of the caller", () => {
    const calls = plan.services.flatMap((s) =>
      (s.analysis.resilience?.calls ?? []).flatMap((c) => {
        const regions = c.callee
          ? s.regions.filter((r) => c.callee?.regions.includes(r))
          : mesh === "istio"
            ? s.regions
            : [];
        return regions.map((r) => `${s.service}/${r}/${c.name}`);
      }),
    );
    const configured = new Set(
      objects.map((r) =>
        r.key
          .split("/")
          .filter((_, i) => i !== 2)
          .join("/"),
      ),
    );
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect([...configured].sort()).toEqual([...calls].sort());
  });

  it("match the golden file", () => {
    if (process.env["UPDATE_GOLDEN"] === "1") {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    expect(existsSync(path), `${path} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(text).toBe(readFileSync(path, "utf8"));
  });
});
