import { describe, expect, it } from "vitest";
import { planExamples } from "../support/project.js";
import { chaosSpec, oneRegionStack, schedules, tryPlan } from "./support.js";

const experiment = { name: "kill", action: "pod-kill", schedule: "0 10 * * 2" };

describe("chaos gates", () => {
  it.each([
    [
      "an environment overlay disables chaos",
      "standard",
      { experiments: [experiment] },
      { dev: { chaos: { enabled: false } } },
      "dev",
      true,
      "chaos.enabled is false in environment dev",
    ],
    [
      "the tier runs no chaos by default",
      "best-effort",
      { experiments: [experiment] },
      undefined,
      "staging",
      true,
      "tier best-effort runs no chaos unless chaos.enabled is true",
    ],
    [
      "the stack has no Chaos Mesh",
      "standard",
      { experiments: [experiment] },
      undefined,
      "staging",
      false,
      "stack prod has no Chaos Mesh (reliability:chaosMesh.installed is false)",
    ],
    ["nothing is declared", "standard", {}, undefined, "staging", true, "no experiments declared"],
  ])("plan no Schedule when %s", (_, tier, chaos, environments, env, installed, reason) => {
    const spec = chaosSpec(chaos, tier);
    if (environments) (spec["spec"] as Record<string, unknown>)["environments"] = environments;
    const stack = { ...oneRegionStack(env), chaosMesh: { installed } };
    const { plan, errors } = tryPlan(spec, stack);
    expect(errors).toEqual([]);
    expect(schedules(plan ?? (undefined as never))).toEqual([]);
    expect(plan?.services[0]?.analysis.chaos).toMatchObject({ enabled: false, reason });
  });

  it.each([
    ["an explicit chaos.enabled on a best-effort service", "best-effort", { enabled: true, experiments: [experiment] }],
    ["a standard service with experiments", "standard", { experiments: [experiment] }],
  ])("plan Schedules for %s", (_, tier, chaos) => {
    const spec = chaosSpec(chaos, tier);
    (spec["spec"] as Record<string, Record<string, unknown>>)["workload"] = {
      ...(spec["spec"] as Record<string, Record<string, unknown>>)["workload"],
      disruption: { maxUnavailable: 1 },
    };
    const { plan, errors } = tryPlan(spec, oneRegionStack("staging"));
    expect(errors).toEqual([]);
    expect(schedules(plan ?? (undefined as never)).map((s) => s.metadata["name"])).toEqual(["orders-kill"]);
  });

  it("keeps the same experiment out of two regions at the same time in every example stack", () => {
    for (const stack of ["staging", "prod"]) {
      const checkout = planExamples(stack).plan.services.find((s) => s.service === "checkout");
      const offsets = checkout?.analysis.chaos?.experiments[0]?.regions.map((r) => [r.region, r.offsetMinutes]);
      expect(offsets).toEqual([
        ["us-east-1", 0],
        ["eu-west-1", 15],
      ]);
    }
  });

  it("plans no chaos for the best-effort example and explains why", () => {
    const worker = planExamples("prod").plan.services.find((s) => s.service === "report-worker");
    expect(worker?.analysis.chaos).toMatchObject({ enabled: false, reason: "no experiments declared" });
  });
});
