/**
 * A service's SLO dashboard as Grafana's dashboard model (schema of the foundation SDK): a
 * Prometheus data-source variable, a row per SLO, synthetic probes per region when the status
 * domain probes the service, and annotations for its burn-rate alerts and chaos runs. Pure.
 * @see https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/
 */

import type * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import type { ResolvedService } from "../../core/spec/service.js";
import type { StackConfig } from "../../core/stack/config.js";
import { declaredSlos } from "../alerts/slo.js";
import { proberFor } from "../status/settings.js";
import { DASHBOARD_DEFAULTS } from "./defaults.js";
import { DASHBOARD_NAMES } from "./names.js";
import { DATASOURCE, probePanel, sloPanels } from "./panels.js";
import { burnAlertsQuery, chaosRunsQuery } from "./queries.js";
import { grafana } from "./sdk.js";

/** Whether the status domain probes the service from at least one of its regions in this stack. */
export function isProbed(service: ResolvedService, stack: StackConfig): boolean {
  const settings = stack.status;
  const status = service.status;
  if (!settings || !status.enabled || status.endpoints.length === 0) return false;
  return service.regions.some((r) => proberFor(settings, r) !== undefined);
}

/** Whether Chaos Mesh runs experiments on the service in this stack. */
export function runsChaos(service: ResolvedService, stack: StackConfig): boolean {
  return stack.chaosMesh.installed && service.chaos.enabled && service.chaos.experiments.length > 0;
}

/** An annotation drawn from a PromQL query: a region wherever the query returns a series. */
function annotation(name: string, expr: string, color: string, title: string): dashboard.AnnotationQueryBuilder {
  const { dashboard, prometheus } = grafana();
  return new dashboard.AnnotationQueryBuilder()
    .name(name)
    .datasource(DATASOURCE)
    .enable(true)
    .iconColor(color)
    .target(new prometheus.DataqueryBuilder().expr(expr).refId("Anno"))
    .titleFormat(title)
    .step("1m");
}

/** The dashboard of a service's SLOs in a stack. */
export function sloDashboard(service: ResolvedService, stack: StackConfig): dashboard.Dashboard {
  const { DashboardBuilder, DashboardCursorSync, DatasourceVariableBuilder, RowBuilder } = grafana().dashboard;
  const builder = new DashboardBuilder(`${service.name} SLOs`)
    .uid(DASHBOARD_NAMES.uid(service.name))
    .description(`Objectives, error budget and burn rates of ${service.name} (${service.tier}, team ${service.team}).`)
    .tags(["slo", service.name, service.team, stack.environment])
    .readonly()
    .time({ from: `now-${DASHBOARD_DEFAULTS.timeRange}`, to: "now" })
    .refresh(DASHBOARD_DEFAULTS.refresh)
    .tooltip(DashboardCursorSync.Crosshair)
    .withVariable(
      new DatasourceVariableBuilder(DASHBOARD_NAMES.datasourceVariable).label("Prometheus").type("prometheus"),
    )
    .annotation(annotation("Burn-rate alerts", burnAlertsQuery(service), "red", "{{severity}} burn-rate alert"));
  if (runsChaos(service, stack))
    builder.annotation(annotation("Chaos runs", chaosRunsQuery(service), "purple", "{{kind}} injecting"));
  for (const slo of declaredSlos(service)) {
    const { row, panels } = sloPanels(service, slo);
    builder.withRow(row);
    for (const panel of panels) builder.withPanel(panel);
  }
  if (isProbed(service, stack)) builder.withRow(new RowBuilder("Synthetic probes")).withPanel(probePanel(service));
  return builder.build();
}
