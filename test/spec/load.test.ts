import { describe, expect, it } from "vitest";
import { baseSpec, exampleStack, loadObject, setPath } from "../support/project.js";

describe("loading a spec", () => {
  it("resolves a minimal standard-tier spec with the tier's defaults", () => {
    const { services, diagnostics } = loadObject(baseSpec(), exampleStack("dev"));
    expect(diagnostics).toEqual([]);
    expect(services[0]?.workload.scaling).toEqual({ kind: "fixed", replicas: 2 });
  });

  it("points an unknown field at its key with a suggestion", () => {
    const spec = setPath(baseSpec(), "spec.workload.replcas", 3);
    const { diagnostics } = loadObject(spec);
    expect(diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual([
      'spec.workload.replcas: unknown field "replcas"; did you mean "replicas"?',
    ]);
  });
});
