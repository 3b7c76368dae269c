import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMENT_LIMIT, FULL_REPORT_HINT, renderComment } from "../../components/report/comment.js";
import { diffPlans } from "../../components/report/diff/index.js";
import type { CheckReport } from "../../components/report/types.js";
import { planExamples, ROOT } from "../support/project.js";

const SERVICES = 1000;
/** The copies whose image is not pinned: a mandatory violation in production. */
const FAILING = [7, 500, 999];

function name(i: number): string {
  return `svc${String(i).padStart(4, "0")}`;
}

/** A project with `SERVICES` copies of the checkout spec, each under its own name. */
function largeProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "reliability-comment-"));
  cpSync(join(ROOT, "stacks"), join(dir, "stacks"), { recursive: true });
  mkdirSync(join(dir, "services"));
  const checkout = readFileSync(join(ROOT, "services", "checkout.yaml"), "utf8");
  for (let i = 0; i < SERVICES; i++) {
    let text = checkout.replaceAll("checkout", name(i));
    if (FAILING.includes(i)) text = text.replace(`${name(i)}:1.8.2`, `${name(i)}:latest`);
    writeFileSync(join(dir, "services", `${name(i)}.yaml`), text);
  }
  return dir;
}

const execFileAsync = promisify(execFile);

/** A plan with no services: against it, every service of the change is new. */
function emptyPlan(dir: string): string {
  const path = join(dir, "empty-plan.json");
  writeFileSync(path, JSON.stringify({ stack: "prod", environment: "prod", providers: [], services: [] }));
  return path;
}

describe(`the pull-request comment for ${SERVICES} services`, () => {
  let dir = "";
  let comment = "";
  let code = -1;
  beforeAll(async () => {
    dir = largeProject();
    // The CLI runs in a child process, so this worker stays responsive while it plans 1,000 services.
    const cli = join(ROOT, "bin", "reliability.cjs");
    const args = [cli, "check", "--stack", "prod", "--format", "markdown", "--base", emptyPlan(dir)];
    try {
      comment = (await execFileAsync(process.execPath, args, { cwd: dir, maxBuffer: 1 << 26 })).stdout;
      code = 0;
    } catch (error) {
      const failed = error as { code?: number; stdout?: string };
      comment = failed.stdout ?? "";
      code = failed.code ?? -1;
    }
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("stays under GitHub's limit, names the failing services first and says how many were left out", () => {
    expect(code).toBe(1);
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(comment).toContain(`Services: 0 changed, ${SERVICES} added, 0 removed, 0 unchanged.`);
    const headings = comment.split("\n").filter((l) => l.startsWith("### "));
    expect(headings.slice(0, FAILING.length)).toEqual(FAILING.map((i) => `### ❌ ${name(i)} (critical)`));
    expect(comment).toContain(`**truncated: ${SERVICES - headings.length} more services, ${FULL_REPORT_HINT}.**`);
  });
});

describe("renderComment", () => {
  const { plan } = planExamples("prod");
  const report: CheckReport = { plan, rules: [], violations: [] };

  it("collapses passing, unchanged services into one line", () => {
    const comment = renderComment(report, diffPlans(plan, plan, "git main"));
    expect(comment).toContain("✅ **No changes** against `git main`");
    expect(comment).toContain("3 other services pass every policy and are unchanged.");
    expect(comment.split("\n").filter((l) => l.startsWith("### "))).toEqual([]);
  });

  const limits = [1_500, 3_000, 6_000];
  it.each(limits)("cuts at a limit of %i characters on a whole service and says how many were left out", (limit) => {
    const comment = renderComment(report, diffPlans({ ...plan, services: [] }, plan, "git main"), { limit });
    expect(comment.length).toBeLessThanOrEqual(limit);
    const shown = comment.split("\n").filter((l) => l.startsWith("### ")).length;
    expect(comment).toContain(
      `**truncated: ${3 - shown} more service${3 - shown === 1 ? "" : "s"}, ${FULL_REPORT_HINT}.**`,
    );
  });
});
