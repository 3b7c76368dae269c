import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Plan } from "../../components/core/plan/types.js";
import type { ResolvedService } from "../../components/core/spec/service.js";
import { pattern } from "../../components/core/spec/fields.js";
import { defineAction, type ActionRegistry } from "../../components/domains/chaos/actions/action.js";
import { CHAOS_ACTIONS } from "../../components/domains/chaos/actions/index.js";
import { chaosModule } from "../../components/domains/chaos/index.js";
import { toPlan } from "../../components/plan/index.js";
import { checkPlan } from "../../policies/run.js";
import { loadObject } from "../support/project.js";
import { crdErrors } from "./crd.js";
import { chaosSpec, embeddedChaos, oneRegionStack, schedules, templates, throughModule, tryPlan } from "./support.js";
import { webhookProblems } from "./webhook.js";

/**
 * An action the catalogue does not have, added by a registry built in this test alone: it goes
 * through the schema, resolution, checks, planner and policy rules of a chaos module built from
 * that registry, with no production file edited.
 */
const clockSkew = defineAction({
  action: "clock-skew",
  kind: "TimeChaos",
  field: "timeChaos",
  instant: false,
  disruptive: false,
  targeted: "never",
  params: z.strictObject({
    timeOffset: pattern(/^-?\d+(ms|s|m|h)$/, "must be a signed offset such as -10m or 2h").optional(),
  }),
  defaults: { timeOffset: "-10m" },
  render: (p) => ({ timeOffset: p.timeOffset }),
});

const ACTIONS: ActionRegistry = [...CHAOS_ACTIONS, clockSkew];
const DISRUPTIVE: ActionRegistry = [...CHAOS_ACTIONS, { ...clockSkew, disruptive: true }];
const stack = oneRegionStack("staging");
const skew = { name: "skew", action: "clock-skew", schedule: "0 10 * * 2" };

/** The module's plan of `experiments` (clock-skew included), with the rest of the service planned as usual. */
function planWith(
  actions: ActionRegistry,
  experiments: readonly Record<string, unknown>[],
): { plan: Plan; service: ResolvedService } {
  const module = chaosModule(actions);
  const { service, errors } = throughModule(module, chaosSpec({ experiments }), stack);
  if (!service) throw new Error(errors.join("\n"));
  const [loaded] = loadObject(chaosSpec({}), stack).services;
  const planned = module.plan?.(service, stack);
  if (!loaded || !planned) throw new Error("no plan");
  const base = toPlan([loaded], stack);
  const services = base.services.map((s) => ({
    ...s,
    resources: [...s.resources, ...planned.resources],
    analysis: { ...s.analysis, ...planned.analysis },
  }));
  return { plan: { ...base, services }, service };
}

/** The embedded TimeChaos of the plan's only Schedule. */
function timeChaos(plan: Plan): Record<string, unknown> {
  const [schedule] = schedules(plan);
  const inject = templates(schedule ?? (undefined as never)).find((t) => t["templateType"] === "TimeChaos");
  return (inject?.["timeChaos"] ?? {}) as Record<string, unknown>;
}

