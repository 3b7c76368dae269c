import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { renderKubernetes } from "../../components/render/kubernetes.js";
import { planExamples, STACKS } from "../support/project.js";

/** A prometheus-operator model class from `@kubernetes-models/prometheus-operator`. */
interface OperatorModel {
  new (data: object): { validate(): void };
}

async function model(version: string, kind: string): Promise<OperatorModel> {
  const module = (await import(
    /* @vite-ignore */ `@kubernetes-models/prometheus-operator/monitoring.coreos.com/${version}/${kind}`
  )) as Record<string, OperatorModel>;
  const found = module[kind];
  if (!found) throw new Error(`no model for ${kind}`);
  return found;
}

function validationErrors(Model: OperatorModel, object: object): string[] {
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

describe.each(STACKS)("prometheus-operator objects rendered for the %s stack", (stack) => {
  const objects = renderKubernetes(planExamples(stack).plan).flatMap((f) =>
    parseAllDocuments(f.text).map((d) => d.toJS() as { apiVersion: string; kind: string }),
  );

  it.each([
    ["v1", "PrometheusRule"],
    ["v1alpha1", "AlertmanagerConfig"],
  ])("validate as %s %s against @kubernetes-models/prometheus-operator", async (version, kind) => {
    const Model = await model(version, kind);
    const mine = objects.filter((o) => o.kind === kind);
    expect(mine.length).toBeGreaterThan(0);
    for (const o of mine) expect(validationErrors(Model, o)).toEqual([]);
  });

  it("a PrometheusRule with a group-level `limit` of the wrong type is rejected (the validation is real)", async () => {
    const Model = await model("v1", "PrometheusRule");
    const rule = objects.find((o) => o.kind === "PrometheusRule") as unknown as { spec: { groups: object[] } };
    const broken = { ...rule, spec: { groups: [{ ...rule.spec.groups[0], limit: "many" }] } };
    expect(validationErrors(Model, broken)).not.toEqual([]);
  });
});
