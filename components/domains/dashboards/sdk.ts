/**
 * Grafana's foundation SDK, loaded on first use. Its modules take about a fifth of a second to
 * load, which every command (and every planning thread) would otherwise pay at start, though only
 * planning a dashboard needs them: a cached `plan` or `check`, `validate` or `calendar` never does.
 */

import type * as Common from "@grafana/grafana-foundation-sdk/common";
import type * as Dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import type * as Prometheus from "@grafana/grafana-foundation-sdk/prometheus";
import type * as Stat from "@grafana/grafana-foundation-sdk/stat";
import type * as Timeseries from "@grafana/grafana-foundation-sdk/timeseries";

/** The SDK modules the dashboards are built with. */
export interface GrafanaSdk {
  /** Shared options: legends, threshold styles, stat colour modes. */
  readonly common: typeof Common;
  /** The dashboard, its rows, variables, annotations and thresholds. */
  readonly dashboard: typeof Dashboard;
  /** Prometheus queries. */
  readonly prometheus: typeof Prometheus;
  /** The stat panel. */
  readonly stat: typeof Stat;
  /** The time series panel. */
  readonly timeseries: typeof Timeseries;
}

let loaded: GrafanaSdk | undefined;

/** The SDK, loaded the first time it is asked for. */
export function grafana(): GrafanaSdk {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */
  return (loaded ??= {
    common: require("@grafana/grafana-foundation-sdk/common") as typeof Common,
    dashboard: require("@grafana/grafana-foundation-sdk/dashboard") as typeof Dashboard,
    prometheus: require("@grafana/grafana-foundation-sdk/prometheus") as typeof Prometheus,
    stat: require("@grafana/grafana-foundation-sdk/stat") as typeof Stat,
    timeseries: require("@grafana/grafana-foundation-sdk/timeseries") as typeof Timeseries,
  });
  /* eslint-enable @typescript-eslint/no-require-imports */
}
