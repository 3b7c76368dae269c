import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { gatusConfigSchema } from "../../components/domains/status/gatus/schema.js";
import { run, tempProject } from "../cli/harness.js";
import { setPath } from "../support/project.js";
import { publicSpec } from "./support.js";

let project: { dir: string; remove: () => void };
const renderStatus = (...args: string[]) => run(project.dir, "render", "status", "--stack", "prod", ...args);

beforeEach(() => {
  project = tempProject();
});
afterEach(() => project.remove());

describe("reliability render status --format gatus", () => {
  it("writes a Gatus file that validates against the schema, and nothing beside it", async () => {
    const result = await renderStatus("--format", "gatus", "--out", "status/gatus.yaml");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^Wrote status\/gatus\.yaml: 1 endpoint\./);
    const text = readFileSync(join(project.dir, "status/gatus.yaml"), "utf8");
    expect(gatusConfigSchema.safeParse(parse(text)).success).toBe(true);
    expect(readdirSync(join(project.dir, "status"))).toEqual(["gatus.yaml"]);
  });

  it("writes to standard output with --out -", async () => {
    const result = await renderStatus("--format", "gatus", "--out", "-");
    expect(result.code).toBe(0);
    expect((parse(result.stdout) as { endpoints: { name: string }[] }).endpoints.map((e) => e.name)).toEqual([
      "Checkout API",
    ]);
  });

  it("notes a one-off maintenance window it leaves out on standard error", async () => {
    const spec = publicSpec();
    setPath(spec, "spec.status", { maintenance: [{ name: "move", start: "2027-01-02", end: "2027-01-03" }] });
    writeFileSync(join(project.dir, "services/orders.yaml"), stringify(spec));
    const result = await renderStatus("--format", "gatus", "--out", "-");
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^note: service orders: maintenance window move .* is one-off/);
  });

  it.each([
    [
      "a folder as --out",
      () => mkdirSync(join(project.dir, "status")),
      ["--format", "gatus", "--out", "status"],
      /--out status is a folder/,
    ],
    [
      "an unknown format",
      () => undefined,
      ["--format", "kener", "--out", "status/gatus.yaml"],
      /argument 'kener' is invalid. Allowed choices are gatus/,
    ],
    ["no format", () => undefined, ["--out", "status/gatus.yaml"], /option '--format <format>' not specified/],
    [
      "an invalid spec",
      () =>
        writeFileSync(
          join(project.dir, "services/orders.yaml"),
          stringify(setPath(publicSpec(), "spec.status", { interval: "1s" })),
        ),
      ["--format", "gatus", "--out", "status/gatus.yaml"],
      /services\/orders\.yaml:\d+:\d+/,
    ],
  ])("exits 2 for %s and writes nothing", async (_name, arrange, args, message) => {
    arrange();
    const result = await renderStatus(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(existsSync(join(project.dir, "status/gatus.yaml"))).toBe(false);
  });
});
