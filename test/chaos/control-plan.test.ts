import { describe, expect, it } from "vitest";
import type { Plan } from "../../components/core/plan/types.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import { planExamples } from "../support/project.js";
import { chaosSpec, oneRegionStack, schedules, templates, tryPlan } from "./support.js";

const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";

function controls(plan: Plan) {
  return plan.services
    .flatMap((s) => s.resources)
    .filter((r) => r.type === CONFIG_MAP && r.key.endsWith("/ChaosControl"));
}

const KILL = { experiments: [{ name: "kill", action: "pod-kill", schedule: "0 10 * * 2" }] };

function plan(chaos: Record<string, unknown>, stack: StackConfig = oneRegionStack("staging")): Plan {
  const { plan: planned, errors } = tryPlan(chaosSpec(chaos), stack);
  if (!planned) throw new Error(errors.join("\n"));
  return planned;
}

describe("the chaos control ConfigMap", () => {
  it("is planned once per region where a service's Schedules run, in its namespace, created active", () => {
    const prod = planExamples("prod").plan;
    expect(controls(prod).map((r) => r.key)).toEqual([
      "checkout/us-east-1/ChaosControl",
      "checkout/eu-west-1/ChaosControl",
      "inventory/us-east-1/ChaosControl",
      "inventory/eu-west-1/ChaosControl",
    ]);
    for (const r of controls(prod)) {
      expect(r.props).toMatchObject({
        metadata: { name: "reliability-chaos-control", namespace: r.service },
        data: { [`${r.service}.state`]: "active" },
      });
    }
  });

  it("is left to the control commands after creation: Pulumi ignores its data", () => {
    for (const r of controls(planExamples("prod").plan)) expect(r.opts.ignoreChanges).toEqual(["data"]);
  });

  it.each([
    ["chaos is disabled for the environment", { ...KILL, enabled: false }],
    ["no experiment is declared", { experiments: [] }],
  ])("is not planned when %s", (_name, chaos) => {
    expect(controls(plan(chaos))).toEqual([]);
  });

  it("is mounted non-optional by the gate of every Schedule, which reads the service's own state", () => {
    for (const s of schedules(planExamples("prod").plan)) {
      const gate = templates(s).find((t) => t["name"] === "gate");
      expect(gate?.["task"]).toMatchObject({
        container: {
          env: expect.arrayContaining([{ name: "GATE_SERVICE", value: s.metadata["namespace"] }]),
          volumeMounts: expect.arrayContaining([
            { name: "chaos-control", mountPath: "/etc/reliability/chaos-control", readOnly: true },
          ]),
        },
        volumes: expect.arrayContaining([
          { name: "chaos-control", configMap: { name: "reliability-chaos-control", optional: false } },
        ]),
      });
    }
  });

  it("uses the stack's gate image when it names one", () => {
    const stack = oneRegionStack("staging");
    const own = { ...stack, chaosMesh: { ...stack.chaosMesh, gateImage: "registry.acme.example/curl:8.11.1" } };
    const [schedule] = schedules(plan(KILL, own));
    const gate = schedule ? templates(schedule).find((t) => t["name"] === "gate") : undefined;
    expect(gate?.["task"]).toMatchObject({ container: { image: "registry.acme.example/curl:8.11.1" } });
  });
});
