import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planFleet } from "../../cli/fleet/run.js";
import { SpecError } from "../../components/core/spec/errors.js";
import { cli, prodFleet, tempProject, tree } from "./harness.js";

let project: { dir: string; remove: () => void };
beforeEach(() => {
  project = tempProject();
});
afterEach(() => project.remove());

const CACHE = ".cache/plan-prod.json";

/** Plans the prod stack of the project into `out`, with the plan cache of build `tool` (none: no cache). */
async function plan(out: string, tool: string | undefined = "build-1") {
  const run = { ...prodFleet(project.dir, CACHE, tool), outDir: join(project.dir, out) };
  return planFleet(run, new AbortController().signal);
}

/** Edits a file of the project. */
function edit(path: string, change: (text: string) => string): void {
  const file = join(project.dir, path);
  writeFileSync(file, change(readFileSync(file, "utf8")));
}

const CHECKOUT = "services/checkout.yaml";
const ALL = ["checkout", "inventory", "report-worker"];
const CALL_TO_INVENTORY = /\n {4}# Stock reservation:[\s\S]*?fallback: \{[^\n]*\n/;

describe("the plan cache", () => {
  it.each<[string, () => void, readonly string[], string | undefined]>([
    ["nothing changed", () => undefined, [], undefined],
    [
      "a comment in one spec changed",
      () => edit(CHECKOUT, (t) => `# owned by payments\n${t}`),
      ["checkout"],
      undefined,
    ],
    [
      "one spec's log level changed",
      () => edit(CHECKOUT, (t) => t.replace("LOG_LEVEL: info", "LOG_LEVEL: debug")),
      ["checkout"],
      undefined,
    ],
    [
      "checkout's replica count changed, which the plan of its caller report-worker reads",
      () => edit(CHECKOUT, (t) => t.replace(/replicas: \d+/, "replicas: 9")),
      ["checkout", "report-worker"],
      undefined,
    ],
    [
      "checkout stopped calling inventory, so inventory's ingress rules change too",
      () => edit(CHECKOUT, (t) => t.replace(CALL_TO_INVENTORY, "\n")),
      ["checkout", "inventory"],
      undefined,
    ],
    [
      "the stack config changed",
      () => edit("stacks/Pulumi.prod.yaml", (t) => t.replace("retention: 35d", "retention: 40d")),
      ALL,
      undefined,
    ],
    ["the CLI build changed", () => undefined, ALL, "build-2"],
    [
      "an output file was edited by hand",
      () => edit("out/aws/checkout.json", (t) => t.replace("checkout", "edited")),
      ["checkout"],
      undefined,
    ],
    [
      "an output file was removed",
      () => unlinkSync(join(project.dir, "out/kubernetes/us-east-1/inventory.yaml")),
      ["inventory"],
      undefined,
    ],
    [
      "plan.json was edited by hand",
      () => edit("out/plan.json", (t) => t.replace("checkout", "edited")),
      ALL,
      undefined,
    ],
    ["the record is damaged", () => writeFileSync(join(project.dir, CACHE), "{not json"), ALL, undefined],
    [
      "the resolved services in the store are lost and a spec changed",
      () => {
        rmSync(join(project.dir, ".cache/plan-prod.store"), { recursive: true });
        edit(CHECKOUT, (t) => `# owned by payments\n${t}`);
      },
      ALL,
      undefined,
    ],
    [
      "the service calling checkout was removed, so checkout's ingress rules change",
      () => unlinkSync(join(project.dir, "services/report-worker.yaml")),
      ["checkout"],
      undefined,
    ],
    [
      "a service calling inventory was added",
      () =>
        writeFileSync(
          join(project.dir, "services/checkout2.yaml"),
          readFileSync(join(project.dir, CHECKOUT), "utf8").replaceAll("checkout", "checkout2"),
        ),
      ["checkout2", "inventory"],
      undefined,
    ],
  ])(
    "writes what a run without the cache writes when %s, planning only what it must",
    async (_, change, planned, tool) => {
      expect((await plan("out")).planned).toEqual(ALL);
      change();
      const cached = await plan("out", tool);
      const fresh = await plan("fresh", undefined);
      expect(cached.planned).toEqual(planned);
      expect(cached.written).toBe(fresh.written);
      expect(cached.summary).toEqual(fresh.summary);
      expect(tree(join(project.dir, "out"))).toEqual(tree(join(project.dir, "fresh")));
    },
  );

  it("plans every service again when the output goes to another folder", async () => {
    await plan("out");
    const elsewhere = await plan("elsewhere");
    expect(elsewhere.planned).toEqual(ALL);
    expect(tree(join(project.dir, "elsewhere"))).toEqual(tree(join(project.dir, "out")));
  });

  it("keeps the previous output and record when a changed spec is invalid", async () => {
    await plan("out");
    const before = { out: tree(join(project.dir, "out")), record: readFileSync(join(project.dir, CACHE), "utf8") };
    edit("services/inventory.yaml", (t) => t.replace("tier: standard", "tier: gold"));
    await expect(plan("out")).rejects.toBeInstanceOf(SpecError);
    expect(tree(join(project.dir, "out"))).toEqual(before.out);
    expect(readFileSync(join(project.dir, CACHE), "utf8")).toBe(before.record);
  });

  it("never writes into a file of the previous output, reused or replaced", async () => {
    await plan("out");
    const files = ["kubernetes/us-east-1/checkout.yaml", "kubernetes/us-east-1/inventory.yaml", "plan.json"];
    mkdirSync(join(project.dir, "kept"));
    const before = files.map((f) => readFileSync(join(project.dir, "out", f), "utf8"));
    files.forEach((f, i) => linkSync(join(project.dir, "out", f), join(project.dir, "kept", `${i}`)));
    edit(CHECKOUT, (t) => t.replace("LOG_LEVEL: info", "LOG_LEVEL: debug"));
    expect((await plan("out")).planned).toEqual(["checkout"]);
    expect(files.map((_, i) => readFileSync(join(project.dir, "kept", `${i}`), "utf8"))).toEqual(before);
    expect(readFileSync(join(project.dir, "out", files[0]!), "utf8")).not.toBe(before[0]);
  });
});

