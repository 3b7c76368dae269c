import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { main } from "../../cli/main.js";
import type { Io } from "../../cli/io.js";
import { ROOT } from "../support/project.js";
import { composeSchemaErrors, formatErrors } from "./schema.js";

/** A copy of the example project in a temporary folder, so the command writes its default path there. */
let project: string;

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), "reliability-compose-"));
  for (const dir of ["services", "stacks"]) cpSync(join(ROOT, dir), join(project, dir), { recursive: true });
});

afterEach(() => rmSync(project, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: project };
  const code = await main(["node", "reliability", ...args], io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("reliability render compose", () => {
  it("writes a schema-valid out/dev-local/compose.yaml for --stack dev", async () => {
    const result = await run("render", "compose", "--stack", "dev");
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(result.out).toContain("Wrote out/dev-local/compose.yaml: 3 services, 2 local databases");
    const text = readFileSync(join(project, "out/dev-local/compose.yaml"), "utf8");
    expect(text).toBe(readFileSync(join(__dirname, "golden", "dev.compose.yaml"), "utf8"));
    expect(formatErrors(composeSchemaErrors(parse(text)))).toEqual([]);
  });

  it("writes where --out says, and to standard output for --out -", async () => {
    expect(
      (
        await run(
          "render",
          "compose",
          "--stack",
          "dev",
          "--services",
          "services/report-worker.yaml",
          "--out",
          "local/compose.yaml",
        )
      ).code,
    ).toBe(0);
    expect(Object.keys(parse(readFileSync(join(project, "local/compose.yaml"), "utf8")).services)).toEqual([
      "report-worker",
    ]);
    const printed = await run("render", "compose", "--stack", "dev", "--out", "-");
    expect(printed.code).toBe(0);
    expect(parse(printed.out).services.checkout.healthcheck.start_period).toBe("90s");
  });

  it("notes a called service that is not rendered on stderr", async () => {
    const spec = readFileSync(join(project, "services/checkout.yaml"), "utf8").replace(
      "  dependencies:\n",
      "  dependencies:\n    - { name: inventory, kind: service, service: inventory }\n",
    );
    writeFileSync(join(project, "services/checkout.yaml"), spec);
    const result = await run(
      "render",
      "compose",
      "--stack",
      "dev",
      "--services",
      "services/checkout.yaml",
      "--out",
      "-",
    );
    expect(result.code).toBe(0);
    expect(result.err).toContain("note: checkout calls inventory, which is not among the rendered services");
  });

  it("exits 2 and writes nothing when a spec is invalid", async () => {
    writeFileSync(
      join(project, "services/broken.yaml"),
      "apiVersion: reliability-stack/v1\nkind: Service\nmetadata: { name: broken, team: t, tier: gold }\n",
    );
    const result = await run("render", "compose", "--stack", "dev");
    expect(result.code).toBe(2);
    expect(result.err).toContain("services/broken.yaml:3");
    expect(existsSync(join(project, "out/dev-local/compose.yaml"))).toBe(false);
  });

  it("exits 2 for an unknown stack", async () => {
    expect((await run("render", "compose", "--stack", "nope")).code).toBe(2);
  });
});
