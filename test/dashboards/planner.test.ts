import { describe, expect, it } from "vitest";
import type { ConfigMap } from "kubernetes-types/core/v1";
import type { Plan } from "../../components/core/plan/types.js";
import { dashboardsStackSchema } from "../../components/domains/dashboards/settings.js";
import { baseSpec, exampleStack, planObject, setPath } from "../support/project.js";
import { dashboardMaps, dashboardOf, withDashboards } from "./support.js";

function plan(stack = withDashboards("prod", {}), changes: Record<string, unknown> = {}): Plan {
  const spec = baseSpec();
  setPath(spec, "spec.regions", ["us-east-1", "eu-west-1"]);
  for (const [path, value] of Object.entries(changes)) setPath(spec, path, value);
  return planObject(spec, stack);
}

const metadataOf = (p: Plan) => dashboardMaps(p).map((m) => (m.props as ConfigMap).metadata);

describe("the dashboards planner", () => {
  it("registers one dashboard ConfigMap per region of the service, after its Namespace", () => {
    const maps = dashboardMaps(plan());
    expect(maps.map((m) => [m.key, m.type, m.opts.dependsOn])).toEqual([
      ["orders/us-east-1/ConfigMap/slo-dashboard", "kubernetes:core/v1:ConfigMap", ["orders/us-east-1/Namespace"]],
      ["orders/eu-west-1/ConfigMap/slo-dashboard", "kubernetes:core/v1:ConfigMap", ["orders/eu-west-1/Namespace"]],
    ]);
    expect(Object.keys((maps[0]?.props as ConfigMap).data ?? {})).toEqual(["orders-slo.json"]);
  });

  it.each([
    ["the sidecar's default label in the service's namespace", {}, { grafana_dashboard: "1" }, "orders", undefined],
    [
      "the stack's label, namespace and folder",
      {
        label: { dashboards: "slo" },
        namespace: "monitoring",
        folder: "SLOs",
        folderAnnotation: "k8s-sidecar-target-directory",
      },
      { dashboards: "slo" },
      "monitoring",
      { "k8s-sidecar-target-directory": "SLOs" },
    ],
  ])("labels it with %s", (_what, settings, label, namespace, annotations) => {
    const [meta] = metadataOf(plan(withDashboards("prod", settings)));
    expect(meta?.labels).toEqual(expect.objectContaining(label));
    expect(meta?.namespace).toBe(namespace);
    expect(meta?.annotations).toEqual(annotations);
  });

  it("leaves the Namespace out of its dependencies when the dashboards go to the stack's namespace", () => {
    expect(dashboardMaps(plan(withDashboards("prod", { namespace: "monitoring" })))[0]?.opts.dependsOn).toBeUndefined();
  });

  it.each([
    ["the stack has no reliability:dashboards", withDashboards("prod", undefined), {}],
    ["the stack turns dashboards off", withDashboards("prod", { enabled: false }), {}],
    [
      "the service measures no objective",
      withDashboards("prod", {}),
      { "spec.indicators": { none: { reason: "batch job without requests" } } },
    ],
  ])("plans nothing when %s", (_what, stack, changes) => {
    expect(dashboardMaps(plan(stack, changes))).toEqual([]);
  });

  it("draws a row per declared SLO, each with its SLI, budget and four burn-rate panels", () => {
    const latency = {
      "spec.objectives.latency": { threshold: "300ms", percent: 99 },
      "spec.indicators.latency": {
        errors:
          'sum(rate(http_request_duration_seconds_count{job="orders"}[{{window}}])) - sum(rate(http_request_duration_seconds_bucket{job="orders",le="0.3"}[{{window}}]))',
        total: 'sum(rate(http_request_duration_seconds_count{job="orders"}[{{window}}]))',
      },
    };
    const d = dashboardOf(dashboardMaps(plan(withDashboards("prod", {}), latency))[0]!);
    expect(d.panels.filter((p) => p.type === "row").map((p) => p.title)).toEqual(["Availability SLO", "Latency SLO"]);
    expect(d.panels.filter((p) => p.title.startsWith("Latency") && p.type !== "row").map((p) => p.type)).toEqual([
      "timeseries",
      "stat",
      "timeseries",
      "timeseries",
      "timeseries",
      "timeseries",
      "timeseries",
    ]);
  });

  it("draws probe success per region only where the status domain probes the service", () => {
    const probed = {
      "metadata.tier": "critical",
      "spec.workload.replicas": 3,
      "spec.dns": { zone: "acme.example", name: "orders.acme.example", routing: "latency" },
    };
    const titles = (p: Plan) => dashboardOf(dashboardMaps(p)[0]!).panels.map((x) => x.title);
    expect(titles(plan(withDashboards("prod", {}), probed))).toContain("Probe success per region");
    expect(titles(plan(withDashboards("prod", {})))).not.toContain("Probe success per region");
  });

  it("annotates chaos runs only where Chaos Mesh runs experiments on the service", () => {
    const names = (p: Plan) => dashboardOf(dashboardMaps(p)[0]!).annotations.list.map((a) => a.name);
    const chaos = {
      "spec.chaos": {
        enabled: true,
        experiments: [{ name: "kill-one-pod", action: "pod-kill", schedule: "0 10 * * 2" }],
      },
    };
    expect(names(plan(withDashboards("prod", {}), chaos))).toEqual(["Burn-rate alerts", "Chaos runs"]);
    expect(names(plan(withDashboards("prod", {}), { "spec.chaos": { enabled: false } }))).toEqual(["Burn-rate alerts"]);
  });
});

describe("the reliability:dashboards setting", () => {
  it.each([
    ["an empty label", { label: {} }, "at least one label"],
    ["a label value Kubernetes refuses", { label: { grafana_dashboard: "yes please" } }, "label value"],
    ["an unknown field", { lable: { a: "1" } }, "lable"],
  ])("refuses %s", (_what, input, message) => {
    const result = dashboardsStackSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(message);
  });

  it("defaults to the Grafana sidecar's label and folder annotation", () => {
    expect(dashboardsStackSchema.parse({})).toEqual({
      enabled: true,
      label: { grafana_dashboard: "1" },
      folderAnnotation: "grafana_folder",
    });
  });

  it("is read from the example prod stack", () => {
    expect(exampleStack("prod").dashboards).toEqual(
      expect.objectContaining({ label: { grafana_dashboard: "1" }, folder: "SLOs" }),
    );
  });
});
