/**
 * The status planner: in every region of the service, a Probe per endpoint and probing region (each
 * region's Prometheus scrapes every region's blackbox exporter, so it sees the endpoint from all of
 * them and can tell an outage from a regional problem), the ConfigMap of the blackbox modules those
 * Probes name, a PrometheusRule with the endpoint alerts and, when the stack runs the incident
 * bridge, the route of the service's outage alerts from that region's Alertmanager to the stack's one
 * bridge (the bridge itself is planned once per stack: `bridge-plan.ts`). Nothing without `reliability:status` or without an
 * endpoint. Pure.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.Probe
 */

import type { ConfigMap } from "kubernetes-types/core/v1";
import { STATUS_NAMES, resourceKey } from "../../core/conventions.js";
import type { DomainPlanner } from "../../core/module.js";
import { kubeBody, kubeResource, type KubeBody } from "../../core/plan/kube.js";
import type { PlannedResource } from "../../core/plan/types.js";
import type { ResolvedService } from "../../core/spec/service.js";
import type { StackConfig } from "../../core/stack/config.js";
import type { KubeToken } from "../../core/tokens.js";
import { toYaml } from "../../core/yaml.js";
import { endpointRules, type Vantage } from "./alerts.js";
import { bridgeAlertmanagerConfig } from "./incident-plan.js";
import { webhookUrlFor } from "./incident-topology.js";
import { blackboxConfig, moduleOf, probe, statusMetadata } from "./probes.js";
import type { ResolvedStatus } from "./resolved.js";
import { bridgeRegion, proberFor, type StatusStackSettings } from "./settings.js";
import type { StatusAnalysis } from "./types.js";

const ORIGIN = "spec.status";

/** The probing regions: the service's regions that have a prober, in the service's order. */
function vantageOf(
  service: ResolvedService,
  settings: StatusStackSettings,
): Vantage & { readonly probers: ReadonlyMap<string, string> } {
  const probers = new Map(
    service.regions.flatMap((r) => {
      const url = proberFor(settings, r);
      return url === undefined ? [] : [[r, url] as const];
    }),
  );
  return { regions: [...probers.keys()], quorum: Math.min(settings.quorum, probers.size), probers };
}

function configMap(service: ResolvedService, status: ResolvedStatus, settings: StatusStackSettings): ConfigMap {
  return {
    metadata: statusMetadata(service, STATUS_NAMES.modules(service.name), { [STATUS_NAMES.modulesLabel]: "true" }),
    data: { [STATUS_NAMES.configKey]: toYaml(blackboxConfig(status, settings)) },
  };
}

/** Whether the status planner probes a service in a stack: its probing settings, when it does. */
export function probedWith(service: ResolvedService, stack: StackConfig): StatusStackSettings | undefined {
  const settings = stack.status;
  const status = service.status;
  if (!settings || !status.enabled || status.endpoints.length === 0) return undefined;
  return vantageOf(service, settings).regions.length === 0 ? undefined : settings;
}

/** The status planner. */
export const statusPlanner: DomainPlanner = (service, stack) => {
  const settings = probedWith(service, stack);
  const status = service.status;
  if (!settings) return { resources: [] };
  const vantage = vantageOf(service, settings);
  const modules = kubeBody("kubernetes:core/v1:ConfigMap", configMap(service, status, settings));
  const probes = status.endpoints.flatMap((e) =>
    vantage.regions.map((from) => ({
      endpoint: e.name,
      from,
      body: kubeBody(
        "kubernetes:monitoring.coreos.com/v1:Probe",
        probe(service, status, e, from, vantage.probers.get(from) ?? "", settings),
      ),
    })),
  );
  const routes = incidentRoutes(service, stack, settings);
  const resources = [
    ...service.regions.flatMap((region) => regionResources(service, stack, region, { modules, probes, vantage })),
    ...routes,
  ];
  const bridge = settings.incidents;
  const incidents = bridge && {
    bridgeRegion: bridgeRegion(bridge, stack),
    webhookUrls: Object.fromEntries(service.regions.map((r) => [r, webhookUrlFor(bridge, stack, r)])),
    resources: routes.map((r) => r.key),
  };
  return {
    resources,
    analysis: { status: { ...analyze(status, settings, vantage, resources), ...(incidents ? { incidents } : {}) } },
  };
};

