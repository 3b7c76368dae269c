import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Plan } from "../../components/core/plan/types.js";
import { loadSpecFiles } from "../../components/spec/load.js";
import { loadStackConfig } from "../../components/spec/stack.js";
import { expandServices } from "../../components/pipeline.js";
import { ROOT, STACKS } from "../support/project.js";
import { run, tempProject } from "./harness.js";

let project: { dir: string; remove: () => void };
beforeEach(() => {
  project = tempProject();
});
afterEach(() => project.remove());

/** Every file under a folder, relative, sorted. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (
    readdirSync(dir, { recursive: true, withFileTypes: true }) as {
      name: string;
      parentPath: string;
      isFile(): boolean;
    }[]
  )
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/** `kubernetes/<region>/<service>.yaml` for every example service in every region it runs in for the stack. */
function expectedManifests(stack: string): string[] {
  const config = loadStackConfig(join(project.dir, "stacks"), stack);
  const files = expandServices("services/*.yaml", project.dir);
  const { services, diagnostics } = loadSpecFiles(files, config, project.dir);
  expect(diagnostics).toEqual([]);
  expect(services.length).toBe(files.length);
  return services.flatMap((s) => s.regions.map((region) => `kubernetes/${region}/${s.name}.yaml`)).sort();
}

describe("reliability plan", () => {
  it.each(STACKS.map((s) => [s]))(
    "writes a manifest per example service and region, aws files only for AWS resources, and plan.json for %s",
    async (stack) => {
      const result = await run(project.dir, "plan", "--stack", stack, "--out", "out/x");
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const out = join(project.dir, "out/x");
      const plan = JSON.parse(readFileSync(join(out, "plan.json"), "utf8")) as Plan;
      expect(plan.stack).toBe(stack);
      const aws = plan.services
        .filter((s) => s.resources.some((r) => r.provider === "aws"))
        .map((s) => `aws/${s.service}.json`);
      const shared = [...new Set(plan.shared?.resources.map((r) => `kubernetes/${r.region}/_shared.yaml`))];
      expect(filesUnder(out)).toEqual([...aws, ...expectedManifests(stack), ...shared, "plan.json"].sort());
      for (const service of plan.services) expect(result.stdout).toContain(service.service);
      expect(result.stdout).toContain("Wrote");
    },
  );

  it.each(STACKS.map((s) => [s]))(
    "gives every Deployment of a service of the %s stack all three probes and a PodDisruptionBudget",
    async (stack) => {
      expect((await run(project.dir, "plan", "--stack", stack, "--out", "out/x")).code).toBe(0);
      const manifests = filesUnder(join(project.dir, "out/x")).filter(
        (f) => f.startsWith("kubernetes/") && !f.endsWith("/_shared.yaml"),
      );
      expect(manifests.length).toBeGreaterThan(0);
      for (const file of manifests) {
        const objects = parseAllDocuments(readFileSync(join(project.dir, "out/x", file), "utf8")).map(
          (d) =>
            d.toJS() as {
              kind: string;
              metadata: { labels?: Record<string, string> };
              spec: { template?: { spec: { containers: Record<string, unknown>[] } } };
            },
        );
        const deployments = objects.filter((o) => o.kind === "Deployment");
        expect(deployments, file).toHaveLength(1);
        expect(
          objects.filter((o) => o.kind === "PodDisruptionBudget"),
          file,
        ).toHaveLength(1);
        for (const container of deployments[0]?.spec.template?.spec.containers ?? []) {
          expect(Object.keys(container), file).toEqual(
            expect.arrayContaining(["startupProbe", "livenessProbe", "readinessProbe"]),
          );
        }
      }
    },
  );

  it("writes out/<stack> by default and prints the plan as JSON with --format json", async () => {
    const result = await run(project.dir, "plan", "--stack", "dev", "--format", "json");
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Plan).stack).toBe("dev");
    expect(existsSync(join(project.dir, "out/dev/plan.json"))).toBe(true);
  });

  it("exits 2 on a broken spec and leaves an existing output folder untouched", async () => {
    mkdirSync(join(project.dir, "out/dev"), { recursive: true });
    writeFileSync(join(project.dir, "out/dev/previous.txt"), "from the last good plan\n");
    copyFileSync(
      join(ROOT, "test/fixtures/invalid/period-not-a-number.yaml"),
      join(project.dir, "services/orders.yaml"),
    );
    const result = await run(project.dir, "plan", "--stack", "dev");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      'services/orders.yaml:16:24 spec.workload.probes.liveness.periodSeconds: must be an integer between 1 and 300, got "ten"',
    );
    expect(filesUnder(join(project.dir, "out"))).toEqual(["dev/previous.txt"]);
    expect(readdirSync(join(project.dir, "out"))).toEqual(["dev"]);
  });

  it("replaces the previous output completely when the plan succeeds", async () => {
    mkdirSync(join(project.dir, "out/dev"), { recursive: true });
    writeFileSync(join(project.dir, "out/dev/stale.yaml"), "kind: Stale\n");
    expect((await run(project.dir, "plan", "--stack", "dev")).code).toBe(0);
    expect(filesUnder(join(project.dir, "out/dev"))).not.toContain("stale.yaml");
    expect(readdirSync(join(project.dir, "out"))).toEqual(["dev"]);
  });

  it.each([
    [
      "an unknown stack",
      ["--stack", "qa"],
      'error stacks/Pulumi.qa.yaml:1:1 stack "qa" has no config file (expected stacks/Pulumi.qa.yaml)',
    ],
    [
      "a stack name with a path in it",
      ["--stack", "../prod"],
      'error --stack must be a stack name such as dev or prod, got "../prod"',
    ],
    [
      "a glob that matches nothing",
      ["--stack", "dev", "--services", "nowhere/*.yaml"],
      "error nowhere/*.yaml:1:1 matches no spec files (the glob is expanded from the project root)",
    ],
  ])("exits 2 with a clear message for %s", async (_name, args, message) => {
    const result = await run(project.dir, "plan", ...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")[0]).toBe(message);
    expect(existsSync(join(project.dir, "out"))).toBe(false);
  });

  it("exits 2 when --stack is missing", async () => {
    const result = await run(project.dir, "plan");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--stack");
  });
});
