import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../../components/core/defaults.js";
import { formatDiagnostic } from "../../components/core/spec/errors.js";
import { baseSpec, exampleStack, loadObject, setPath } from "../support/project.js";

describe("environment overlays", () => {
  it.each([
    [
      "replaces a scalar",
      { workload: { replicas: 4 } },
      (s: Svc) => s.workload.scaling,
      { kind: "fixed", replicas: 4 },
    ],
    ["replaces a list instead of merging it", { regions: ["us-east-1"] }, (s: Svc) => s.regions, ["us-east-1"]],
    [
      "merges a mapping key by key",
      { workload: { resources: { memory: "1Gi" } } },
      (s: Svc) => s.workload.resources,
      {
        cpu: "250m",
        memory: "1Gi",
        memoryLimit: "1Gi",
        ephemeralStorage: DEFAULTS.ephemeralStorage,
        ephemeralStorageLimit: DEFAULTS.ephemeralStorageLimit,
      },
    ],
    [
      "removes a field set to null",
      { workload: { replicas: null } },
      (s: Svc) => s.workload.scaling,
      { kind: "fixed", replicas: 2 },
    ],
  ])("%s for the stack's environment", (_name, overlay, pick, expected) => {
    const spec = setPath(
      setPath(setPath(baseSpec(), "spec.workload.replicas", 3), "spec.workload.resources", { cpu: "250m" }),
      "spec.regions",
      ["us-east-1", "eu-west-1"],
    );
    setPath(spec, "spec.environments", { prod: overlay, dev: { workload: { replicas: 1 } } });
    const { services, diagnostics } = loadObject(spec, exampleStack("prod"));
    expect(diagnostics).toEqual([]);
    expect(services[0] && pick(services[0])).toEqual(expected);
    expect(services[0]?.environment).toBe("prod");
  });

  it("validates only the stack's environment when planning, and every environment without a stack", () => {
    const spec = setPath(baseSpec(), "spec.environments", { staging: { workload: { replicas: "many" } } });
    expect(loadObject(spec, exampleStack("prod")).diagnostics).toEqual([]);
    expect(loadObject(spec).diagnostics.map(formatDiagnostic)).toEqual([
      'services/orders.yaml:29:19 spec.environments.staging.workload.replicas: must be an integer between 1 and 1000, got "many"',
    ]);
  });

  it("points a cross-field problem the overlay causes at the overlay", () => {
    const spec = setPath(baseSpec(), "spec.environments", {
      dev: { workload: { probes: { readiness: { periodSeconds: 5, timeoutSeconds: 9 } } } },
    });
    expect(loadObject(spec, exampleStack("dev")).diagnostics.map(formatDiagnostic)).toEqual([
      "services/orders.yaml:32:29 spec.environments.dev.workload.probes.readiness.timeoutSeconds: must be at most periodSeconds (5) so checks do not overlap, got 9",
    ]);
  });

  it("names the overlay's field when planning rejects a value the overlay sets, as the loader reports it", () => {
    const spec = setPath(baseSpec(), "spec.indicators", {
      availability: { errors: "sum(rate(e[{{window}}]))", total: "sum(rate(t[{{window}}]))" },
    });
    setPath(spec, "spec.environments", { dev: { indicators: { availability: { total: "sum(rate(t[{{window}}])" } } } });
    const { services, diagnostics } = loadObject(spec, exampleStack("dev"));
    expect(services).toEqual([]);
    expect(diagnostics.map((d) => d.path)).toEqual(["spec.environments.dev.indicators.availability.total"]);
    expect(diagnostics[0]?.message).toMatch(/^must be valid PromQL/);
  });

  it("gives each environment its own spec hash", () => {
    const spec = setPath(baseSpec(), "spec.environments", { dev: { workload: { replicas: 1 } } });
    const dev = loadObject(setPath(structuredClone(spec), "metadata.tier", "best-effort"), exampleStack("dev"))
      .services[0]?.specHash;
    const prod = loadObject(setPath(structuredClone(spec), "metadata.tier", "best-effort"), exampleStack("prod"))
      .services[0]?.specHash;
    expect(dev).toMatch(/^[0-9a-f]{16}$/);
    expect(prod).toMatch(/^[0-9a-f]{16}$/);
    expect(dev).not.toBe(prod);
  });
});

type Svc = NonNullable<ReturnType<typeof loadObject>["services"][number]>;
