/**
 * The unsafe corpus: specs that load and plan cleanly but that a careful reviewer would refuse.
 * Each file under `test/fixtures/unsafe/` names in its header the one rule it must trip and the
 * level the severity model gives it (`# expect: <rule> <level>`), or the spec field the loader must
 * refuse (`# expect: invalid <path>`), any companion specs checked with it (`# with: <path>`) and
 * the stack (`# stack: <name>`, prod when absent), checked exactly as `reliability check` checks a pull request.
 */

import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import type { Io } from "../../cli/io.js";
import { ROOT } from "../support/project.js";
import { cachedBaseline, setProp } from "./support.js";
import { checkPlan } from "../../policies/run.js";

const CORPUS = join(ROOT, "test/fixtures/unsafe");
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Case {
  readonly file: string;
  readonly expects: readonly string[];
  readonly companions: readonly string[];
  readonly stack: string;
}

function header(file: string, key: string): string[] {
  return [...readFileSync(join(CORPUS, file), "utf8").matchAll(new RegExp(`^# ${key}: (.+)$`, "gm"))].map((m) =>
    (m[1] ?? "").trim(),
  );
}

const CASES: Case[] = readdirSync(CORPUS)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((file) => ({
    file,
    expects: header(file, "expect"),
    companions: header(file, "with"),
    stack: header(file, "stack")[0] ?? "prod",
  }));

interface Outcome {
  readonly code: number;
  /** Distinct `<rule> <level>` pairs (a rule reports once per region it finds the mistake in). */
  readonly findings: string[];
  readonly err: string;
  /** The fix of every violation. */
  readonly fixes?: string[];
}

/** Checks the given spec files (paths from the repository root) with a stack, in a copy of the project. */
async function checkSpecs(files: readonly string[], stack = "prod"): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), "reliability-unsafe-"));
  dirs.push(dir);
  cpSync(join(ROOT, "stacks"), join(dir, "stacks"), { recursive: true });
  mkdirSync(join(dir, "services"));
  for (const f of files) cpSync(join(ROOT, f), join(dir, "services", basename(f)));
  let out = "";
  let err = "";
  const io: Io = { out: (t) => (out += t), err: (t) => (err += `${t}\n`), cwd: dir };
  const code = await main(
    ["node", "reliability", "check", "--stack", stack, "--services", "services/*.yaml", "--format", "json"],
    io,
  );
  if (code === 2) return { code, findings: [], err };
  const report = JSON.parse(out) as { violations: { policy: string; level: string; fix: string }[] };
  const findings = [...new Set(report.violations.map((v) => `${v.policy} ${v.level}`))].sort();
  return {
    code,
    findings,
    err,
    ...(report.violations.length > 0 ? { fixes: report.violations.map((v) => v.fix) } : {}),
  };
}

describe("the unsafe corpus", () => {
  it("holds at least 60 cases, each expecting something", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    for (const c of CASES) expect(c.expects, c.file).not.toHaveLength(0);
  });

  it.each(CASES)("$file produces exactly $expects in $stack", async ({ file, expects, companions, stack }) => {
    const result = await checkSpecs([`test/fixtures/unsafe/${file}`, ...companions], stack);
    const invalid = expects.filter((e) => e.startsWith("invalid "));
    if (invalid.length > 0) {
      expect(result.code).toBe(2);
      for (const e of invalid) expect(result.err).toContain(e.slice("invalid ".length));
      return;
    }
    expect(result.findings).toEqual([...expects].sort());
    for (const fix of result.fixes ?? []) expect(fix).toMatch(/\b(spec\.[a-z]|metadata\.|reliability:|input)/);
    expect(result.code).toBe(expects.some((e) => e.endsWith(" mandatory")) ? 1 : 0);
  });

  it.each(["dev", "staging", "prod"])("leaves the example services with no finding at all in %s", async (stack) => {
    const files = readdirSync(join(ROOT, "services")).map((f) => `services/${f}`);
    expect(await checkSpecs(files, stack)).toEqual({ code: 0, findings: [], err: "" });
  });
});

/** Values no spec can produce but a transformation or an edited plan can: the rule still refuses them. */
const OVERRIDES = [
  {
    name: "a publicly accessible RDS instance",
    type: "aws:rds/instance:Instance",
    path: "publiclyAccessible",
    value: true,
  },
  { name: "a single-AZ RDS instance", type: "aws:rds/instance:Instance", path: "multiAz", value: false },
  {
    name: "a publicly accessible Aurora instance",
    type: "aws:rds/clusterInstance:ClusterInstance",
    path: "publiclyAccessible",
    value: true,
  },
];

describe("database-private-multi-az", () => {
  it.each(OVERRIDES)("refuses $name in production, mandatory for any tier", ({ type, path, value }) => {
    const { plan, facts } = cachedBaseline("prod");
    const target = plan.services.flatMap((s) => s.resources).find((r) => r.type === type);
    if (!target) throw new Error(`the example plan has no ${type}`);
    setProp(plan, target.key, path, value);
    const hits = checkPlan(plan, { facts }).filter((v) => v.policy === "database-private-multi-az");
    expect(hits.map((v) => [v.resource, v.level])).toEqual([[target.key, "mandatory"]]);
    expect(hits[0]?.message).toContain(`${path}: ${String(!value)}`);
  });
});

describe("ephemeral-storage-set", () => {
  it.each(["requests", "limits"])(
    "advises, even for a critical service in production, when a container has no %s.ephemeral-storage",
    (kind) => {
      const { plan, facts } = cachedBaseline("prod");
      const deployment = plan.services
        .flatMap((s) => s.resources)
        .find((r) => r.key === "checkout/us-east-1/Deployment");
      if (!deployment) throw new Error("the example plan has no checkout Deployment");
      setProp(plan, deployment.key, `spec.template.spec.containers.0.resources.${kind}.ephemeral-storage`, undefined);
      const hits = checkPlan(plan, { facts }).filter((v) => v.policy === "ephemeral-storage-set");
      expect(hits.map((v) => [v.resource, v.level, v.path])).toEqual([
        [deployment.key, "advisory", "spec.workload.resources"],
      ]);
      expect(hits[0]?.message).toContain(`set ${kind}.ephemeral-storage`);
    },
  );
});

describe("empty-dir-size-limited", () => {
  it("advises, even for a critical service in production, when a writable path's emptyDir has no sizeLimit", () => {
    const { plan, facts } = cachedBaseline("prod");
    const deployment = plan.services.flatMap((s) => s.resources).find((r) => r.key === "checkout/us-east-1/Deployment");
    if (!deployment) throw new Error("the example plan has no checkout Deployment");
    expect(offlineHits(plan, facts)).toEqual([]);
    setProp(plan, deployment.key, "spec.template.spec.volumes.0.emptyDir.sizeLimit", undefined);
    expect(offlineHits(plan, facts).map((v) => [v.resource, v.level, v.path])).toEqual([
      [deployment.key, "advisory", "spec.workload.resources.ephemeralStorageLimit"],
    ]);
  });
});

function offlineHits(plan: Parameters<typeof checkPlan>[0], facts: ReturnType<typeof cachedBaseline>["facts"]) {
  return checkPlan(plan, { facts }).filter((v) => v.policy === "empty-dir-size-limited");
}
