import type { StackConfig } from "../../components/core/stack/config.js";
import type { Plan, PlannedResource, ServicePlan } from "../../components/core/plan/types.js";
import { baseSpec, exampleStack, loadObject, planObject, setPath } from "../support/project.js";

/** A two-region spec (us-east-1 primary, eu-west-1 secondary) with one change applied per dotted path. */
export function multiRegionSpec(changes: Record<string, unknown> = {}, tier = "critical"): Record<string, unknown> {
  const spec = baseSpec();
  setPath(spec, "metadata.tier", tier);
  setPath(spec, "spec.regions", ["us-east-1", "eu-west-1"]);
  setPath(spec, "spec.database", {
    engine: "aurora-postgresql",
    version: "16.4",
    instanceClass: "db.r6g.large",
    primaryRegion: "us-east-1",
    secondaryRegions: ["eu-west-1"],
  });
  for (const [path, value] of Object.entries(changes)) setPath(spec, path, value);
  return spec;
}

/** Plans a spec for an example stack and returns its only service. */
export function planService(spec: unknown, stack: StackConfig | string = "prod"): ServicePlan {
  const plan: Plan = planObject(spec, typeof stack === "string" ? exampleStack(stack) : stack);
  const service = plan.services[0];
  if (!service) throw new Error("no service planned");
  return service;
}

/** The resources of a given type token. */
export function ofType(service: ServicePlan, type: string): PlannedResource[] {
  return service.resources.filter((r) => r.type === type);
}

/** The one resource with a key. */
export function byKey(service: ServicePlan, key: string): PlannedResource {
  const found = service.resources.find((r) => r.key === key);
  if (!found) throw new Error(`no resource ${key}; have ${service.resources.map((r) => r.key).join(", ")}`);
  return found;
}

/** The spec problems loading reports, as `path: message` lines. */
export function specProblems(spec: unknown, stack: StackConfig | string = "prod"): string[] {
  return loadObject(spec, typeof stack === "string" ? exampleStack(stack) : stack).diagnostics.map(
    (d) => `${d.path}: ${d.message}`,
  );
}
