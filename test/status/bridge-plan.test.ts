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

const WEBHOOK = "http://incident-bridge.incident-bridge.svc:8080/webhook";
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
const FOUR = [
  serviceSpec("orders", BOTH),
  serviceSpec("catalog", BOTH, true),
  serviceSpec("search", BOTH),
  serviceSpec("billing", ["us-east-1"]),
];

describe("the incident bridges of a stack", () => {
  it("plans exactly one bridge per region for four public services, none of them in a service's plan", () => {
    const plan = planAll(FOUR);
    const deployments = (plan.shared?.resources ?? []).filter((r) => r.type === DEPLOYMENT);
    expect(deployments.map((r) => [r.region, r.key])).toEqual([
      ["us-east-1", "incident-bridge/us-east-1/Deployment"],
      ["eu-west-1", "incident-bridge/eu-west-1/Deployment"],
    ]);
    expect(plan.shared?.resources.map((r) => r.key)).toEqual([
      "incident-bridge/us-east-1/Namespace",
      "incident-bridge/us-east-1/PersistentVolumeClaim",
      "incident-bridge/us-east-1/Deployment",
      "incident-bridge/us-east-1/Service",
      "incident-bridge/eu-west-1/Namespace",
      "incident-bridge/eu-west-1/PersistentVolumeClaim",
      "incident-bridge/eu-west-1/Deployment",
      "incident-bridge/eu-west-1/Service",
    ]);
    for (const service of plan.services)
      expect(
        service.resources.filter((r) => r.key.includes("incident-bridge/")),
        service.service,
      ).toEqual([]);
  });

  it("lists in each region's bridge the services it serves there and every monitor of theirs", () => {
    expect(planAll(FOUR).shared?.analysis.incidentBridges).toEqual([
      {
        region: "us-east-1",
        namespace: "incident-bridge",
        webhookUrl: WEBHOOK,
        services: ["orders", "catalog", "search", "billing"],
        monitors: ["orders-public", "catalog-public", "catalog-api", "search-public", "billing-public"],
        resources: [
          "incident-bridge/us-east-1/Namespace",
          "incident-bridge/us-east-1/PersistentVolumeClaim",
          "incident-bridge/us-east-1/Deployment",
          "incident-bridge/us-east-1/Service",
        ],
      },
      {
        region: "eu-west-1",
        namespace: "incident-bridge",
        webhookUrl: WEBHOOK,
        services: ["orders", "catalog", "search"],
        monitors: ["orders-public", "catalog-public", "catalog-api", "search-public"],
        resources: [
          "incident-bridge/eu-west-1/Namespace",
          "incident-bridge/eu-west-1/PersistentVolumeClaim",
          "incident-bridge/eu-west-1/Deployment",
          "incident-bridge/eu-west-1/Service",
        ],
      },
    ]);
  });

  it("routes each service's outage alerts to its region's bridge from its own namespace, in every region it runs in", () => {
    const plan = planAll(FOUR);
    for (const service of plan.services) {
      const routes = service.resources.filter((r) => r.type === ROUTE && r.key.endsWith("/incidents"));
      const props = routes.map(
        (r) =>
          r.props as {
            metadata: { namespace: string };
            spec: { receivers: { webhookConfigs: { url: string }[] }[] };
          },
      );
      expect(routes.map((r) => r.region)).toEqual(service.regions);
      for (const p of props) {
        expect(p.metadata.namespace).toBe(service.namespace);
        expect(p.spec.receivers[0]?.webhookConfigs[0]?.url).toBe(WEBHOOK);
      }
    }
  });

  it("writes each region's bridge once, in kubernetes/<region>/_shared.yaml, and once in plan.json's shared", () => {
    const plan = planAll(FOUR);
    const files = new Map(renderPlanFiles(plan).map((f) => [f.path, f.text]));
    for (const region of BOTH) {
      const objects = parseAllDocuments(files.get(`kubernetes/${region}/_shared.yaml`) ?? "").map(
        (d) => d.toJS() as { kind: string; metadata: { name: string; namespace?: string } },
      );
      expect(objects.map((o) => `${o.kind} ${o.metadata.namespace ?? "-"}/${o.metadata.name}`)).toEqual([
        "Namespace -/incident-bridge",
        "PersistentVolumeClaim incident-bridge/incident-bridge",
        "Deployment incident-bridge/incident-bridge",
        "Service incident-bridge/incident-bridge",
      ]);
    }
    const bridgeDeployments = [...files.entries()].flatMap(([path, text]) =>
      path.startsWith("kubernetes/") && text.includes("name: incident-bridge\n") && text.includes("kind: Deployment")
        ? parseAllDocuments(text)
            .map((d) => d.toJS() as { kind: string; metadata: { name: string } })
            .filter((o) => o.kind === "Deployment" && o.metadata.name === "incident-bridge")
            .map(() => path)
        : [],
    );
    expect(bridgeDeployments).toEqual(["kubernetes/us-east-1/_shared.yaml", "kubernetes/eu-west-1/_shared.yaml"]);
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
