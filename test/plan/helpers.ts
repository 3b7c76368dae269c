import type { Container, PodSpec } from "kubernetes-types/core/v1";
import type { Plan, PlannedResource } from "../../components/core/plan/types.js";
import { baseSpec, exampleStack, planObject, setPath } from "../support/project.js";

/** Kubernetes objects of a plan by kind (all regions). */
export function ofKind(plan: Plan, kind: string): PlannedResource[] {
  return plan.services.flatMap((s) => s.resources).filter((r) => r.type.endsWith(`:${kind}`));
}

/** The only object of a kind in a one-region plan. */
export function single(plan: Plan, kind: string): Record<string, unknown> {
  const found = ofKind(plan, kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return (found[0] as PlannedResource).props as Record<string, unknown>;
}

/** Plans the base spec with changes applied (`"spec.workload.replicas": 3`) for the dev stack. */
export function planWith(changes: Record<string, unknown>, stack = "dev"): Plan {
  const spec = baseSpec();
  for (const [path, value] of Object.entries(changes)) setPath(spec, path, value);
  return planObject(spec, exampleStack(stack));
}

/** The pod spec of the only Deployment. */
export function podOf(plan: Plan): PodSpec {
  const deployment = single(plan, "Deployment") as { spec: { template: { spec: PodSpec } } };
  return deployment.spec.template.spec;
}

/** The main container of the only Deployment. */
export function containerOf(plan: Plan): Container {
  const container = podOf(plan).containers[0];
  if (!container) throw new Error("no container");
  return container;
}
