/** Defaults of the dashboards domain, each set here once. */
export const DASHBOARD_DEFAULTS = {
  /**
   * @default { grafana_dashboard: "1" } — the label the Grafana dashboard sidecar selects ConfigMaps by
   * (the Grafana Helm chart's `sidecar.dashboards.label` and `labelValue`).
   */
  label: { grafana_dashboard: "1" } as Readonly<Record<string, string>>,
  /** @default "grafana_folder" — the annotation the sidecar reads a dashboard's folder from (`sidecar.dashboards.folderAnnotation`). */
  folderAnnotation: "grafana_folder",
  /** @default "30d" — time range the dashboard opens with. */
  timeRange: "30d",
  /** @default "1m" — how often the dashboard refreshes. */
  refresh: "1m",
} as const;