describe("reliability plan's cache option", () => {
  it("keeps its record in .reliability-cache, prints the same, and --no-cache leaves no record", async () => {
    const first = await cli(project.dir, "plan", "--stack", "prod");
    const second = await cli(project.dir, "plan", "--stack", "prod");
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(second.stdout).toBe(first.stdout);
    expect(readdirSync(join(project.dir, ".reliability-cache")).sort()).toEqual(["plan-prod.json", "plan-prod.store"]);
    const stored = readdirSync(join(project.dir, ".reliability-cache/plan-prod.store"));
    expect(stored).toHaveLength(readdirSync(join(project.dir, "services")).length);
    expect(stored.every((f) => /^service-[0-9a-f]{32}\.json$/.test(f))).toBe(true);
    rmSync(join(project.dir, ".reliability-cache"), { recursive: true });
    const uncached = await cli(project.dir, "plan", "--stack", "prod", "--no-cache");
    expect(uncached.stdout).toBe(first.stdout);
    expect(existsSync(join(project.dir, ".reliability-cache"))).toBe(false);
  }, 60_000);

  it("warns and still succeeds when the cache cannot be written", async () => {
    writeFileSync(join(project.dir, "blocked"), "a file where the cache folder would go");
    const result = await cli(project.dir, "plan", "--stack", "prod", "--cache", "blocked/cache");
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^reliability: cannot write the cache .*blocked\/cache\/plan-prod\.json: .*; the next run plans every service again\n$/m,
    );
    expect(existsSync(join(project.dir, "out/prod/plan.json"))).toBe(true);
  }, 60_000);
});
