/**
 * Mesh objects (Istio, Linkerd, Gateway API) of the example services: each against its upstream
 * model (`@kubernetes-models/istio`, `@kubernetes-models/gateway-api`), its vendored CRD with unknown
 * fields refused, and the rules its API server or controller enforces beyond the schema.
 */

import { DestinationRule } from "@kubernetes-models/istio/networking.istio.io/v1beta1/DestinationRule";
import { ServiceEntry } from "@kubernetes-models/istio/networking.istio.io/v1beta1/ServiceEntry";
import { VirtualService } from "@kubernetes-models/istio/networking.istio.io/v1beta1/VirtualService";
import { HTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { PlannedResource } from "../../components/core/plan/types.js";
import { toKubeObject } from "../../components/render/kubernetes.js";
import { planStack } from "../../components/pipeline.js";
import { loadStackConfig } from "../../components/spec/stack.js";
import { ROOT } from "../support/project.js";
import { crdErrors } from "./crds.js";
import { meshRuleErrors } from "./mesh-crds.js";

type KubeObject = Record<string, unknown> & {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
};

type Model = new (data: never) => { validate(): void };

const MODELS: Readonly<Record<string, Model>> = { VirtualService, DestinationRule, ServiceEntry, HTTPRoute };

function modelErrors(o: KubeObject): string[] {
  const Model = MODELS[o.kind];
  if (!Model) return [];
  try {
    new Model(o as never).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

function problems(o: KubeObject): string[] {
  return [...modelErrors(o), ...crdErrors(o), ...meshRuleErrors(o)].map((p) => `${o.kind}/${o.metadata.name}: ${p}`);
}

const STACKS = [
  ["istio", join(ROOT, "stacks"), "prod", ["DestinationRule", "ServiceEntry", "VirtualService"]],
  ["linkerd", join(ROOT, "test/fixtures/stacks"), "prod-linkerd", ["GRPCRoute", "HTTPRoute"]],
  ["gateway-api", join(ROOT, "test/fixtures/stacks"), "prod-gateway-api", ["HTTPRoute"]],
] as const;

function meshObjects(dir: string, stack: string): KubeObject[] {
  const { plan } = planStack(loadStackConfig(dir, stack), "services/*.yaml", ROOT);
  return plan.services
    .flatMap((s) => s.resources)
    .filter((r: PlannedResource) => r.origin.startsWith("spec.dependencies"))
    .map((r) => toKubeObject(r) as unknown as KubeObject);
}

describe.each(STACKS)("the %s objects of the example services", (_mesh, dir, stack, kinds) => {
  const objects = meshObjects(dir, stack);

  it("are the mesh's kinds, one set per call and region", () => {
    expect([...new Set(objects.map((o) => o.kind))].sort()).toEqual([...kinds]);
  });

  it("validate against the upstream model and the vendored CRD with unknown fields refused, and pass the API server's own rules", () => {
    expect(objects.flatMap(problems)).toEqual([]);
  });
});

describe("the mesh checks catch what the engines refuse", () => {
  const [vs] = meshObjects(join(ROOT, "stacks"), "prod").filter((o) => o.kind === "VirtualService");
  const [entry] = meshObjects(join(ROOT, "stacks"), "prod").filter((o) => o.kind === "ServiceEntry");
  const [pool] = meshObjects(join(ROOT, "stacks"), "prod").filter(
    (o) => o.kind === "DestinationRule" && JSON.stringify(o).includes("tcpKeepalive"),
  );
  const [route] = meshObjects(join(ROOT, "test/fixtures/stacks"), "prod-gateway-api");
  const [linkerd] = meshObjects(join(ROOT, "test/fixtures/stacks"), "prod-linkerd").filter(
    (o) => o.kind === "HTTPRoute",
  );
  const edit = (o: KubeObject | undefined, change: (copy: KubeObject) => void): KubeObject => {
    const copy = structuredClone(o) as KubeObject;
    change(copy);
    return copy;
  };

  it.each([
    [
      "an unknown field in a VirtualService route",
      edit(vs, (o) => ((o["spec"] as { http: Record<string, unknown>[] }).http[0]!["retryBudget"] = 1)),
      /must NOT have additional properties|retryBudget/,
    ],
    [
      "a per-try timeout under 1ms",
      edit(
        vs,
        (o) =>
          ((o["spec"] as { http: { retries: Record<string, unknown> }[] }).http[0]!.retries["perTryTimeout"] = "0s"),
      ),
      /greater than 1ms/,
    ],
    [
      "an unknown field in a ServiceEntry",
      edit(entry, (o) => ((o["spec"] as Record<string, unknown>)["endpoint"] = [])),
      /must NOT have additional properties|endpoint/,
    ],
    [
      "a ServiceEntry port listed twice",
      edit(entry, (o) => {
        const ports = (o["spec"] as { ports: unknown[] }).ports;
        ports.push(ports[0]);
      }),
      /port number cannot be duplicated/,
    ],
    [
      "a connect timeout under 1ms",
      edit(
        pool,
        (o) =>
          ((
            o["spec"] as { trafficPolicy: { connectionPool: { tcp: Record<string, unknown> } } }
          ).trafficPolicy.connectionPool.tcp["connectTimeout"] = "0s"),
      ),
      /connectTimeout: must be a valid duration greater than 1ms/,
    ],
    [
      "a backend request timeout above the request timeout",
      edit(
        route,
        (o) =>
          ((o["spec"] as { rules: { timeouts: Record<string, string> }[] }).rules[0]!.timeouts["backendRequest"] =
            "10s"),
      ),
      /cannot be longer than request/,
    ],
    [
      "an undocumented Linkerd annotation",
      edit(linkerd, (o) => (o.metadata.annotations = { ...o.metadata.annotations, "retry.linkerd.io/budget": "20" })),
      /not a documented Linkerd annotation/,
    ],
    [
      "a Service-only Linkerd annotation on a route",
      edit(
        linkerd,
        (o) =>
          (o.metadata.annotations = {
            ...o.metadata.annotations,
            "balancer.linkerd.io/failure-accrual": "consecutive",
          }),
      ),
      /reads it on Service/,
    ],
  ] as const)("%s", (_what, object, expected) => {
    expect(problems(object).join("\n")).toMatch(expected);
  });

  it("emits no retry on Gateway API's standard channel", () => {
    const standard = loadStackConfig(join(ROOT, "test/fixtures/stacks"), "prod-gateway-api");
    const { plan } = planStack(
      { ...standard, mesh: { ...standard.mesh!, channel: "standard" } },
      "services/*.yaml",
      ROOT,
    );
    const routes = plan.services.flatMap((s) => s.resources).filter((r) => r.type.endsWith(":HTTPRoute"));
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.every((r) => JSON.stringify(r.props).includes('"retry"') === false)).toBe(true);
  });
});
