import { CHAOS_MESH_API_VERSION, SCHEDULE_TYPE } from "../../components/domains/chaos/resources.js";
import type { DomainModule } from "../../components/core/module.js";
import type { Plan, PlannedResource } from "../../components/core/plan/types.js";
import type { ResolvedService, ServiceInput } from "../../components/core/spec/service.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import { serviceSchema } from "../../components/spec/schema/index.js";
import { baseSpec, exampleStack, loadObject, setPath } from "../support/project.js";
import { toPlan } from "../../components/plan/index.js";

/** A Kubernetes object as rendered (apiVersion and kind added to the props). */
export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown>;
  spec: Record<string, unknown>;
};

/** Every Chaos Mesh Schedule of a plan, as the objects `kubectl apply` would get. */
export function schedules(plan: Plan): KubeObject[] {
  return plan.services
    .flatMap((s) => s.resources)
    .filter((r) => r.type === SCHEDULE_TYPE)
    .map(asObject);
}

function asObject(r: PlannedResource): KubeObject {
  return {
    apiVersion: CHAOS_MESH_API_VERSION,
    kind: "Schedule",
    ...(r.props as unknown as Omit<KubeObject, "apiVersion" | "kind">),
  };
}

/** The Workflow templates of a Schedule. */
export function templates(schedule: KubeObject): Record<string, unknown>[] {
  return ((schedule.spec["workflow"] as Record<string, unknown>)["templates"] as Record<string, unknown>[]) ?? [];
}

/** Chaos Mesh kind of an embedded chaos field (`podChaos` → `PodChaos`, `dnsChaos` → `DNSChaos`), read independently of the planner. */
export function kindOfField(field: string): string {
  const special: Record<string, string> = {
    dnsChaos: "DNSChaos",
    httpChaos: "HTTPChaos",
    ioChaos: "IOChaos",
    jvmChaos: "JVMChaos",
  };
  return special[field] ?? `${field[0]?.toUpperCase() ?? ""}${field.slice(1)}`;
}

/** The chaos objects a Schedule's Workflow creates, as standalone objects of their kind. */
export function embeddedChaos(schedule: KubeObject): KubeObject[] {
  return templates(schedule).flatMap((t) =>
    Object.entries(t)
      .filter(([k]) => k.endsWith("Chaos"))
      .map(([field, spec]) => ({
        apiVersion: CHAOS_MESH_API_VERSION,
        kind: kindOfField(field),
        metadata: {
          name: `${String(schedule.metadata["name"])}-abcdef`,
          namespace: schedule.metadata["namespace"] as string,
        },
        spec: spec as Record<string, unknown>,
      })),
  );
}

/** A stack like prod with one region, for small specs. */
export function oneRegionStack(environment = "prod"): StackConfig {
  const prod = exampleStack("prod");
  const region = prod.regions["us-east-1"];
  if (!region) throw new Error("prod stack lost us-east-1");
  return { ...prod, environment, regions: { "us-east-1": region } };
}

/** The base spec with a chaos section and three replicas (PDB allows one). */
export function chaosSpec(chaos: Record<string, unknown>, tier = "standard"): Record<string, unknown> {
  const spec = baseSpec();
  setPath(spec, "metadata.tier", tier);
  setPath(spec, "spec.workload.replicas", 3);
  setPath(spec, "spec.workload.disruption", { maxUnavailable: 1 });
  setPath(spec, "spec.dependencies", [
    { name: "orders-db", kind: "database", host: "orders-db.db.acme.internal", port: 5432, timeout: "500ms" },
    { name: "payments", kind: "external", host: "api.payments.example", port: 443, timeout: "2s" },
    { name: "inventory", kind: "service", service: "inventory", port: 9090, timeout: "1s" },
  ]);
  setPath(spec, "spec.chaos", chaos);
  return spec;
}

/** Loads and plans one spec; returns the plan or every diagnostic as `path: message`. */
export function tryPlan(spec: unknown, stack: StackConfig): { plan?: Plan; errors: string[] } {
  const loaded = loadObject(spec, stack);
  if (loaded.diagnostics.length > 0) return { errors: loaded.diagnostics.map((d) => `${d.path}: ${d.message}`) };
  try {
    return { plan: toPlan(loaded.services, stack), errors: [] };
  } catch (error) {
    const diagnostics = (error as { diagnostics?: { path: string; message: string }[] }).diagnostics;
    if (!diagnostics) throw error;
    return { errors: diagnostics.map((d) => `${d.path}: ${d.message}`) };
  }
}

/** A service whose chaos section went through a chaos module of the test's own (schema, resolution, checks), or every problem as `path: message`. */
export interface ModuleResult {
  /** The resolved service, when the section is valid. */
  readonly service?: ResolvedService;
  /** The spec as written, the chaos section parsed by the module. */
  readonly input?: ServiceInput;
  /** Schema and check problems. */
  readonly errors: string[];
}

/**
 * Loads a `chaosSpec` without its chaos section (the catalogue's module never sees it), then
 * validates, resolves and checks the section with `module`, as the loader does with the registered one.
 */
export function throughModule(module: DomainModule, spec: Record<string, unknown>, stack: StackConfig): ModuleResult {
  const { chaos: section, ...rest } = spec["spec"] as Record<string, unknown>;
  const without = { ...spec, spec: rest };
  const [loaded] = loadObject(without, stack).services;
  const parsed = module.sections.chaos?.safeParse(section);
  if (!loaded || !parsed) throw new Error("the spec without chaos must load and the module must own spec.chaos");
  if (!parsed.success)
    return { errors: parsed.error.issues.map((i) => `spec.chaos.${i.path.join(".")}: ${i.message}`) };
  const written = serviceSchema.parse(without);
  const input: ServiceInput = { ...written, spec: { ...written.spec, ...(parsed.data ? { chaos: parsed.data } : {}) } };
  const service: ResolvedService = { ...loaded, ...module.resolve(input, { base: loaded, stack }) };
  const errors = module.checks
    .flatMap((check) => check({ service, input, stack }))
    .map((i) => `${i.path.join(".")}: ${i.message}`);
  return { service, input, errors };
}
