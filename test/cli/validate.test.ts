import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { invalidFixtures } from "../support/fixtures.js";
import { ROOT } from "../support/project.js";
import { run, tempProject } from "./harness.js";

let project: { dir: string; remove: () => void };
beforeEach(() => {
  project = tempProject();
});
afterEach(() => project.remove());

describe("reliability validate", () => {
  it("exits 0 for the example specs against every stack", async () => {
    const result = await run(project.dir, "validate");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^valid \d+ specs\n$/);
  });

  it("exits 0 for named files against one stack", async () => {
    const result = await run(project.dir, "validate", "services/checkout.yaml", "--stack", "prod");
    expect(result).toEqual({ code: 0, stdout: "valid 1 spec\n", stderr: "" });
  });

  it("exits 2 and prints every mistake of a file to stderr, nothing to stdout", async () => {
    const fixture = invalidFixtures().find((f) => f.file.endsWith("/several-mistakes.yaml"));
    if (!fixture) throw new Error("several-mistakes.yaml is missing from the corpus");
    const result = await run(ROOT, "validate", fixture.file, "--stacks-dir", join(project.dir, "stacks"));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      ...fixture.expected.map((e) => `error ${e}`),
      `${fixture.expected.length} problems; nothing was written.`,
    ]);
  });

  it("exits 2 for a spec that is valid on its own but names a region a stack does not define", async () => {
    copyFileSync(
      join(ROOT, "test/fixtures/invalid/region-not-in-stack.yaml"),
      join(project.dir, "services/orders.yaml"),
    );
    const result = await run(project.dir, "validate", "services/orders.yaml");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      'error services/orders.yaml:8:24 spec.regions[1]: must be a region the stack dev defines (us-east-1), got "ap-south-1"; narrow the regions for environment dev under spec.environments.dev.regions',
      'error services/orders.yaml:8:24 spec.regions[1]: must be a region the stack prod defines (us-east-1, eu-west-1), got "ap-south-1"; narrow the regions for environment prod under spec.environments.prod.regions',
      'error services/orders.yaml:8:24 spec.regions[1]: must be a region the stack staging defines (us-east-1, eu-west-1), got "ap-south-1"; narrow the regions for environment staging under spec.environments.staging.regions',
      "3 problems; nothing was written.",
    ]);
  });

  it("exits 2 for a file that does not exist", async () => {
    const result = await run(project.dir, "validate", "services/missing.yaml");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error services\/missing\.yaml:1:1 cannot read the file: no such file/);
  });

  it("exits 2 for an unknown stack", async () => {
    const result = await run(project.dir, "validate", "--stack", "qa");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('stack "qa" has no config file');
  });
});