/** In every region of the service, the route of its outage alerts to the stack's incident bridge, when the stack runs one. */
function incidentRoutes(
  service: ResolvedService,
  stack: StackConfig,
  settings: StatusStackSettings,
): PlannedResource[] {
  const incidents = settings.incidents;
  if (!incidents) return [];
  const type = "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig" as const;
  const selector = stack.prometheus.alertmanagerConfigSelector;
  return service.regions.map((region) =>
    statusResource(
      service,
      region,
      { type, kind: "AlertmanagerConfig", suffix: "incident-bridge-alertmanagerconfig", key: "incidents" },
      kubeBody(type, bridgeAlertmanagerConfig(service, incidents, webhookUrlFor(incidents, stack, region), selector)),
    ),
  );
}

/** The objects every region registers, built once. */
interface Bodies {
  readonly modules: KubeBody<"kubernetes:core/v1:ConfigMap">;
  readonly probes: readonly {
    readonly endpoint: string;
    readonly from: string;
    readonly body: KubeBody<"kubernetes:monitoring.coreos.com/v1:Probe">;
  }[];
  readonly vantage: Vantage;
}

/** One object of the status domain in a region, after the Namespace; keyed `<service>/<region>/<kind>[/<key>]`. */
function statusResource<T extends KubeToken>(
  service: ResolvedService,
  region: string,
  at: { readonly type: T; readonly kind: string; readonly suffix: string; readonly key?: string },
  body: KubeBody<T>,
): PlannedResource {
  const opts = { dependsOn: [resourceKey(service.name, region, "Namespace")] };
  const planned = kubeResource(
    service,
    { region, kind: at.kind, type: at.type, suffix: at.suffix, origin: ORIGIN, opts },
    body,
  );
  return at.key === undefined ? planned : { ...planned, key: resourceKey(service.name, region, at.kind, at.key) };
}

/** The PrometheusRule of the endpoint alerts a region's Prometheus evaluates. */
function rulesBody(service: ResolvedService, stack: StackConfig, region: string, vantage: Vantage) {
  const group = endpointRules(service, service.status, vantage, region);
  return kubeBody("kubernetes:monitoring.coreos.com/v1:PrometheusRule", {
    metadata: statusMetadata(service, STATUS_NAMES.rules(service.name), stack.prometheus.ruleSelector),
    spec: { groups: [{ name: group.name, rules: [...group.rules] }] },
  });
}

function regionResources(
  service: ResolvedService,
  stack: StackConfig,
  region: string,
  bodies: Bodies,
): PlannedResource[] {
  const probe = "kubernetes:monitoring.coreos.com/v1:Probe" as const;
  return [
    statusResource(
      service,
      region,
      { type: "kubernetes:core/v1:ConfigMap", kind: "ConfigMap", suffix: "blackbox-modules" },
      bodies.modules,
    ),
    ...bodies.probes.map((p) =>
      statusResource(
        service,
        region,
        { type: probe, kind: "Probe", suffix: `probe-${p.endpoint}-from-${p.from}`, key: `${p.endpoint}/${p.from}` },
        p.body,
      ),
    ),
    statusResource(
      service,
      region,
      {
        type: "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
        kind: "PrometheusRule",
        suffix: "endpoint-rules",
        key: "endpoints",
      },
      rulesBody(service, stack, region, bodies.vantage),
    ),
  ];
}

function analyze(
  status: ResolvedStatus,
  settings: StatusStackSettings,
  vantage: Vantage,
  resources: readonly PlannedResource[],
): StatusAnalysis {
  return {
    probeRegions: vantage.regions,
    quorum: vantage.quorum,
    intervalSeconds: status.intervalMs / 1000,
    failureThreshold: status.failureThreshold,
    successThreshold: status.successThreshold,
    detectionSeconds: (status.intervalMs * status.failureThreshold) / 1000,
    group: status.group,
    maintenance: status.maintenance.map((w) => w.name),
    endpoints: status.endpoints.map((e) => ({
      name: e.name,
      url: e.url,
      component: e.component,
      module: moduleOf(e, settings).name,
    })),
    modules: blackboxConfig(status, settings).modules,
    probes: resources.filter((r) => r.type.endsWith(":Probe")).map((r) => r.key),
  };
}
