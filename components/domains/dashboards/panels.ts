/**
 * The panels of the SLO dashboard, built with Grafana's foundation SDK: for each SLO its indicator
 * against the objective, the error budget left over the window and one burn-rate panel per alert
 * window pair with the alert's factor drawn as a threshold; and the synthetic probes per region. Pure.
 * @see https://grafana.com/docs/grafana/latest/as-code/observability-as-code/foundation-sdk/
 */

import type { Builder } from "@grafana/grafana-foundation-sdk/cog";
import type * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import type { DataqueryBuilder } from "@grafana/grafana-foundation-sdk/prometheus";
import type * as stat from "@grafana/grafana-foundation-sdk/stat";
import type * as timeseries from "@grafana/grafana-foundation-sdk/timeseries";
import type { ResolvedService } from "../../core/spec/service.js";
import { windowText, type BurnWindow } from "../../core/windows.js";
import type { Slo } from "../alerts/slo.js";
import { DASHBOARD_NAMES } from "./names.js";
import { grafana } from "./sdk.js";
import {
  alertWindows,
  budgetRemainingQuery,
  burnRateQuery,
  probeSuccessQuery,
  sliQuery,
  sliWindows,
} from "./queries.js";

/** The data source every query reads: the dashboard's Prometheus variable. */
export const DATASOURCE = { type: "prometheus", uid: `\${${DASHBOARD_NAMES.datasourceVariable}}` } as const;

const COLORS = { bad: "red", warn: "orange", good: "green" } as const;

/** One PromQL query of a panel. */
function query(expr: string, legend: string, refId: string): DataqueryBuilder {
  return new (grafana().prometheus.DataqueryBuilder)()
    .datasource(DATASOURCE)
    .expr(expr)
    .legendFormat(legend)
    .refId(refId)
    .range();
}

/** Absolute thresholds: `base` below the first step, then each step's colour from its value up. */
function thresholds(
  base: string,
  steps: readonly { value: number; color: string }[],
): dashboard.ThresholdsConfigBuilder {
  const { ThresholdsConfigBuilder, ThresholdsMode } = grafana().dashboard;
  return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps([{ value: null, color: base }, ...steps]);
}

/** A time series with its thresholds drawn as dashed lines. */
function lines(title: string, description: string): timeseries.PanelBuilder {
  const { common, timeseries } = grafana();
  const { GraphThresholdsStyleConfigBuilder, GraphThresholdsStyleMode, LegendDisplayMode, LegendPlacement } = common;
  return new timeseries.PanelBuilder()
    .title(title)
    .description(description)
    .datasource(DATASOURCE)
    .thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed))
    .legend(
      new common.VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(LegendDisplayMode.List)
        .placement(LegendPlacement.Bottom),
    )
    .height(8);
}

/** The SLI over the shortest and longest recorded windows, against the objective. */
function sliPanel(service: ResolvedService, slo: Slo): timeseries.PanelBuilder {
  const objective = slo.percent / 100;
  const windows = sliWindows(service);
  return lines(
    `${title(slo)} SLI vs ${slo.percent}% objective`,
    `Share of good ${slo.kind} events over ${windows.join(" and ")}; the dashed line is the objective.`,
  )
    .targets(windows.map((w, i) => query(sliQuery(service, slo, w), `SLI (${w})`, refId(i))))
    .unit("percentunit")
    .decimals(3)
    .thresholds(thresholds(COLORS.bad, [{ value: objective, color: COLORS.good }]))
    .span(12);
}

/** The error budget left over the SLO window, now and over time. */
function budgetPanels(service: ResolvedService, slo: Slo): [stat.PanelBuilder, timeseries.PanelBuilder] {
  const window = windowText(service.objectives.windowMs);
  const expr = budgetRemainingQuery(service, slo);
  const steps = [
    { value: 0, color: COLORS.warn },
    { value: 0.25, color: COLORS.good },
  ];
  const { common, stat } = grafana();
  const now = new stat.PanelBuilder()
    .title(`${title(slo)} error budget left (${window})`)
    .description(
      `Share of the ${window} error budget of the ${slo.percent}% objective not yet spent (failed over all requests).`,
    )
    .datasource(DATASOURCE)
    .withTarget(query(expr, "budget left", "A").instant())
    .unit("percentunit")
    .decimals(1)
    .thresholds(thresholds(COLORS.bad, steps))
    .colorMode(common.BigValueColorMode.Background)
    .graphMode(common.BigValueGraphMode.None)
    .height(8)
    .span(4);
  const history = lines(`${title(slo)} error budget left over ${window}`, `The same share, as it moved.`)
    .withTarget(query(expr, "budget left", "A"))
    .unit("percentunit")
    .thresholds(thresholds(COLORS.bad, steps))
    .span(8);
  return [now, history];
}

/** One alert window pair: the burn rate over both windows and the factor the alert fires above. */
function burnPanel(service: ResolvedService, slo: Slo, pair: BurnWindow): timeseries.PanelBuilder {
  const action = pair.severity === "page" ? "pages" : "opens a ticket";
  return lines(
    `${title(slo)} burn rate ${pair.long} / ${pair.short} (${pair.severity} above ${pair.factor}×)`,
    `Error budget burn rate over ${pair.long} and ${pair.short}; ${service.name} ${action} when both exceed ${pair.factor}× (the dashed line).`,
  )
    .targets([
      query(burnRateQuery(service, slo, pair.long), pair.long, "A"),
      query(burnRateQuery(service, slo, pair.short), pair.short, "B"),
    ])
    .unit("x")
    .thresholds(
      thresholds(COLORS.good, [{ value: pair.factor, color: pair.severity === "page" ? COLORS.bad : COLORS.warn }]),
    )
    .span(6);
}

/** The panels of one SLO, under a row named after it. */
export function sloPanels(
  service: ResolvedService,
  slo: Slo,
): { readonly row: dashboard.RowBuilder; readonly panels: readonly Builder<dashboard.Panel>[] } {
  return {
    row: new (grafana().dashboard.RowBuilder)(`${title(slo)} SLO`),
    panels: [
      sliPanel(service, slo),
      ...budgetPanels(service, slo),
      ...alertWindows(service).map((p) => burnPanel(service, slo, p)),
    ],
  };
}

/** Synthetic probe success per endpoint and probing region. */
export function probePanel(service: ResolvedService): timeseries.PanelBuilder {
  return lines(
    "Probe success per region",
    `Share of successful synthetic probes of ${service.name}'s endpoints, from each region.`,
  )
    .withTarget(query(probeSuccessQuery(service), "{{endpoint}} from {{probe_region}}", "A"))
    .unit("percentunit")
    .min(0)
    .max(1)
    .thresholds(thresholds(COLORS.bad, [{ value: 1, color: COLORS.good }]))
    .span(24);
}

const refId = (i: number): string => String.fromCharCode(65 + i);

/** The SLO's name as a title starts with it (`Availability`). */
const title = (slo: Slo): string => `${slo.kind.charAt(0).toUpperCase()}${slo.kind.slice(1)}`;
