import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { STATUS_NAMES, DETAIL_LABELS } from "../../components/core/conventions.js";
import type { Plan, PlannedResource } from "../../components/core/plan/types.js";
import { PROBE } from "../../components/domains/status/rules.js";
import { exampleStack, planObject } from "../support/project.js";
import { endpointGroup, ofToken, probesIn, publicSpec, withStatus } from "./support.js";

const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
const PROMETHEUS_RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
const PROD_PROBERS = {
  "us-east-1": "blackbox-exporter.use1.prod.acme.internal:9115",
  "eu-west-1": "blackbox-exporter.euw1.prod.acme.internal:9115",
};

function plan(changes: Record<string, unknown> = {}, stack = exampleStack("prod")): Plan {
  return planObject(publicSpec(changes), stack);
}

/** The blackbox configuration of the ConfigMap a plan registers in a region. */
function modulesIn(p: Plan, region: string): Record<string, { http: Record<string, unknown> }> {
  const map = ofToken(p, CONFIG_MAP).find((r) => r.region === region);
  const text = (map?.props as { data?: Record<string, string> } | undefined)?.data?.[STATUS_NAMES.configKey] ?? "";
  return (parse(text) as { modules: Record<string, { http: Record<string, unknown> }> }).modules;
}

describe("the status planner", () => {
  it("registers, in every region, a Probe of the public endpoint through each region's blackbox exporter", () => {
    const p = plan();
    for (const region of ["us-east-1", "eu-west-1"]) {
      const probes = probesIn(p, region);
      expect(probes.map((x) => x.metadata.name)).toEqual([
        "orders-public-from-us-east-1",
        "orders-public-from-eu-west-1",
      ]);
      expect(probes.map((x) => x.spec.prober.url)).toEqual([PROD_PROBERS["us-east-1"], PROD_PROBERS["eu-west-1"]]);
      expect(probes.map((x) => x.spec.targets.staticConfig.labels?.[DETAIL_LABELS.probeRegion])).toEqual([
        "us-east-1",
        "eu-west-1",
      ]);
    }
  });

  it("checks the DNS name with the readiness probe's path, every interval, within the timeout, with the stack's module", () => {
    const [first] = probesIn(
      plan({ "spec.workload.probes.readiness": { http: { path: "/health/ready" } } }),
      "us-east-1",
    );
    expect(first?.spec).toEqual({
      prober: { url: PROD_PROBERS["us-east-1"], scheme: "http", path: "/probe" },
      module: "http_2xx",
      interval: "30s",
      scrapeTimeout: "10s",
      targets: {
        staticConfig: {
          static: ["https://orders.acme.example/health/ready"],
          labels: { service: "orders", endpoint: "public", probe_region: "us-east-1" },
        },
      },
    });
  });

  it.each([
    ["the default check", {}, "http_2xx", { method: "GET", fail_if_not_ssl: true, preferred_ip_protocol: "ip4" }],
    [
      "a HEAD check",
      { method: "HEAD" },
      "http_2xx_head_2xx",
      { method: "HEAD", fail_if_not_ssl: true, preferred_ip_protocol: "ip4" },
    ],
    [
      "expected status codes",
      { status: [200, 204] },
      "http_2xx_get_200_204",
      { method: "GET", valid_status_codes: [200, 204], fail_if_not_ssl: true, preferred_ip_protocol: "ip4" },
    ],
    [
      "a plain-HTTP endpoint",
      { scheme: "http" },
      "http_2xx_get_2xx_plain",
      { method: "GET", preferred_ip_protocol: "ip4" },
    ],
  ])("names and configures the blackbox module of %s", (_name, endpoint, module, http) => {
    const p = plan({
      "spec.status.endpoints": [{ name: "api", host: "api.orders.example", path: "/ready", ...endpoint }],
    });
    expect(probesIn(p, "us-east-1").map((x) => x.spec.module)).toEqual([module, module]);
    expect(modulesIn(p, "eu-west-1")).toEqual({ [module]: { prober: "http", http } });
  });

  it("lists each module once for endpoints that share it, sorted by name", () => {
    const endpoints = [
      { name: "b", url: "https://b.example/", method: "HEAD" },
      { name: "a", url: "https://a.example/" },
      { name: "c", url: "https://c.example/" },
    ];
    expect(Object.keys(modulesIn(plan({ "spec.status.endpoints": endpoints }), "us-east-1"))).toEqual([
      "http_2xx",
      "http_2xx_head_2xx",
    ]);
  });

  it("plans a ConfigMap, the Probes, one PrometheusRule and the route to the incident bridge per region, after the Namespace", () => {
    const p = plan();
    const status = p.services[0]?.resources.filter((r) => r.origin === "spec.status") ?? [];
    expect(status.map((r) => r.key)).toEqual([
      "orders/us-east-1/ConfigMap",
      "orders/us-east-1/Probe/public/us-east-1",
      "orders/us-east-1/Probe/public/eu-west-1",
      "orders/us-east-1/PrometheusRule/endpoints",
      "orders/eu-west-1/ConfigMap",
      "orders/eu-west-1/Probe/public/us-east-1",
      "orders/eu-west-1/Probe/public/eu-west-1",
      "orders/eu-west-1/PrometheusRule/endpoints",
      "orders/us-east-1/AlertmanagerConfig/incidents",
      "orders/eu-west-1/AlertmanagerConfig/incidents",
    ]);
    for (const r of status) expect(r.opts.dependsOn).toEqual([`orders/${r.region}/Namespace`]);
    expect(new Set(status.map((r) => r.name)).size).toBe(status.length);
  });

  it("puts the stack's Probe labels on every Probe and its rule selector on the PrometheusRule", () => {
    const p = plan();
    for (const r of ofToken(p, PROBE))
      expect((r.props as { metadata: { labels: Record<string, string> } }).metadata.labels).toMatchObject({
        prometheus: "kube-prometheus",
        "app.kubernetes.io/component": "status",
      });
    const rule = ofToken(p, PROMETHEUS_RULE).find((r) => r.key.endsWith("/endpoints"));
    expect((rule?.props as { metadata: { name: string; labels: Record<string, string> } }).metadata).toMatchObject({
      name: "orders-endpoints",
      labels: { role: "alert-rules" },
    });
  });

  it("evaluates the endpoint alerts in each region with that region's label and the quorum of the probing regions", () => {
    const p = plan();
    for (const region of ["us-east-1", "eu-west-1"]) {
      const group = endpointGroup(p, region);
      expect(group.name).toBe("orders-endpoints");
      const down = group.rules.find((r) => "alert" in r && r.alert === "EndpointDown");
      expect(down?.labels).toMatchObject({
        region,
        severity: "critical",
        component: "orders",
        service: "orders",
        namespace: "orders",
      });
      expect(down?.expr).toBe(
        'count by (endpoint) (probe_success{namespace="orders",service="orders",endpoint="public"} == 0) >= 2',
      );
    }
  });

  it("summarises the probes, the quorum and the detection time in the analysis", () => {
    expect(plan().services[0]?.analysis.status).toEqual({
      probeRegions: ["us-east-1", "eu-west-1"],
      quorum: 2,
      intervalSeconds: 30,
      failureThreshold: 1,
      successThreshold: 2,
      detectionSeconds: 30,
      group: "shop",
      maintenance: [],
      endpoints: [
        { name: "public", url: "https://orders.acme.example/ready", component: "orders", module: "http_2xx" },
      ],
      modules: {
        http_2xx: { prober: "http", http: { method: "GET", fail_if_not_ssl: true, preferred_ip_protocol: "ip4" } },
      },
      probes: [
        "orders/us-east-1/Probe/public/us-east-1",
        "orders/us-east-1/Probe/public/eu-west-1",
        "orders/eu-west-1/Probe/public/us-east-1",
        "orders/eu-west-1/Probe/public/eu-west-1",
      ],
      incidents: {
        bridgeRegion: "us-east-1",
        webhookUrls: {
          "us-east-1": "http://incident-bridge.incident-bridge.svc:8080/webhook?sender=us-east-1",
          "eu-west-1": "https://incident-bridge.use1.prod.acme.internal/webhook?sender=eu-west-1",
        },
        resources: ["orders/us-east-1/AlertmanagerConfig/incidents", "orders/eu-west-1/AlertmanagerConfig/incidents"],
      },
    });
  });

  it.each([
    ["a stack without reliability:status", {}, withStatus("prod", undefined)],
    ["a spec with status disabled", { "spec.status": { enabled: false } }, exampleStack("prod")],
    ["a service without a public endpoint", { "spec.dns": undefined }, exampleStack("prod")],
  ])("plans nothing for %s", (_name, changes, stack) => {
    const p = planObject(publicSpec(changes), stack);
    expect(p.services[0]?.resources.filter((r) => r.origin === "spec.status")).toEqual([]);
    expect(p.services[0]?.analysis.status).toBeUndefined();
  });

  it("lowers the quorum to the regions that probe, and leaves out EndpointDegraded when one region is all there is", () => {
    const p = plan({ "spec.regions": ["us-east-1"], "metadata.tier": "standard" });
    const alerts = endpointGroup(p, "us-east-1").rules.flatMap((r) => ("alert" in r ? [r.alert] : []));
    expect(alerts).toEqual(["EndpointDown", "EndpointCertificateExpiring"]);
    expect(p.services[0]?.analysis.status?.quorum).toBe(1);
  });

  it("checks each region's ingress host when the spec asks for status checks and has no DNS name", () => {
    const p = planObject(publicSpec({ "spec.dns": undefined, "spec.status": {} }), exampleStack("prod"));
    expect(
      probesIn(p, "us-east-1").map(
        (x) =>
          `${x.spec.targets.staticConfig.labels?.[DETAIL_LABELS.endpoint] ?? ""} ${x.spec.targets.staticConfig.static.join(",")}`,
      ),
    ).toEqual([
      "ingress-us-east-1 https://ingress.use1.prod.acme.example/ready",
      "ingress-us-east-1 https://ingress.use1.prod.acme.example/ready",
      "ingress-eu-west-1 https://ingress.euw1.prod.acme.example/ready",
      "ingress-eu-west-1 https://ingress.euw1.prod.acme.example/ready",
    ]);
  });

  it("names the prober of each region from a {region} template", () => {
    const stack = withStatus("prod", {
      prober: { url: "bb.{region}.internal:9115", scheme: "http", path: "/probe" },
      module: "http_2xx",
      labels: {},
      quorum: 2,
      preferredIpProtocol: "ip4",
    });
    expect(probesIn(planObject(publicSpec(), stack), "eu-west-1").map((x) => x.spec.prober.url)).toEqual([
      "bb.us-east-1.internal:9115",
      "bb.eu-west-1.internal:9115",
    ]);
  });

  it("changes nothing another domain plans but the dashboard, which draws probe success once there are probes", () => {
    const on = plan();
    const off = planObject(publicSpec(), withStatus("prod", undefined));
    const dashboard = (r: PlannedResource) => r.name.endsWith("-slo-dashboard");
    const others = (p: Plan) => p.services[0]?.resources.filter((r) => r.origin !== "spec.status" && !dashboard(r));
    expect(others(on)).toEqual(others(off));
    const probeQueries = (p: Plan) =>
      (p.services[0]?.resources.filter(dashboard) ?? []).filter((r) =>
        JSON.stringify(r.props).includes("probe_success"),
      );
    expect(probeQueries(on).length).toBeGreaterThan(0);
    expect(probeQueries(off)).toEqual([]);
  });
});
