/**
 * The status checks' query against a real Prometheus 2.42 on loopback: the HTTP status Chaos Mesh
 * judges (criteria statusCode 200) must be 200 while the service is healthy and an error while a
 * page alert or an error-budget alert of the service is firing.
 */

import { GATE_PASS_BODY } from "../../components/domains/chaos/gate.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgetGateUrl } from "../../components/domains/chaos/workflow.js";
import { freePort, getJson, start, stop, waitFor, type Daemon } from "../support/loopback.js";

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
let prometheus: Daemon | undefined;
let base: string;

async function status(service: string): Promise<number> {
  return (await fetch(budgetGateUrl(base, service), { signal: AbortSignal.timeout(5_000) })).status;
}

/** Waits until Prometheus fires all four fixture alerts. */
async function waitForAlerts(): Promise<void> {
  await waitFor("Prometheus to fire the fixture alerts", 30_000, async () => {
    const body = (await getJson(`${base}/api/v1/query?query=count(ALERTS%7Balertstate%3D%22firing%22%7D)`)) as
      { data?: { result?: { value: [number, string] }[] } } | undefined;
    return body?.data?.result?.[0]?.value[1] === "4" ? true : undefined;
  });
}

describe("the budget gate against Prometheus 2.42", () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "reliability-chaos-gate-"));
    writeFileSync(join(dir, "rules.yml"), RULES);
    writeFileSync(join(dir, "prometheus.yml"), "global: { evaluation_interval: 1s }\nrule_files: [rules.yml]\n");
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    prometheus = start(PROMETHEUS, [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ]);
    await waitForAlerts();
  }, 40_000);

  afterAll(async () => {
    await stop(prometheus);
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

  it("answers a healthy service with exactly the body the gate's script opens on, and anything else with another", async () => {
    const text = async (service: string) =>
      (await fetch(budgetGateUrl(base, service), { signal: AbortSignal.timeout(5_000) })).text();
    expect(await text("healthy")).toBe(GATE_PASS_BODY);
    expect(await text("ticketed")).toBe(GATE_PASS_BODY);
    expect(await text("burning")).not.toBe(GATE_PASS_BODY);
  });
});
