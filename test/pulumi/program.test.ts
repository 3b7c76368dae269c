import { describe, expect, it } from "vitest";
import { RELIABLE_SERVICE_TYPE } from "../../components/core/conventions.js";
import type { Plan, PlannedResource } from "../../components/core/plan/types.js";
import { SHARED_RESOURCES_NAME, SHARED_RESOURCES_TYPE } from "../../components/core/shared-names.js";
import { planExamples, STACKS } from "../support/project.js";
import { runUnderMocks } from "../support/pulumi.js";

/** Every resource of a plan: each service's, then what the stack shares. */
const allResources = (plan: Plan): PlannedResource[] => [
  ...plan.services.flatMap((s) => s.resources),
  ...(plan.shared?.resources ?? []),
];

describe.each(STACKS)("the Pulumi program for stack %s", (stack) => {
  it("registers exactly the plan's resources, each with the provider of its region", async () => {
    const registered = await runUnderMocks(stack);
    const { plan } = planExamples(stack);
    const planned = allResources(plan).map((r) => `${r.type} ${r.name} via ${r.provider}-${r.region}`);
    // Generated passwords (random:*) come from the plan's secret references, not its resource list.
    const actual = registered
      .filter((r) => r.custom && !r.type.startsWith("pulumi:providers:") && !r.type.startsWith("random:"))
      .map((r) => `${r.type} ${r.name} via ${r.provider ?? "none"}`);
    expect(actual.sort()).toEqual(planned.sort());
  });

  it("creates one provider per planned region and family, one component per service and one for what the stack shares", async () => {
    const registered = await runUnderMocks(stack);
    const { plan } = planExamples(stack);
    const providers = registered
      .filter((r) => r.type.startsWith("pulumi:providers:"))
      .map((r) => `${r.type} ${r.name}`);
    expect(providers.sort()).toEqual(plan.providers.map((p) => `pulumi:providers:${p.kind} ${p.name}`).sort());
    const components = registered.filter((r) => r.type === RELIABLE_SERVICE_TYPE).map((r) => r.name);
    expect(components.sort()).toEqual(plan.services.map((s) => s.service).sort());
    const shared = registered.filter((r) => r.type === SHARED_RESOURCES_TYPE).map((r) => r.name);
    expect(shared).toEqual(plan.shared ? [SHARED_RESOURCES_NAME] : []);
  });

  it("passes every resource exactly the inputs the plan holds", async () => {
    const registered = await runUnderMocks(stack);
    const { plan } = planExamples(stack);
    const byName = new Map(registered.map((r) => [`${r.type} ${r.name}`, r.inputs]));
    for (const r of allResources(plan).filter((x) => x.provider === "kubernetes")) {
      expect(byName.get(`${r.type} ${r.name}`), r.key).toMatchObject(r.props as Record<string, unknown>);
    }
  });
});
