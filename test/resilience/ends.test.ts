import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Violation } from "../../components/core/policy/types.js";
import { projectWith as copyWith, run } from "./project.js";
import { calls, loadNodes, withMesh } from "./support.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A temporary copy of the project with checkout's spec edited, removed after the tests. */
function projectWith(edit: (text: string) => string): string {
  const dir = copyWith(edit);
  dirs.push(dir);
  return dir;
}

/** 1-based line of the first line of a file holding `text`. */
function lineOf(dir: string, file: string, text: string): number {
  return (
    readFileSync(join(dir, file), "utf8")
      .split("\n")
      .findIndex((l) => l.includes(text)) + 1
  );
}

describe("a spec edit that breaks a budget is flagged at both ends of the call", () => {
  const dir = projectWith((t) =>
    t.replace(
      "retries: { perTryTimeout: 80ms }",
      "method: POST\n      retries: { perTryTimeout: 80ms, retryOn: [5xx] }",
    ),
  );

  it("names the caller's dependency entry and the callee's metadata.name, each at file:line:col (JSON)", async () => {
    const r = await run(["check", "--stack", "prod", "--format", "json"], dir);
    const report = JSON.parse(r.out) as { violations: Violation[] };
    const found = report.violations.filter((v) => v.domain === "resilience");
    expect(found.map((v) => v.policy).sort()).toEqual(["retry-amplification-bounded", "retry-only-idempotent"]);
    for (const v of found) {
      expect(v).toMatchObject({
        file: "services/checkout.yaml",
        line: lineOf(dir, "services/checkout.yaml", "retries: { perTryTimeout: 80ms, retryOn: [5xx] }"),
      });
      expect(v.related).toContainEqual({
        service: "inventory",
        path: "metadata.name",
        file: "services/inventory.yaml",
        line: lineOf(dir, "services/inventory.yaml", "name: inventory"),
        col: expect.any(Number) as number,
      });
    }
    const amplification = found.find((v) => v.policy === "retry-amplification-bounded");
    expect(amplification?.related?.[0]).toMatchObject({
      service: "report-worker",
      file: "services/report-worker.yaml",
      line: lineOf(dir, "services/report-worker.yaml", "retries: { retryOn"),
    });
  });

  it("prints the other end under the finding (text)", async () => {
    const r = await run(["check", "--stack", "prod"], dir);
    const line = lineOf(dir, "services/inventory.yaml", "name: inventory");
    expect(r.out).toMatch(new RegExp(`also: services/inventory\\.yaml:${line}:\\d+ metadata\\.name \\(inventory\\)`));
  });

  it("points SARIF related locations at the other spec file", async () => {
    const r = await run(["check", "--stack", "prod", "--format", "sarif"], dir);
    const sarif = JSON.parse(r.out) as {
      runs: {
        results: {
          ruleId: string;
          relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
      }[];
    };
    const result = sarif.runs[0]?.results.find((x) => x.ruleId === "retry-only-idempotent");
    expect(result?.relatedLocations?.map((l) => l.physicalLocation.artifactLocation.uri)).toEqual([
      "services/inventory.yaml",
    ]);
  });
});

describe("Linkerd failure accrual is one setting per callee", () => {
  const LINKERD = withMesh({ kind: "linkerd", version: "2.16" });
  const graph = (second: Record<string, unknown>) => [
    { name: "web", latency: "1s", dependencies: [calls("store", { circuitBreaker: { consecutiveErrors: 5 } })] },
    { name: "jobs", latency: "2s", dependencies: [calls("store", { circuitBreaker: second })] },
    { name: "store", latency: "100ms" },
  ];

  it("refuses two callers whose circuit breakers differ, naming both callers' entries and the callee", () => {
    const loaded = loadNodes(graph({ consecutiveErrors: 20 }), LINKERD);
    expect(loaded.diagnostics).toHaveLength(1);
    const [d] = loaded.diagnostics;
    expect(d).toMatchObject({ file: "services/jobs.yaml", path: "spec.dependencies[0].circuitBreaker" });
    expect(d?.message).toContain("must match the circuit breaker web declares for store");
    expect(d?.message).toContain("got consecutiveErrors 20, ejectionTime 30s");
    expect(d?.related?.map((r) => [r.file, r.path])).toEqual([
      ["services/web.yaml", "spec.dependencies[0].circuitBreaker"],
      ["services/store.yaml", "metadata.name"],
    ]);
    expect(d?.related?.every((r) => r.position.line > 1)).toBe(true);
  });

  it.each([
    ["callers that agree with Linkerd", { consecutiveErrors: 5 }, LINKERD],
    [
      "different circuit breakers with Istio, which configures each caller",
      { consecutiveErrors: 20 },
      withMesh({ kind: "istio", version: "1.27" }),
    ],
  ] as const)("accepts %s", (_what, second, stack) => {
    expect(loadNodes(graph(second), stack).diagnostics).toEqual([]);
  });
});