describe("an action added by a registry of the test's own", () => {
  it("is refused by the catalogue's module, which the test leaves as it is", () => {
    expect(CHAOS_ACTIONS.map((a) => a.action)).not.toContain("clock-skew");
    expect(tryPlan(chaosSpec({ experiments: [skew] }), stack).errors).toEqual([
      expect.stringMatching(
        /^spec\.chaos\.experiments\[0\]\.action: must be one of pod-kill, .*, http-delay, got "clock-skew"$/,
      ),
    ]);
  });

  it.each([
    ["with its default offset", skew, { timeOffset: "-10m" }],
    ["with the offset it declares", { ...skew, timeOffset: "2h" }, { timeOffset: "2h" }],
  ])("passes the schema, resolution and checks %s", (_, experiment, params) => {
    const { service, errors } = throughModule(chaosModule(ACTIONS), chaosSpec({ experiments: [experiment] }), stack);
    expect(errors).toEqual([]);
    expect(service?.chaos.experiments[0]).toMatchObject({
      action: "clock-skew",
      durationMs: 300_000,
      maxUnavailable: 1,
      params,
    });
  });

  it.each([
    [
      "its field on another action",
      { name: "kill", action: "pod-kill", schedule: "0 10 * * 2", timeOffset: "1m" },
      "spec.chaos.experiments.0.timeOffset: must not be set for action pod-kill (only clock-skew read it)",
    ],
    [
      "another action's field on it",
      { ...skew, latency: "1s" },
      "spec.chaos.experiments.0.latency: must not be set for action clock-skew (only network-delay, http-delay read it)",
    ],
    [
      "a target, which it does not take",
      { ...skew, target: "payments" },
      "spec.chaos.experiments.0.target: must not be set for action clock-skew (only network-delay, network-loss, network-partition, dns-error read it)",
    ],
    [
      "an offset that is not one",
      { ...skew, timeOffset: "soon" },
      "spec.chaos.experiments.0.timeOffset: must be a signed offset such as -10m or 2h",
    ],
    [
      "an action neither registry has",
      { ...skew, action: "clock-drift" },
      `spec.chaos.experiments.0.action: must be one of ${ACTIONS.map((a) => a.action).join(", ")}`,
    ],
  ])("refuses %s, naming what is allowed", (_, experiment, error) => {
    expect(throughModule(chaosModule(ACTIONS), chaosSpec({ experiments: [experiment] }), stack).errors).toEqual([
      error,
    ]);
  });

  it("is planned as a Schedule whose Workflow injects a TimeChaos, bounded by the template's deadline, that Chaos Mesh admits", () => {
    const { plan } = planWith(ACTIONS, [skew]);
    const [schedule] = schedules(plan);
    if (!schedule) throw new Error("no Schedule");
    expect(schedule.metadata["name"]).toBe("orders-skew");
    expect(timeChaos(plan)).toEqual({
      mode: "one",
      selector: {
        namespaces: ["orders"],
        labelSelectors: {
          "app.kubernetes.io/name": "orders",
          "app.kubernetes.io/part-of": "orders",
          "app.kubernetes.io/managed-by": "reliability-stack",
        },
        podPhaseSelectors: ["Running"],
      },
      timeOffset: "-10m",
    });
    expect(templates(schedule).find((t) => t["templateType"] === "TimeChaos")?.["deadline"]).toBe("5m");
    expect(webhookProblems(schedule)).toEqual([]);
    expect(crdErrors("Schedule", schedule)).toEqual([]);
    for (const chaos of embeddedChaos(schedule)) expect(crdErrors(chaos.kind, chaos), chaos.kind).toEqual([]);
    expect(plan.services[0]?.analysis.chaos?.experiments[0]).toMatchObject({ action: "clock-skew", kind: "TimeChaos" });
  });

  const unchanged = (): void => undefined;
  const otherNamespace = (chaos: Record<string, unknown>): void =>
    void Object.assign(chaos, { selector: { namespaces: ["default"] } });
  const everyPod = (chaos: Record<string, unknown>): void => void Object.assign(chaos, { mode: "all" });

  it.each([
    ["passes every chaos rule as planned", ACTIONS, unchanged, []],
    ["is held to its own service's pods by the selector rule", ACTIONS, otherNamespace, ["chaos-selector-confined"]],
    ["is not counted against the disruption budget while its record says it is not disruptive", ACTIONS, everyPod, []],
    [
      "is counted against the disruption budget once its record says it is disruptive",
      DISRUPTIVE,
      everyPod,
      ["chaos-blast-radius"],
    ],
  ])("%s", (_, actions, change, policies) => {
    const { plan } = planWith(actions, [skew]);
    change(timeChaos(plan));
    const violations = checkPlan(plan, { rules: chaosModule(actions).rules });
    expect(violations.map((v) => v.policy)).toEqual(policies);
    for (const v of violations)
      expect(v.message).toMatch(/^TimeChaos in Schedule orders\/us-east-1\/Schedule\/skew must /);
  });
});
