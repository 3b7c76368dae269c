import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgetGateUrl } from "../../components/plan/chaos/workflow.js";

/**
 * The status checks' query against a real Prometheus 2.42 on loopback: the HTTP status Chaos Mesh
 * judges (criteria statusCode 200) must be 200 while the service is healthy and an error while a
 * page alert or an error-budget alert of the service is firing.
 */

const PROMETHEUS = "/usr/bin/prometheus";
const RULES = `groups:
  - name: fixtures
    interval: 1s
    rules:
      - alert: ErrorBudgetBurn
        expr: vector(1)
        labels: { service: burning, severity: critical }
      - alert: ErrorBudgetExhausted
        expr: vector(1)
        labels: { service: exhausted, severity: warning }
      - alert: KubeProbeFailing
        expr: vector(1)
        labels: { service: paged, severity: critical }
      - alert: KubeReplicasMismatch
        expr: vector(1)
        labels: { service: ticketed, severity: warning }
`;

let dir: string;
let prometheus: ChildProcess | undefined;
let base: string;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function status(service: string): Promise<number> {
  return (await fetch(budgetGateUrl(base, service), { signal: AbortSignal.timeout(5_000) })).status;
}

async function waitForAlerts(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${base}/api/v1/query?query=count(ALERTS%7Balertstate%3D%22firing%22%7D)`, { signal: AbortSignal.timeout(2_000) });
      const body = (await response.json()) as { data?: { result?: { value: [number, string] }[] } };
      if (body.data?.result?.[0]?.value[1] === "4") return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("Prometheus did not start firing the fixture alerts in time");
}

describe.skipIf(!existsSync(PROMETHEUS))("the budget gate against Prometheus 2.42", () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "reliability-chaos-gate-"));
    writeFileSync(join(dir, "rules.yml"), RULES);
    writeFileSync(join(dir, "prometheus.yml"), "global: { evaluation_interval: 1s }\nrule_files: [rules.yml]\n");
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    prometheus = spawn(PROMETHEUS, [`--config.file=${join(dir, "prometheus.yml")}`, `--storage.tsdb.path=${join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: "ignore" });
    await waitForAlerts(Date.now() + 30_000);
  }, 40_000);

  afterAll(() => {
    prometheus?.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ["burning", 422],
    ["exhausted", 422],
    ["paged", 422],
    ["ticketed", 200],
    ["healthy", 200],
  ])("answers %s with HTTP %i", async (service, expected) => {
    expect(await status(service)).toBe(expected);
  });
});
