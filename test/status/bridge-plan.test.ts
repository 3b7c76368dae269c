import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../components/core/plan/types.js";
import { toPlan } from "../../components/plan/index.js";
import { renderPlanFiles } from "../../components/render/index.js";
import { loadSpecs } from "../../components/spec/load.js";
import { stringify } from "yaml";
import type { StackConfig } from "../../components/core/stack/config.js";
import { exampleStack, setPath } from "../support/project.js";
import { publicSpec, withStatus } from "./support.js";

const LOCAL = "http://incident-bridge.incident-bridge.svc:8080/webhook";
const REMOTE = "https://incident-bridge.use1.prod.acme.internal/webhook";
const REMOTE_EU = "https://incident-bridge.euw1.prod.acme.internal/webhook";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const ROUTE = "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig";

/** A public service `name`, in the regions given, with one extra endpoint when asked. */
function serviceSpec(name: string, regions: readonly string[], extraEndpoint = false): Record<string, unknown> {
  const tier = regions.length > 1 ? "critical" : "standard";
  const spec = publicSpec({ "metadata.name": name, "metadata.tier": tier, "spec.regions": regions });
  setPath(spec, "spec.dns.name", `${name}.acme.example`);
  if (extraEndpoint)
    setPath(spec, "spec.status.endpoints", [
      { name: "public", url: `https://${name}.acme.example/ready` },
      { name: "api", url: `https://${name}.acme.example/api/health` },
    ]);
  return spec;
}

/** Plans several service specs together for a stack. */
function planAll(specs: readonly Record<string, unknown>[], stack: StackConfig = exampleStack("prod")): Plan {
  const loaded = loadSpecs(
    specs.map((spec, i) => ({ file: `services/s${i}.yaml`, text: stringify(spec) })),
    stack,
  );
  expect(loaded.diagnostics.map((d) => `${d.file} ${d.path}: ${d.message}`)).toEqual([]);
  return toPlan(loaded.services, stack);
}

const BOTH = ["us-east-1", "eu-west-1"];

/** The prod stack with its bridge in eu-west-1, reached from elsewhere at {@link REMOTE_EU}. */
function withBridgeInEurope(): StackConfig {
  const stack = exampleStack("prod");
  const status = stack.status;
  if (!status?.incidents) throw new Error("the prod stack runs no incident bridge");
  return withStatus("prod", { ...status, incidents: { ...status.incidents, region: "eu-west-1", url: REMOTE_EU } });
}
const FOUR = [
  serviceSpec("orders", BOTH),
  serviceSpec("catalog", BOTH, true),
  serviceSpec("search", BOTH),
  serviceSpec("billing", ["us-east-1"]),
];

