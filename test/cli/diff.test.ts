import type { Log as SarifLog } from "sarif";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { globBase } from "../../cli/base.js";
import { run, tempProject } from "./harness.js";

/** A temporary git repository holding the example services and stacks, committed once. */
function gitProject(): { dir: string; remove: () => void; edit: (file: string, from: string, to: string) => void } {
  const project = tempProject();
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.email=ci@example.com", "-c", "user.name=ci", ...args], {
      cwd: project.dir,
      stdio: "pipe",
    });
  git("init", "-q");
  git("add", "services", "stacks");
  git("commit", "-q", "-m", "base");
  const edit = (file: string, from: string, to: string) => {
    const path = join(project.dir, file);
    const text = readFileSync(path, "utf8");
    if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
    writeFileSync(path, text.replace(from, to));
  };
  return { ...project, edit };
}

/** Changes checkout's database engine: the Aurora clusters are replaced. */
function replaceEngine(p: { edit: (file: string, from: string, to: string) => void }): void {
  p.edit(
    "services/checkout.yaml",
    'engine: aurora-postgresql\n    version: "16.4"',
    'engine: aurora-mysql\n    version: "8.0.mysql_aurora.3.08.0"',
  );
}

describe("reliability diff", () => {
  const projects: { remove: () => void }[] = [];
  const project = () => {
    const p = gitProject();
    projects.push(p);
    return p;
  };
  afterAll(() => projects.forEach((p) => p.remove()));

  it("says no changes and exits 0 when the tree equals the base", async () => {
    const { dir } = project();
    const r = await run(dir, "diff", "--stack", "prod", "--base", "HEAD");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Stack prod (prod) against git HEAD: no changes");
  });

  it("flags the replacement of the protected database when the engine changes, and exits 1", async () => {
    const p = project();
    replaceEngine(p);
    const r = await run(p.dir, "diff", "--stack", "prod", "--base", "HEAD", "--format", "json");
    expect(r.code).toBe(1);
    const diff = JSON.parse(r.stdout) as { verdict: string; risks: { kind: string; key?: string }[] };
    expect(diff.verdict).toBe("risky");
    expect(diff.risks).toContainEqual(
      expect.objectContaining({ kind: "protected-replacement", key: "checkout/us-east-1/Cluster" }),
    );
    expect(diff.risks).toContainEqual(
      expect.objectContaining({ kind: "protected-replacement", key: "checkout/us-east-1/GlobalCluster" }),
    );
  });

  it("shows the RTO budget before and after, and exits 1 when a production budget newly fails", async () => {
    const p = project();
    p.edit("services/checkout.yaml", "rto: 5m", "rto: 2m");
    const r = await run(p.dir, "diff", "--stack", "prod", "--base", "HEAD");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("RISK budget-fails: checkout: the RTO budget newly fails");
    expect(r.stdout).toContain("rto: 5m → 2m");
    expect(r.stdout).toContain("RTO budget (worst case / objective): 2m36s / 5m PASS → 2m36s / 2m FAIL newly fails");
  });

  it("shows a budget that changes and still passes without failing the run", async () => {
    const p = project();
    p.edit("services/checkout.yaml", "rto: 5m", "rto: 4m");
    const r = await run(p.dir, "diff", "--stack", "prod", "--base", "HEAD", "--format", "markdown");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("✅ **No risky change** against `git HEAD`");
    expect(r.stdout).toContain("- RTO budget (worst case / objective): 2m36s / 5m PASS → 2m36s / 4m PASS");
  });

  it("compares with a plan.json that reliability plan wrote", async () => {
    const p = project();
    expect((await run(p.dir, "plan", "--stack", "prod", "--out", "base")).code).toBe(0);
    p.edit("services/checkout.yaml", '"0 10 * * 2"', '"0 11 * * 2"');
    const r = await run(p.dir, "diff", "--stack", "prod", "--base", "base/plan.json");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("against base/plan.json: no risky change");
    expect(r.stdout).toMatch(
      /chaos ~ kill-one-pod: us-east-1: CRON_TZ=Europe\/Berlin 0 10 .* → us-east-1: CRON_TZ=Europe\/Berlin 0 11 /,
    );
  });

  it("reads a plan.json laid out by jq exactly as the one plan wrote, and diffs it against the git base alike", async () => {
    const p = project();
    expect((await run(p.dir, "plan", "--stack", "prod", "--out", "base")).code).toBe(0);
    const compact = readFileSync(join(p.dir, "base/plan.json"), "utf8");
    writeFileSync(join(p.dir, "base/laid-out.json"), JSON.stringify(JSON.parse(compact), null, 2));
    p.edit("services/checkout.yaml", "replicas: 3", "replicas: 4");
    const fromFile = await run(p.dir, "diff", "--stack", "prod", "--base", "base/plan.json", "--format", "json");
    const laidOut = await run(p.dir, "diff", "--stack", "prod", "--base", "base/laid-out.json", "--format", "json");
    const fromGit = await run(p.dir, "diff", "--stack", "prod", "--base", "HEAD", "--format", "json");
    const services = (r: { stdout: string }) => (JSON.parse(r.stdout) as { services: unknown[] }).services;
    expect(services(fromFile).length).toBeGreaterThan(0);
    expect(services(laidOut)).toEqual(services(fromFile));
    expect(services(fromGit)).toEqual(services(fromFile));
  });

  const badBases = [
    { name: "an unknown git ref", base: "no-such-branch", message: "neither a plan.json file nor a commit git knows" },
    { name: "a missing plan file", base: "missing/plan.json", message: "cannot read a plan" },
    { name: "a file that is not a plan", base: "stacks/Pulumi.prod.yaml", message: "cannot read a plan" },
    { name: "a ref that looks like an option", base: "--help", message: "neither a plan.json file nor a commit" },
  ];
  it.each(badBases)("exits 2 with a clear error for $name", async ({ base, message }) => {
    const { dir } = project();
    const r = await run(dir, "diff", "--stack", "prod", `--base=${base}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe("");
  });

  it("exits 2 naming the base when the base's specs do not load", async () => {
    const p = project();
    p.edit("services/checkout.yaml", "ttl: 30", "ttl: 300");
    execFileSync("git", ["-c", "user.email=ci@example.com", "-c", "user.name=ci", "commit", "-qam", "bad"], {
      cwd: p.dir,
    });
    p.edit("services/checkout.yaml", "ttl: 300", "ttl: 30");
    const r = await run(p.dir, "diff", "--stack", "prod", "--base", "HEAD");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("HEAD:services/checkout.yaml:");
  });

  it("prints the diff after the violations when check has a base and writes text", async () => {
    const p = project();
    p.edit("services/checkout.yaml", "rto: 5m", "rto: 4m");
    const r = await run(p.dir, "check", "--stack", "prod", "--base", "HEAD");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Stack prod (prod) against git HEAD: no risky change");
    expect(r.stdout).toContain("rto: 5m → 4m");
  });

  it("leads the pull-request comment with the change when check has a base", async () => {
    const p = project();
    replaceEngine(p);
    const r = await run(p.dir, "check", "--stack", "prod", "--format", "markdown", "--base", "HEAD");
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("<!-- reliability-check stack=prod -->");
    expect(lines[1]).toBe("## ❌ Reliability check — stack `prod` (prod)");
    expect(lines[3]).toMatch(/^🛑 \*\*Risky change\*\*: \d+ risks against `git HEAD`$/);
    expect(r.stdout).toContain("### ✅ checkout (critical)");
    expect(r.stdout).toContain("2 other services pass every policy and are unchanged.");
    expect(r.stdout).not.toContain("### ✅ inventory");
  });

  it("carries the change in the JSON report and each risk as a SARIF result at the service's spec file", async () => {
    const p = project();
    replaceEngine(p);
    const json = await run(p.dir, "check", "--stack", "prod", "--format", "json", "--base", "HEAD");
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { verdict: string; diff?: { verdict: string; base: string } };
    expect(report.diff).toEqual(expect.objectContaining({ verdict: "risky", base: "git HEAD" }));
    const sarif = await run(p.dir, "check", "--stack", "prod", "--format", "sarif", "--base", "HEAD");
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout) as SarifLog;
    const run0 = log.runs[0];
    const risks = (run0?.results ?? []).filter((r) => r.ruleId === "protected-replacement");
    expect(risks.length).toBeGreaterThanOrEqual(2);
    for (const r of risks) {
      expect(r.level).toBe("error");
      expect(r.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe("services/checkout.yaml");
      expect(run0?.tool.driver.rules?.[r.ruleIndex ?? -1]?.id).toBe("protected-replacement");
    }
  });

  it("adds nothing for the change to the JSON report or SARIF log without a base", async () => {
    const p = project();
    const json = await run(p.dir, "check", "--stack", "prod", "--format", "json");
    expect(JSON.parse(json.stdout)).not.toHaveProperty("diff");
    const sarif = await run(p.dir, "check", "--stack", "prod", "--format", "sarif");
    const log = JSON.parse(sarif.stdout) as SarifLog;
    expect(log.runs[0]?.results?.some((r) => r.ruleId === "protected-replacement")).toBe(false);
  });
});

describe("globBase", () => {
  const cases = [
    { glob: "services/*.yaml", base: "services" },
    { glob: "specs/team-a/**/*.yaml", base: "specs/team-a" },
    { glob: "*.yaml", base: "." },
    { glob: "services/checkout.yaml", base: "services" },
    { glob: "services/{checkout,inventory}.yaml", base: "services" },
  ];
  it.each(cases)("reads the base's specs for $glob from $base", ({ glob, base }) => {
    expect(globBase(glob)).toBe(base);
  });
});
