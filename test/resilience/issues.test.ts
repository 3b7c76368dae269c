import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../components/core/spec/errors.js";
import { toPlan } from "../../components/plan/index.js";
import { loadSpecs } from "../../components/spec/load.js";
import { exampleStack, readRepoFile } from "../support/project.js";
import { calls, loadNodes } from "./support.js";

const EXAMPLES = ["services/checkout.yaml", "services/inventory.yaml", "services/report-worker.yaml"];

/** The example services, one of them edited. */
function examplesWith(file: string, edit: (text: string) => string) {
  return loadSpecs(
    EXAMPLES.map((f) => ({ file: f, text: f === file ? edit(readRepoFile(f)) : readRepoFile(f) })),
    exampleStack("prod"),
  );
}

describe("settings no call can work with are refused at plan time, naming both ends of the call", () => {
  it("refuses tries that do not fit in the route timeout, at the caller's retries and the callee's spec", () => {
    const loaded = examplesWith("services/checkout.yaml", (t) =>
      t.replace("retries: { perTryTimeout: 80ms }", "retries: { perTryTimeout: 200ms, attempts: 2 }"),
    );
    const [d] = loaded.diagnostics;
    expect(loaded.diagnostics).toHaveLength(1);
    expect(d?.file).toBe("services/checkout.yaml");
    expect(d?.path).toBe("spec.dependencies[2].retries");
    expect(d?.message).toContain("(1 + 2) × 200ms + 100ms = 700ms, got timeout 300ms");
    expect(d?.related?.[0]).toMatchObject({ file: "services/inventory.yaml", path: "metadata.name" });
    const line = readRepoFile("services/checkout.yaml")
      .split("\n")
      .findIndex((l) => l.includes("retries: { perTryTimeout: 80ms }"));
    expect(d?.position.line).toBe(line + 1);
    expect(formatDiagnostic(d!)).toMatch(
      /^services\/checkout\.yaml:\d+:\d+ .* \(see also metadata\.name at services\/inventory\.yaml:7:\d+\)$/,
    );
  });

  it("refuses a call that outlives the deadline its caller gives, at both calls", () => {
    const loaded = examplesWith("services/checkout.yaml", (t) =>
      t.replace("retries: { perTryTimeout: 80ms }", "timeout: 6s\n      retries: { perTryTimeout: 80ms }"),
    );
    const d = loaded.diagnostics.find((x) => x.path === "spec.dependencies[2].timeout");
    expect(d?.message).toContain("must be shorter than the 5000ms report-worker allows checkout");
    expect(d?.related?.map((r) => r.file)).toEqual(["services/report-worker.yaml", "services/inventory.yaml"]);
  });

  it("reports a dependency cycle with every call on it", () => {
    const loaded = loadNodes([
      { name: "alpha", dependencies: [calls("beta", { timeout: "1s" })] },
      { name: "beta", dependencies: [calls("alpha", { timeout: "500ms" })] },
    ]);
    const cycle = loaded.diagnostics.find((d) => d.message.includes("cycle"));
    expect(cycle?.message).toContain("alpha → beta → alpha");
    expect(cycle?.related?.[0]?.file).toBe("services/beta.yaml");
  });

  it("asks a critical service for the timeout of a call nothing can derive it for", () => {
    const loaded = loadNodes([
      { name: "front", tier: "critical", dependencies: [{ name: "db", kind: "database", port: 5432 }] },
    ]);
    expect(loaded.diagnostics.map((d) => d.path)).toContain("spec.dependencies[0]");
  });

  it("refuses a fallback naming an undeclared dependency", () => {
    const loaded = loadNodes([
      { name: "front", dependencies: [calls("back", { fallback: { dependency: "cache" } })] },
      { name: "back" },
    ]);
    expect(loaded.diagnostics[0]?.message).toContain(
      'must name another dependency declared in spec.dependencies (none), got "cache"',
    );
  });

  it("plans the example services cleanly in every example stack", () => {
    for (const stack of ["dev", "staging", "prod"]) {
      const loaded = loadSpecs(
        EXAMPLES.map((f) => ({ file: f, text: readRepoFile(f) })),
        exampleStack(stack),
      );
      expect(loaded.diagnostics).toEqual([]);
      expect(() => toPlan(loaded.services, exampleStack(stack))).not.toThrow();
    }
  });
});
