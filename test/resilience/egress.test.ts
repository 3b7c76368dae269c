import { DestinationRule } from "@kubernetes-models/istio/networking.istio.io/v1beta1/DestinationRule";
import { ServiceEntry } from "@kubernetes-models/istio/networking.istio.io/v1beta1/ServiceEntry";
import { VirtualService } from "@kubernetes-models/istio/networking.istio.io/v1beta1/VirtualService";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../components/core/plan/types.js";
import { RESILIENCE_RULES } from "../../components/domains/resilience/rules.js";
import { toKubeObject } from "../../components/render/kubernetes.js";
import { checkPlan } from "../../policies/run.js";
import { crdErrors } from "../conformance/crds.js";
import { meshRuleErrors } from "../conformance/mesh-crds.js";
import { callsOf, loadNodes, planNodes, withMesh, type Node } from "./support.js";

type Kube = {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
};

const ISTIO = withMesh({ kind: "istio", version: "1.27" });

/** One service calling one database or external endpoint. */
function caller(dependency: Record<string, unknown>): Node[] {
  return [{ name: "front", latency: "500ms", dependencies: [{ name: "dep", ...dependency }] }];
}

function meshObjects(plan: Plan): Kube[] {
  return plan.services
    .flatMap((s) => s.resources)
    .filter((r) => r.origin.startsWith("spec.dependencies") && r.key.includes("/us-east-1/"))
    .map((r) => toKubeObject(r) as unknown as Kube);
}

const field = (o: Kube | undefined, ...path: string[]): unknown =>
  path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], o?.spec);

const DATABASE = { kind: "database", host: "front-db.db.example.internal", port: 5432, timeout: "250ms" };
const HTTPS = { kind: "external", host: "api.pay.example", port: 443, timeout: "1s", method: "POST" };
const HTTP = {
  kind: "external",
  host: "rates.example.com",
  port: 8080,
  method: "GET",
  timeout: "400ms",
  retries: { attempts: 1, perTryTimeout: "150ms", backoff: "40ms", retryOn: ["connect-failure", "gateway-error"] },
};

describe("calls out of the stack with Istio", () => {
  it.each([
    ["a database", DATABASE, ["ServiceEntry", "DestinationRule"], "TCP"],
    ["an HTTPS endpoint (TLS the application originates)", HTTPS, ["ServiceEntry", "DestinationRule"], "TLS"],
    ["a plain HTTP endpoint", HTTP, ["ServiceEntry", "DestinationRule", "VirtualService"], "HTTP"],
  ] as const)("configure %s with the objects Istio can apply to it", (_what, dependency, kinds, protocol) => {
    const objects = meshObjects(planNodes(caller(dependency), ISTIO));
    expect(objects.map((o) => o.kind)).toEqual(kinds);
    const entry = objects.find((o) => o.kind === "ServiceEntry");
    expect(field(entry, "location")).toBe("MESH_EXTERNAL");
    expect(field(entry, "hosts")).toEqual([dependency.host]);
    expect(field(entry, "ports")).toEqual([
      { number: dependency.port, name: `${protocol.toLowerCase()}-${dependency.port}`, protocol },
    ]);
  });

  it("gives a database a connect timeout of one try and TCP keepalive, and no outlier detection or retries", () => {
    const [, rule] = meshObjects(planNodes(caller(DATABASE), ISTIO));
    expect(field(rule, "trafficPolicy")).toEqual({
      connectionPool: { tcp: { connectTimeout: "0.25s", tcpKeepalive: { time: "60s", interval: "10s", probes: 3 } } },
    });
  });

  it("gives an HTTP endpoint outlier detection, a retry budget, and a route with the timeout, retries and backoff", () => {
    const [, rule, route] = meshObjects(planNodes(caller(HTTP), ISTIO));
    expect(field(rule, "trafficPolicy", "connectionPool")).toEqual({ tcp: { connectTimeout: "0.15s" } });
    expect(field(rule, "trafficPolicy", "outlierDetection")).toMatchObject({ consecutive5xxErrors: 5 });
    expect(field(rule, "trafficPolicy", "retryBudget")).toEqual({ percent: 20, minRetryConcurrency: 3 });
    expect(field(route, "http")).toEqual([
      {
        name: "dep",
        timeout: "0.4s",
        retries: { attempts: 1, perTryTimeout: "0.15s", retryOn: "connect-failure,gateway-error", backoff: "0.04s" },
        route: [{ destination: { host: "rates.example.com", port: { number: 8080 } } }],
      },
    ]);
  });

  it("validate against the upstream models and the vendored CRDs with unknown fields refused", () => {
    const models: Record<string, new (data: never) => { validate(): void }> = {
      ServiceEntry,
      DestinationRule,
      VirtualService,
    };
    for (const dependency of [DATABASE, HTTPS, HTTP])
      for (const o of meshObjects(planNodes(caller(dependency), ISTIO))) {
        const Model = models[o.kind];
        expect(() => (Model ? new Model(o as never).validate() : undefined)).not.toThrow();
        expect([...crdErrors(o), ...meshRuleErrors(o)]).toEqual([]);
      }
  });

  it.each([
    ["no port", { kind: "database", host: "db.example.internal", timeout: "250ms" }, "spec.dependencies[0]", /a port/],
    ["no host", { kind: "database", port: 5432, timeout: "250ms" }, "spec.dependencies[0]", /fully qualified/],
    [
      "a short host",
      { kind: "database", host: "db", port: 5432, timeout: "250ms" },
      "spec.dependencies[0].host",
      /fully qualified host .*got host "db"/,
    ],
  ])("plan nothing for a call Istio cannot select, and flag it: %s", (_what, dependency, path, message) => {
    const plan = planNodes(caller(dependency), ISTIO);
    expect(meshObjects(plan)).toEqual([]);
    const found = checkPlan(plan, { rules: RESILIENCE_RULES }).map((v) => [v.policy, v.level, v.path, v.message]);
    expect(found).toEqual([["mesh-selects-endpoint", "advisory", path, expect.stringMatching(message)]]);
  });

  it("flags nothing for a call Istio can select, nor with another mesh", () => {
    const rules = { rules: RESILIENCE_RULES };
    expect(checkPlan(planNodes(caller(DATABASE), ISTIO), rules)).toEqual([]);
    const short = caller({ kind: "database", port: 5432, timeout: "250ms" });
    expect(checkPlan(planNodes(short, withMesh({ kind: "linkerd", version: "2.16" })), rules)).toEqual([]);
  });
});

