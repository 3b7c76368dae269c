/**
 * The dashboards planner: in every region of a service with indicators, a ConfigMap holding its SLO
 * dashboard, labelled for the Grafana sidecar and filed in the stack's folder, in the stack's
 * dashboards namespace or the service's own. Nothing without `reliability:dashboards`. Pure.
 * @see https://github.com/grafana/helm-charts/tree/main/charts/grafana#sidecar-for-dashboards
 */

import type { ConfigMap } from "kubernetes-types/core/v1";
import { LABELS, resourceKey, standardLabels } from "../../core/conventions.js";
import type { DomainPlanner } from "../../core/module.js";
import { kubeBody, kubeResource } from "../../core/plan/kube.js";
import type { ResolvedService } from "../../core/spec/service.js";
import { declaredSlos } from "../alerts/slo.js";
import { sloDashboard } from "./dashboard.js";
import { DASHBOARD_NAMES } from "./names.js";
import type { DashboardsStackSettings } from "./settings.js";

const ORIGIN = "spec.objectives";

/** The ConfigMap of a service's dashboard. */
export function dashboardConfigMap(
  service: ResolvedService,
  settings: DashboardsStackSettings,
  json: string,
): ConfigMap {
  return {
    metadata: {
      name: DASHBOARD_NAMES.configMap(service.name),
      namespace: settings.namespace ?? service.namespace,
      labels: { ...standardLabels(service), [LABELS.component]: DASHBOARD_NAMES.component, ...settings.label },
      ...(settings.folder === undefined ? {} : { annotations: { [settings.folderAnnotation]: settings.folder } }),
    },
    data: { [DASHBOARD_NAMES.file(service.name)]: json },
  };
}

/** The dashboards planner. */
export const dashboardsPlanner: DomainPlanner = (service, stack) => {
  const settings = stack.dashboards;
  if (!settings?.enabled || declaredSlos(service).length === 0) return { resources: [] };
  const json = `${JSON.stringify(sloDashboard(service, stack), null, 2)}\n`;
  const body = kubeBody("kubernetes:core/v1:ConfigMap", dashboardConfigMap(service, settings, json));
  const resources = service.regions.map((region) =>
    kubeResource(
      service,
      {
        region,
        kind: "ConfigMap",
        type: "kubernetes:core/v1:ConfigMap",
        suffix: "slo-dashboard",
        origin: ORIGIN,
        opts: settings.namespace === undefined ? { dependsOn: [resourceKey(service.name, region, "Namespace")] } : {},
      },
      body,
    ),
  );
  return {
    resources: resources.map((r) => ({ ...r, key: resourceKey(service.name, r.region, "ConfigMap", "slo-dashboard") })),
  };
};
