import { describe, expect, it } from "vitest";
import { readsOf, STACK_RULES } from "../../cli/fleet/check-share.js";
import { POLICY_LIMITS } from "../../components/core/defaults.js";
import type { Plan, PlannedResource, ServicePlan } from "../../components/core/plan/types.js";
import type { StackRule } from "../../components/core/policy/types.js";
import { CHAOS_SCHEDULE } from "../../components/domains/chaos/rules.js";
import { ROUTE53_RECORD } from "../../components/domains/dns/rules.js";
import { checkSubjects, serviceSubjectOf, timedConfig } from "../../policies/run.js";
import { STACKS } from "../support/project.js";
import { cachedBaseline, setProp } from "./support.js";

/** Every violation of `rule` on `plan`, with each service's resources whole or only what the rule reads. */
function violations(rule: StackRule, plan: Plan, facts: ReturnType<typeof cachedBaseline>["facts"], slim: boolean) {
  const services = plan.services.map((s) => {
    const subject = serviceSubjectOf(plan, s, facts.get(s.service));
    return slim ? { ...subject, resources: readsOf(rule, subject.resources) } : subject;
  });
  const files = new Map(plan.services.map((s) => [s.service, s.file]));
  const stack = { environment: plan.environment, services, strays: [] };
  return checkSubjects(stack, files, { rules: [rule], config: timedConfig(new Date("2026-11-28T00:00:00Z")) });
}

/** Plans with a defect each stack-wide rule finds, planted in the example prod plan. */
const DEFECTS: readonly { readonly name: string; readonly plant: (plan: Plan) => void }[] = [
  { name: "no defect", plant: () => undefined },
  {
    name: "two services planning one DNS name",
    plant: (plan) => {
      const [owner, other] = [
        plan.services.find((s) => s.resources.some((r) => r.type === ROUTE53_RECORD)),
        plan.services.find((s) => !s.resources.some((r) => r.type === ROUTE53_RECORD)),
      ];
      const records = owner?.resources.filter((r) => r.type === ROUTE53_RECORD) ?? [];
      if (other)
        (other.resources as PlannedResource[]).push(
          ...records.map((r) => ({ ...r, key: `${other.service}/${r.key}` })),
        );
    },
  },
  {
    name: "a resource in another namespace and one referring to nothing",
    plant: (plan) => {
      const [first] = plan.services;
      const kube = first?.resources.find(
        (r) => typeof r.props["metadata"] === "object" && r.type !== "kubernetes:core/v1:Namespace",
      );
      if (kube) setProp(plan, kube.key, "metadata.namespace", "elsewhere");
      const other = first?.resources.find((r) => r !== kube);
      if (other) setProp(plan, other.key, "dangling", { ref: "nothing/planned", attr: "arn" });
    },
  },
  {
    name: "more services than allowed starting chaos runs in one minute",
    plant: (plan) => {
      const chaotic = plan.services.find((s) => s.resources.some((r) => r.type === CHAOS_SCHEDULE));
      if (!chaotic) return;
      for (let i = 0; i <= POLICY_LIMITS.maxChaosStartsPerMinute; i++) {
        const resources = chaotic.resources.map((r) => ({ ...r, key: `clone${i}/${r.key}` }));
        (plan.services as ServicePlan[]).push({ ...chaotic, service: `${chaotic.service}-clone${i}`, resources });
      }
    },
  },
];

describe("what stack-wide rules read of each resource", () => {
  it.each(STACKS.flatMap((stack) => DEFECTS.map((d) => ({ stack, ...d }))))(
    "is enough for every stack-wide rule to find in $stack with $name what it finds reading every resource whole",
    ({ stack, plant }) => {
      const { plan, facts } = cachedBaseline(stack);
      plant(plan);
      for (const rule of STACK_RULES)
        expect(violations(rule, plan, facts, true), rule.name).toEqual(violations(rule, plan, facts, false));
    },
  );

  it("lets the planted defects be found at all, so the comparison is not of empty lists", () => {
    const { plan, facts } = cachedBaseline("prod");
    for (const d of DEFECTS) d.plant(plan);
    const found = new Set(STACK_RULES.flatMap((rule) => violations(rule, plan, facts, true).map((v) => v.policy)));
    expect([...found].sort()).toEqual(["chaos-starts-spread", "dns-name-owned-once", "no-orphans"]);
  });
});
