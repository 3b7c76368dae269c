import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import type { Io } from "../../cli/io.js";
import { ROOT } from "../support/project.js";

function run(args: string[], cwd = ROOT): { code: Promise<number>; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), cwd };
  return { code: main(["node", "reliability", ...args], io), out, err };
}

/** A copy of the project whose checkout spec declares objectives its settings cannot meet. */
function projectWithTightObjectives(): string {
  const dir = mkdtempSync(join(tmpdir(), "reliability-budget-"));
  cpSync(join(ROOT, "stacks"), join(dir, "stacks"), { recursive: true });
  cpSync(join(ROOT, "services"), join(dir, "services"), { recursive: true });
  const file = join(dir, "services", "checkout.yaml");
  writeFileSync(file, readFileSync(file, "utf8").replace("rto: 5m", "rto: 2m").replace("rpo: 5s", "rpo: 500ms"));
  return dir;
}

describe("reliability budget", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("prints detection, failover, RTO and RPO per service for prod and exits 0 when all pass", async () => {
    const r = run(["budget", "--stack", "prod"]);
    expect(await r.code).toBe(0);
    const text = r.out.join("\n");
    expect(text).toMatch(/checkout.*region.*36s.*1m36s.*2m36s \/ 5m.*\+2m24s.*PASS.*1s \/ 5s.*\+4s.*PASS/);
    expect(text).toMatch(/inventory.*10m \/ 30m.*PASS/);
  });

  it("writes stable JSON with the numbers in milliseconds", async () => {
    const r = run(["budget", "--stack", "prod", "--format", "json"]);
    expect(await r.code).toBe(0);
    const report = JSON.parse(r.out.join("")) as {
      services: { service: string; budget: { detectionMs: number; rto: { worstMs: number; objectiveMs: number } } }[];
    };
    const checkout = report.services.find((s) => s.service === "checkout");
    expect(checkout?.budget).toMatchObject({
      detectionMs: 36_000,
      dnsFailoverMs: 96_000,
      rto: { worstMs: 156_000, objectiveMs: 300_000, status: "PASS" },
    });
  });

  it("exits 1 with the reasons when a production service cannot meet its objectives", async () => {
    const dir = projectWithTightObjectives();
    dirs.push(dir);
    const r = run(["budget", "--stack", "prod", "--format", "markdown"], dir);
    expect(await r.code).toBe(1);
    const text = r.out.join("\n");
    expect(text).toContain(
      "| checkout | critical | region | 36s | 1m36s | 2m36s / 2m | -36s | **FAIL** | 1s / 500ms | -500ms | **FAIL** |",
    );
    expect(text).toContain("- checkout RPO FAIL: writes not yet replicated are lost on an unplanned failover");
  });

  it("reports but does not enforce failures outside production", async () => {
    const dir = projectWithTightObjectives();
    dirs.push(dir);
    const r = run(["budget", "--stack", "staging"], dir);
    expect(await r.code).toBe(0);
    expect(r.out.join("\n")).toContain("checkout RTO FAIL (not enforced outside production)");
  });

  it("rejects an unknown format as invalid input", async () => {
    expect(await run(["budget", "--stack", "prod", "--format", "yaml"]).code).toBe(2);
  });
});
