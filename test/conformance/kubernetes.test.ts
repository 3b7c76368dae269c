import { describe, expect, it } from "vitest";
import { STACKS } from "../support/project.js";
import { isBuiltInGroup, modelFor, schemaErrors } from "./kube-models.js";
import { crdErrors } from "./crds.js";
import { openApiErrors, openApiKinds } from "./openapi.js";
import { isBuiltIn, renderedObjects } from "./rendered.js";

const DEPLOYMENT = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "probe" },
  spec: {
    selector: { matchLabels: { app: "probe" } },
    template: { metadata: { labels: { app: "probe" } }, spec: { containers: [{ name: "app", image: "app:1" }] } },
  },
};

function withPreStop(preStop: object): typeof DEPLOYMENT {
  const container = { ...DEPLOYMENT.spec.template.spec.containers[0], lifecycle: { preStop } };
  return {
    ...DEPLOYMENT,
    spec: { ...DEPLOYMENT.spec, template: { ...DEPLOYMENT.spec.template, spec: { containers: [container] } } },
  } as typeof DEPLOYMENT;
}

/** `file Kind/name: error` for every schema error of the selected objects. */
function problems(stack: string, builtIn: boolean, errors: (o: object) => string[]): string[] {
  return renderedObjects(stack)
    .filter((r) => isBuiltIn(r.object) === builtIn)
    .flatMap((r) => errors(r.object).map((e) => `${r.file} ${r.object.kind}/${r.object.metadata?.name ?? ""}: ${e}`));
}

describe.each(STACKS)("objects rendered for the %s stack", (stack) => {
  it("include a Deployment per example service", () => {
    expect(renderedObjects(stack).filter((r) => r.object.kind === "Deployment").length).toBeGreaterThanOrEqual(3);
  });

  it("validate against kubernetes-models when built in", async () => {
    const found: string[] = [];
    for (const { file, object } of renderedObjects(stack).filter((r) => isBuiltIn(r.object))) {
      for (const error of await schemaErrors(object))
        found.push(`${file} ${object.kind}/${object.metadata?.name ?? ""}: ${error}`);
    }
    expect(found).toEqual([]);
  });

  it("validate against the vendored Kubernetes 1.30 OpenAPI with unknown fields refused when built in", () => {
    expect(problems(stack, true, openApiErrors)).toEqual([]);
  });

  // The first call compiles the CRD schemas (the AlertmanagerConfig CRD alone is 800 kB).
  it("validate against their vendored CRDs with unknown fields refused when custom", () => {
    expect(problems(stack, false, crdErrors)).toEqual([]);
  }, 60_000);
});

describe("Kubernetes schema conformance", () => {
  it("has a vendored OpenAPI definition for every built-in kind the example stacks render", () => {
    const rendered = new Set(
      STACKS.flatMap((s) =>
        renderedObjects(s)
          .filter((r) => isBuiltIn(r.object))
          .map((r) => `${r.object.apiVersion} ${r.object.kind}`),
      ),
    );
    expect([...rendered].filter((k) => !openApiKinds().includes(k))).toEqual([]);
    expect(rendered.size).toBeGreaterThanOrEqual(6);
  });

  it.each([
    ["v1", "Namespace", true],
    ["apps/v1", "Deployment", true],
    ["policy/v1", "PodDisruptionBudget", true],
    ["autoscaling/v2", "HorizontalPodAutoscaler", true],
    ["networking.k8s.io/v1", "NetworkPolicy", true],
    ["monitoring.coreos.com/v1", "PrometheusRule", false],
    ["chaos-mesh.org/v1alpha1", "Schedule", false],
  ])("treats %s %s as built-in: %s", async (apiVersion, kind, builtIn) => {
    expect(isBuiltInGroup(apiVersion)).toBe(builtIn);
    expect(isBuiltIn({ apiVersion })).toBe(builtIn);
    if (builtIn) expect((await modelFor(apiVersion, kind))?.kind).toBe(kind);
  });

  it("reports a built-in kind without a model or a vendored definition instead of skipping it", async () => {
    expect(await schemaErrors({ apiVersion: "apps/v1", kind: "Deploymnt" })).toEqual([
      "no kubernetes-models class for apps/v1 Deploymnt",
    ]);
    expect(openApiErrors({ apiVersion: "apps/v1", kind: "Deploymnt" })[0]).toMatch(
      /^no vendored OpenAPI definition for apps\/v1 Deploymnt/,
    );
    expect(crdErrors({ apiVersion: "example.com/v1", kind: "Widget" })[0]).toMatch(
      /^no vendored CRD for example.com\/v1 Widget/,
    );
  });

  it("rejects an object that breaks the schema, so the conformance check can fail", async () => {
    const broken = { ...DEPLOYMENT, spec: { ...DEPLOYMENT.spec, replicas: "three" } };
    expect((await schemaErrors(broken)).join("\n")).toContain("spec/replicas must be integer");
    expect(openApiErrors(broken).join("\n")).toContain("/spec/replicas must be integer");
  });

  it("knows lifecycle.preStop.sleep: accepts whole seconds and rejects a string", async () => {
    expect(await schemaErrors(withPreStop({ sleep: { seconds: 10 } }))).toEqual([]);
    expect(openApiErrors(withPreStop({ sleep: { seconds: 10 } }))).toEqual([]);
    expect((await schemaErrors(withPreStop({ sleep: { seconds: "10s" } }))).join("\n")).toContain(
      "preStop/sleep/seconds must be integer",
    );
  });

  it("is stricter than kubernetes-models: a misplaced field passes the models and fails the vendored OpenAPI", async () => {
    const misplaced = withPreStop({ sleep: { seconds: 10 }, seconds: 10 });
    expect(await schemaErrors(misplaced)).toEqual([]);
    expect(openApiErrors(misplaced).join("\n")).toContain("preStop must NOT have additional properties");
  });
});
