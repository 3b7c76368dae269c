import type { NetworkPolicy } from "kubernetes-types/networking/v1";
import { describe, expect, it } from "vitest";
import { TIER_DEFAULTS } from "../../components/core/defaults.js";
import type { Plan } from "../../components/core/plan/types.js";
import type { Tier } from "../../components/core/spec/service.js";
import { schemaErrors } from "../conformance/kube-models.js";
import { baseSpec, exampleStack, planExamples, planObject, setPath } from "../support/project.js";
import { ofKind, planWith, podOf } from "./helpers.js";

/** Who a NetworkPolicy admits, one line per peer: `namespace` or `namespace/pod name`. */
function admitted(policy: NetworkPolicy): string[] {
  return (policy.spec?.ingress ?? []).flatMap((rule) =>
    (rule.from ?? []).map((peer) => {
      const ns = peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] ?? "?";
      const pod = peer.podSelector?.matchLabels?.["app.kubernetes.io/name"];
      return pod === undefined ? ns : `${ns}/${pod}`;
    }),
  );
}

function policiesOf(plan: Plan, service?: string): NetworkPolicy[] {
  return ofKind(plan, "NetworkPolicy")
    .filter((r) => service === undefined || r.service === service)
    .map((r) => r.props as NetworkPolicy);
}

describe("the workload planner's NetworkPolicy", () => {
  it("admits only the monitoring namespace to an internal service no other service calls", () => {
    const [policy, ...rest] = policiesOf(planWith({}));
    expect(rest).toEqual([]);
    expect(policy?.spec?.podSelector).toEqual({ matchLabels: { "app.kubernetes.io/name": "orders" } });
    expect(policy?.spec?.policyTypes).toEqual(["Ingress"]);
    expect(policy?.spec?.egress).toBeUndefined();
    expect(admitted(policy as NetworkPolicy)).toEqual(["monitoring"]);
  });

  it("admits a public service's callers, the ingress namespace and monitoring, in each region, to the service port only", () => {
    const policies = policiesOf(planExamples("prod").plan, "checkout");
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      expect(admitted(policy)).toEqual(["report-worker/report-worker", "ingress-nginx", "monitoring"]);
      for (const rule of policy.spec?.ingress ?? []) expect(rule.ports).toEqual([{ port: "http", protocol: "TCP" }]);
    }
  });

  it("takes the ingress and monitoring namespaces from reliability:networkPolicy", () => {
    const stack = {
      ...exampleStack("prod"),
      networkPolicy: { ingressNamespace: "gateway", monitoringNamespace: "prom" },
    };
    const spec = setPath(setPath(baseSpec(), "spec.regions", ["us-east-1", "eu-west-1"]), "spec.dns", {
      zone: "acme.example",
      name: "orders.acme.example",
      routing: "failover",
    });
    expect(admitted(policiesOf(planObject(spec, exampleStack("prod")))[0] as NetworkPolicy)).toEqual([
      "ingress-nginx",
      "monitoring",
    ]);
    expect(admitted(policiesOf(planObject(spec, stack))[0] as NetworkPolicy)).toEqual(["gateway", "prom"]);
  });

  it("plans none when spec.workload.networkPolicy is false", () => {
    expect(policiesOf(planWith({ "spec.workload.networkPolicy": false }))).toEqual([]);
  });

  it("validates against kubernetes-models for every example service and stack", async () => {
    for (const stack of ["dev", "staging", "prod"]) {
      const policies = policiesOf(planExamples(stack).plan);
      expect(policies.length).toBeGreaterThan(0);
      for (const policy of policies)
        expect(await schemaErrors({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", ...policy })).toEqual(
          [],
        );
    }
  });
});

describe("the workload planner's PriorityClass", () => {
  it.each((["critical", "standard", "best-effort"] as Tier[]).map((t) => [t]))(
    "gives a %s service's pods its tier's class",
    (tier) => {
      const plan = planWith({ "metadata.tier": tier, "spec.regions": ["us-east-1"] }, "dev");
      expect(podOf(plan).priorityClassName).toBe(TIER_DEFAULTS[tier].priorityClassName);
    },
  );

  it.each([
    ["the spec's own class", { "spec.workload.priorityClassName": "payments-high" }, "payments-high"],
    ["no class at all with false", { "spec.workload.priorityClassName": false }, undefined],
  ])("gives the pods %s", (_name, changes, expected) => {
    expect(podOf(planWith(changes)).priorityClassName).toBe(expected);
  });

  it("takes the tier's class from reliability:priorityClasses when the stack names one", () => {
    const stack = { ...exampleStack("dev"), priorityClasses: { standard: "shop-standard" } };
    expect(podOf(planObject(baseSpec(), stack)).priorityClassName).toBe("shop-standard");
  });
});