describe("calls out of the stack with other meshes", () => {
  it.each([
    ["Linkerd", { kind: "linkerd", version: "2.16" }],
    ["Gateway API", { kind: "gateway-api", version: "1.2", channel: "experimental" }],
    ["no mesh", undefined],
  ] as const)("emit nothing with %s, and still derive and report the budget", (_what, mesh) => {
    const plan = planNodes(caller(HTTP), withMesh(mesh));
    expect(meshObjects(plan)).toEqual([]);
    expect(callsOf(plan).get("front→dep")).toMatchObject({
      timeoutMs: 400,
      perTryTimeoutMs: 150,
      attempts: 1,
      backoffMs: 40,
      worstCaseMs: 340,
      endpoint: { host: "rates.example.com", port: 8080, protocol: "http" },
    });
  });
});

describe("the retry backoff the budget is checked with is the one the mesh applies", () => {
  const slow = (backoff: string) => caller({ ...HTTP, retries: { ...HTTP.retries, backoff } });

  it.each([
    ["Istio 1.27 applies the spec's backoff", "1.27", "100ms", 100, "0.1s"],
    ["Istio 1.26 applies the spec's backoff", "1.26", "100ms", 100, "0.1s"],
    ["Istio 1.25 has no retries.backoff: Envoy's 25ms base applies", "1.25", "100ms", 25, undefined],
  ] as const)("%s", (_what, version, backoff, appliedMs, written) => {
    const plan = planNodes(slow(backoff), withMesh({ kind: "istio", version }));
    const call = callsOf(plan).get("front→dep");
    expect(call?.backoffMs).toBe(appliedMs);
    expect(call?.worstCaseMs).toBe(2 * 150 + appliedMs);
    expect(call?.derived.filter((d) => d.startsWith("backoff:"))).toHaveLength(appliedMs === 100 ? 0 : 1);
    const route = meshObjects(plan).find((o) => o.kind === "VirtualService");
    const retries = (field(route, "http") as { retries: Record<string, unknown> }[])[0]?.retries;
    expect(retries?.["backoff"]).toBe(written);
  });

  it("refuses a backoff that breaks the budget where Istio applies it, and not where Envoy's base replaces it", () => {
    const tight = caller({ ...HTTP, retries: { ...HTTP.retries, backoff: "300ms" } });
    expect(loadNodes(tight, withMesh({ kind: "istio", version: "1.27" })).diagnostics[0]?.message).toContain(
      "(1 + 1) × 150ms + 300ms = 600ms, got timeout 400ms",
    );
    expect(loadNodes(tight, withMesh({ kind: "istio", version: "1.25" })).diagnostics).toEqual([]);
  });
});
