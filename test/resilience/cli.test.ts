import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { projectWith, run } from "./project.js";

describe("reliability graph", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("draws the example graph, three layers of services deep, with timeouts and tries on every call", async () => {
    const r = await run(["graph", "--stack", "prod"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("checkout → inventory  timeout 300ms · 2×80ms");
    expect(r.out).toContain(
      "✓ report-worker → checkout → inventory → database:inventory/inventory-db  amplification 2×",
    );
  });

  it("writes stable JSON and a Mermaid flowchart", async () => {
    const json = JSON.parse((await run(["graph", "--stack", "prod", "--format", "json"])).out) as {
      edges: unknown[];
      paths: unknown[];
    };
    expect(json.edges).toHaveLength(5);
    expect(json.paths).toHaveLength(3);
    const mermaid = (await run(["graph", "--stack", "prod", "--format", "mermaid"])).out;
    expect(mermaid.split("\n")[0]).toBe("flowchart LR");
    expect(mermaid).toContain('checkout -->|"300ms · 2×80ms"| inventory');
  });

  it("marks the path a policy flags", async () => {
    const dir = projectWith((t) =>
      t.replace(
        "retries: { perTryTimeout: 80ms }",
        "method: POST\n      retries: { perTryTimeout: 80ms, retryOn: [5xx] }",
      ),
    );
    dirs.push(dir);
    const r = await run(["graph", "--stack", "prod"], dir);
    expect(r.out).toContain(
      "checkout → inventory  timeout 300ms · 2×80ms · ×2 load  VIOLATES retry-amplification-bounded, retry-only-idempotent",
    );
    expect(r.out).toContain(
      "✗ report-worker → checkout → inventory → database:inventory/inventory-db  amplification 4×",
    );
  });

  it("refuses a spec edit that breaks a budget, naming both ends of the call, and exits 2", async () => {
    const dir = projectWith((t) =>
      t.replace("retries: { perTryTimeout: 80ms }", "retries: { perTryTimeout: 200ms, attempts: 2 }"),
    );
    dirs.push(dir);
    const r = await run(["graph", "--stack", "prod"], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /services\/checkout\.yaml:\d+:\d+ spec\.dependencies\[2\]\.retries: must fit .* \(see also metadata\.name at services\/inventory\.yaml:7:\d+\)/,
    );
  });

  it("simulates a failing node with the emitted settings and Istio's defaults", async () => {
    const r = await run(["graph", "--stack", "prod", "--fail", "inventory/inventory-db"]);
    expect(r.out).toContain("emitted settings:   1× load on the failing node, 80ms (answered)");
    expect(r.out).toContain("istio defaults:     3× load on the failing node, 90100ms (answered)");
  });

  it("refuses an unknown node to fail", async () => {
    const r = await run(["graph", "--stack", "prod", "--fail", "nowhere"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      "--fail: must name a node of the call graph (checkout, inventory, report-worker, checkout/checkout-db",
    );
  });
});
