import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run, tempProject } from "../cli/harness.js";
import { FIXTURES } from "./support.js";

let project: { dir: string; remove: () => void };
beforeEach(() => {
  project = tempProject();
});
afterEach(() => project.remove());

describe("reliability import", () => {
  it("writes services/<service>.yaml that validates and plans, with what had no equivalent on stderr, exit 0", async () => {
    const result = await run(project.dir, "import", "sloth", join(FIXTURES, "sloth", "getting-started.yml"));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("Wrote services/myservice.yaml with 5 warnings.\n");
    expect(result.stderr).toMatch(
      /^warning .*getting-started\.yml:17:13 alert name MyServiceHighErrorRate has no equivalent/m,
    );
    expect(readFileSync(join(project.dir, "services", "myservice.yaml"), "utf8")).toMatch(
      /^# Imported by reliability import sloth/,
    );
    const check = await run(project.dir, "validate", "services/myservice.yaml", "--stack", "prod");
    expect(check).toEqual({ code: 0, stdout: "valid 1 spec\n", stderr: "" });
  });

  it("converts OpenSLO to standard output with --stdout and writes nothing", async () => {
    const result = await run(
      project.dir,
      "import",
      "openslo",
      join(FIXTURES, "openslo", "checkout-burn-rates.yaml"),
      "--stdout",
      "--out",
      "imported",
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("name: checkout");
    expect(existsSync(join(project.dir, "imported"))).toBe(false);
  });

  it("refuses to overwrite an existing spec, exit 2, and leaves it untouched", async () => {
    const result = await run(project.dir, "import", "openslo", join(FIXTURES, "openslo", "checkout-burn-rates.yaml"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("services/checkout.yaml already exists; nothing was written");
    expect(readFileSync(join(project.dir, "services", "checkout.yaml"), "utf8")).not.toContain("Imported by");
  });

  it("exits 2 on invalid input with file:line:col and writes nothing", async () => {
    writeFileSync(
      join(project.dir, "bad.yml"),
      "version: prometheus/v1\nservice: a\nslos:\n  - name: x\n    objective: ninety\n    sli: {}\n",
    );
    const result = await run(project.dir, "import", "sloth", "bad.yml");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("bad.yml:5:16 slos[0].objective: must be the objective in percent, such as 99.9");
    expect(existsSync(join(project.dir, "services", "a.yaml"))).toBe(false);
  });
});