describe("the incident bridge of a stack", () => {
  it("plans exactly one bridge, in the stack's first region, for four public services in two regions, none of it in a service's plan", () => {
    const plan = planAll(FOUR);
    const deployments = (plan.shared?.resources ?? []).filter((r) => r.type === DEPLOYMENT);
    expect(deployments.map((r) => [r.region, r.key])).toEqual([["us-east-1", "incident-bridge/us-east-1/Deployment"]]);
    expect(plan.shared?.resources.map((r) => r.key)).toEqual([
      "incident-bridge/us-east-1/Namespace",
      "incident-bridge/us-east-1/PersistentVolumeClaim",
      "incident-bridge/us-east-1/Deployment",
      "incident-bridge/us-east-1/Service",
    ]);
    for (const service of plan.services)
      expect(
        service.resources.filter((r) => r.key.includes("incident-bridge/")),
        service.service,
      ).toEqual([]);
  });

  it("lists the services the bridge serves from every region, every monitor of theirs and each region's webhook URL", () => {
    expect(planAll(FOUR).shared?.analysis.incidentBridge).toEqual({
      region: "us-east-1",
      namespace: "incident-bridge",
      webhookUrls: { "us-east-1": `${LOCAL}?sender=us-east-1`, "eu-west-1": `${REMOTE}?sender=eu-west-1` },
      services: ["orders", "catalog", "search", "billing"],
      monitors: ["orders-public", "catalog-public", "catalog-api", "search-public", "billing-public"],
      resources: [
        "incident-bridge/us-east-1/Namespace",
        "incident-bridge/us-east-1/PersistentVolumeClaim",
        "incident-bridge/us-east-1/Deployment",
        "incident-bridge/us-east-1/Service",
      ],
    });
  });

  it.each([
    ["the stack's first region by default", exampleStack("prod"), { "us-east-1": LOCAL, "eu-west-1": REMOTE }],
    ["the region the setting names", withBridgeInEurope(), { "us-east-1": REMOTE_EU, "eu-west-1": LOCAL }],
  ])(
    "routes every region's outage alerts to the one bridge in %s: its Service there, the configured URL elsewhere, naming the region that sends",
    (_where, stack, urls: Record<string, string>) => {
      const plan = planAll(FOUR, stack);
      for (const service of plan.services) {
        const routes = service.resources.filter((r) => r.type === ROUTE && r.key.endsWith("/incidents"));
        expect(routes.map((r) => r.region)).toEqual(service.regions);
        for (const route of routes) {
          const props = route.props as {
            metadata: { namespace: string };
            spec: { receivers: { webhookConfigs: { url: string }[] }[] };
          };
          expect(props.metadata.namespace).toBe(service.namespace);
          expect(props.spec.receivers[0]?.webhookConfigs[0]?.url).toBe(`${urls[route.region]}?sender=${route.region}`);
        }
        expect(service.analysis.status?.incidents?.bridgeRegion).toBe(plan.shared?.analysis.incidentBridge?.region);
      }
    },
  );

  it("writes the bridge once, in its region's kubernetes/<region>/_shared.yaml, and once in plan.json's shared", () => {
    const plan = planAll(FOUR, withBridgeInEurope());
    const files = new Map(renderPlanFiles(plan).map((f) => [f.path, f.text]));
    expect([...files.keys()].filter((path) => path.endsWith("/_shared.yaml"))).toEqual([
      "kubernetes/eu-west-1/_shared.yaml",
    ]);
    const objects = parseAllDocuments(files.get("kubernetes/eu-west-1/_shared.yaml") ?? "").map(
      (d) => d.toJS() as { kind: string; metadata: { name: string; namespace?: string } },
    );
    expect(objects.map((o) => `${o.kind} ${o.metadata.namespace ?? "-"}/${o.metadata.name}`)).toEqual([
      "Namespace -/incident-bridge",
      "PersistentVolumeClaim incident-bridge/incident-bridge",
      "Deployment incident-bridge/incident-bridge",
      "Service incident-bridge/incident-bridge",
    ]);
    const bridgeDeployments = [...files.entries()].flatMap(([path, text]) =>
      path.startsWith("kubernetes/") && text.includes("name: incident-bridge\n") && text.includes("kind: Deployment")
        ? parseAllDocuments(text)
            .map((d) => d.toJS() as { kind: string; metadata: { name: string } })
            .filter((o) => o.kind === "Deployment" && o.metadata.name === "incident-bridge")
            .map(() => path)
        : [],
    );
    expect(bridgeDeployments).toEqual(["kubernetes/eu-west-1/_shared.yaml"]);
    const json = JSON.parse(files.get("plan.json") ?? "{}") as Plan;
    expect(json.shared).toEqual(plan.shared);
    expect(JSON.stringify(json.services)).not.toContain('"incident-bridge/');
  });

  it.each([
    ["a stack without incidents", withStatus("prod", { prober: { url: "blackbox.{region}.internal:9115" } })],
    ["a stack without reliability:status", withStatus("prod", undefined)],
  ])("plans no bridge and no shared section for %s", (_name, stack) => {
    const plan = planAll([serviceSpec("orders", BOTH), serviceSpec("billing", ["us-east-1"])], stack);
    expect(plan.services).toHaveLength(2);
    expect(plan.shared).toBeUndefined();
    expect(JSON.stringify(plan.services)).not.toContain("incident-bridge");
  });
});
