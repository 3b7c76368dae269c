import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { renderKubernetes } from "../../components/render/kubernetes.js";
import { planExamples, STACKS } from "../support/project.js";
import { isBuiltInGroup, modelFor, schemaErrors } from "./kube-models.js";

interface KubeDoc {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
}

/** Every object exactly as `reliability plan` writes it (parsed back from the rendered YAML). */
function renderedObjects(stack: string): { file: string; object: KubeDoc }[] {
  return renderKubernetes(planExamples(stack).plan).flatMap((file) =>
    parseAllDocuments(file.text).map((doc) => {
      expect(doc.errors).toEqual([]);
      return { file: file.path, object: doc.toJS() as KubeDoc };
    }),
  );
}

const DEPLOYMENT = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "probe" },
  spec: { selector: { matchLabels: { app: "probe" } }, template: { metadata: { labels: { app: "probe" } }, spec: { containers: [{ name: "app", image: "app:1" }] } } },
};

function withPreStop(preStop: object): object {
  const container = { ...DEPLOYMENT.spec.template.spec.containers[0], lifecycle: { preStop } };
  return { ...DEPLOYMENT, spec: { ...DEPLOYMENT.spec, template: { ...DEPLOYMENT.spec.template, spec: { containers: [container] } } } };
}

describe("Kubernetes schema conformance", () => {
  it.each(STACKS.map((s) => [s]))("every built-in object rendered for the %s stack validates against kubernetes-models", async (stack) => {
    const objects = renderedObjects(stack);
    expect(objects.filter((o) => o.object.kind === "Deployment").length).toBeGreaterThanOrEqual(3);
    const problems: string[] = [];
    for (const { file, object } of objects) {
      if (!isBuiltInGroup(object.apiVersion)) continue;
      for (const error of await schemaErrors(object)) problems.push(`${file} ${object.kind}/${object.metadata.name}: ${error}`);
    }
    expect(problems).toEqual([]);
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
    if (builtIn) expect((await modelFor(apiVersion, kind))?.kind).toBe(kind);
  });

  it("reports a built-in kind without a model instead of skipping it", async () => {
    expect(await schemaErrors({ apiVersion: "apps/v1", kind: "Deploymnt" })).toEqual(["no kubernetes-models class for apps/v1 Deploymnt"]);
  });

  it("rejects an object that breaks the schema, so the conformance check can fail", async () => {
    const errors = await schemaErrors({ ...DEPLOYMENT, spec: { ...DEPLOYMENT.spec, replicas: "three" } });
    expect(errors.join("\n")).toContain("spec/replicas must be integer");
  });

  it("knows lifecycle.preStop.sleep: accepts whole seconds and rejects a string", async () => {
    expect(await schemaErrors(withPreStop({ sleep: { seconds: 10 } }) as KubeDoc)).toEqual([]);
    expect((await schemaErrors(withPreStop({ sleep: { seconds: "10s" } }) as KubeDoc)).join("\n")).toContain("preStop/sleep/seconds must be integer");
  });
});
