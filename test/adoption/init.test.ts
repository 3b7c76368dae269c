import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { terminalAsk } from "../../cli/terminal.js";
import { TIERS } from "../../components/core/spec/service.js";
import { DATABASE_CHOICES, SERVICE_SHAPES } from "../../components/spec/scaffold.js";
import { run, runWith, tempProject } from "../cli/harness.js";
import { STACKS } from "../support/project.js";
import { checkYaml } from "./json-schema.js";

const SHAPE_FLAGS = { public: ["--public"], internal: [], worker: ["--worker"] } as const;

const COMBINATIONS = TIERS.flatMap((tier) =>
  SERVICE_SHAPES.flatMap((shape) => DATABASE_CHOICES.map((database) => ({ tier, shape, database }))),
);

/** Where the combinations are written, apart from the example services they are checked with. */
const NEW = "new";
const FLEET = `{services,${NEW}}/*.yaml`;

describe("reliability init, for every tier, kind and database", () => {
  let project: { dir: string; remove: () => void };
  beforeAll(() => {
    project = tempProject();
  });
  afterAll(() => project.remove());

  it.each(COMBINATIONS)("writes a $tier $shape service with database $database that validates", async (c) => {
    const name = `${c.tier.slice(0, 4)}-${c.shape.slice(0, 3)}-${c.database}`;
    const file = `${NEW}/${name}.yaml`;
    const args = ["init", name, "--tier", c.tier, ...SHAPE_FLAGS[c.shape], "--database", c.database, "--out", file];
    const init = await run(project.dir, ...args);
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    const text = readFileSync(join(project.dir, file), "utf8");
    expect(checkYaml(text)).toEqual({ valid: true, errors: [] });
    expect(await run(project.dir, "validate", file)).toMatchObject({ code: 0, stderr: "" });
  });

  it.each(STACKS)("leaves the %s stack planning and passing check with all of them", async (stack) => {
    const plan = await run(project.dir, "plan", "--stack", stack, "--services", FLEET, "--out", `out/${stack}`);
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(0);
    const check = await run(project.dir, "check", "--stack", stack, "--services", FLEET);
    expect(check.stdout).toContain(" 0 mandatory");
    expect(check.code).toBe(0);
  });
});

describe("reliability init", () => {
  let project: { dir: string; remove: () => void };
  beforeEach(() => {
    project = tempProject();
  });
  afterEach(() => project.remove());

  it("refuses to overwrite a spec (exit 2) and leaves it as it was", async () => {
    const before = readFileSync(join(project.dir, "services/checkout.yaml"), "utf8");
    const result = await run(project.dir, "init", "checkout");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("services/checkout.yaml already exists; init never overwrites a spec");
    expect(readFileSync(join(project.dir, "services/checkout.yaml"), "utf8")).toBe(before);
  });

  it.each([
    ["a name that is not a DNS label", ["init", "Bad_Name"], "<name> must be lower-case letters"],
    [
      "a region no stack defines",
      ["init", "orders", "--regions", "ap-south-1"],
      "--regions must be regions the stacks",
    ],
    ["a tier that does not exist", ["init", "orders", "--tier", "gold"], "argument 'gold' is invalid"],
    ["both --public and --worker", ["init", "orders", "--public", "--worker"], "cannot be used with option"],
  ])("refuses %s with exit 2 and writes nothing", async (_what, args, message) => {
    const result = await run(project.dir, ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(existsSync(join(project.dir, "services/orders.yaml"))).toBe(false);
  });

  it("refuses a name another service already has, naming the clash, and writes nothing", async () => {
    const result = await run(project.dir, "init", "checkout", "--out", "services/checkout-2.yaml");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/services\/checkout-2\.yaml:\d+:\d+ metadata\.name: must be unique across services/);
    expect(existsSync(join(project.dir, "services/checkout-2.yaml"))).toBe(false);
  });

  it("takes the defaults without a terminal: a standard internal service in every stack region", async () => {
    const result = await run(project.dir, "init", "orders");
    expect(result.code).toBe(0);
    const text = readFileSync(join(project.dir, "services/orders.yaml"), "utf8");
    expect(text).toContain("  tier: standard\n");
    expect(text).toContain("  regions: [us-east-1, eu-west-1]\n");
    expect(text).toContain("    dev:\n      regions: [us-east-1]\n");
    expect(text).not.toContain("database:");
    expect(text).not.toContain("dns:");
  });

  it.each([
    ["services/orders.yaml", "../schema/reliability-stack.v1.json"],
    ["teams/shop/orders.yaml", "../../schema/reliability-stack.v1.json"],
  ])("starts %s with the editor's schema line, relative to the file", async (file, ref) => {
    expect((await run(project.dir, "init", "orders", "--out", file)).code).toBe(0);
    const [first] = readFileSync(join(project.dir, file), "utf8").split("\n");
    expect(first).toBe(`# yaml-language-server: $schema=${ref}`);
  });

  it("asks on a terminal for what the flags leave out, and asks again after an answer it cannot take", async () => {
    const answers = ["payments", "platinum", "critical", "aurora", "us-east-1,eu-west-1"];
    const asked: string[] = [];
    const ask = (question: string) => {
      asked.push(question);
      return Promise.resolve(answers.shift() ?? "");
    };
    const result = await runWith(project.dir, { ask }, "init", "orders", "--public");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(asked).toEqual([
      "team [orders]: ",
      "tier (critical/standard/best-effort) [standard]: ",
      '(must be one of critical, standard, best-effort, got "platinum") tier (critical/standard/best-effort) [standard]: ',
      "database (aurora/rds/none) [none]: ",
      "regions, primary first [us-east-1,eu-west-1]: ",
    ]);
    const text = readFileSync(join(project.dir, "services/orders.yaml"), "utf8");
    expect(text).toContain("  team: payments\n  tier: critical\n");
    expect(text).toContain("engine: aurora-postgresql");
  });

  it("does not ask for what the flags give", async () => {
    const asked: string[] = [];
    const ask = (question: string) => (asked.push(question), Promise.resolve(""));
    const flags = ["--team", "shop", "--tier", "standard", "--worker", "--database", "none", "--regions", "us-east-1"];
    const result = await runWith(project.dir, { ask }, "init", "orders", ...flags);
    expect(result.code).toBe(0);
    expect(asked).toEqual([]);
  });
});

describe("the terminal prompt", () => {
  it("reads the answer typed on a terminal", async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
    const answer = terminalAsk(input, output)("tier? ");
    input.write("critical\n");
    await expect(answer).resolves.toBe("critical");
    expect(String(output.read())).toContain("tier? ");
  });
});
