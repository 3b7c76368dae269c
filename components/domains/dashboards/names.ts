/**
 * Names of the SLO dashboard objects: the ConfigMap, its data key, the dashboard's uid, and the
 * Chaos Mesh series the chaos annotations read.
 */

/** Names of a service's SLO dashboard. */
export const DASHBOARD_NAMES = {
  /** `app.kubernetes.io/component` of the dashboard ConfigMap. */
  component: "dashboards",
  /** The ConfigMap holding a service's dashboard: `<service>-slo-dashboard`. */
  configMap: (service: string) => `${service}-slo-dashboard`,
  /** Data key of the dashboard JSON in that ConfigMap (the sidecar writes it as a file of this name). */
  file: (service: string) => `${service}-slo.json`,
  /** Dashboard uid: `slo-<service>` (Grafana keeps at most 40 characters). */
  uid: (service: string) => `slo-${service}`.slice(0, 40),
  /** Dashboard variable naming the Prometheus data source. */
  datasourceVariable: "datasource",
} as const;

/**
 * The Chaos Mesh controller manager's gauge of experiments by namespace, kind and phase; scraped
 * through a target that has its own `namespace`, the experiment's namespace arrives as `exported_namespace`.
 * @see https://github.com/chaos-mesh/chaos-mesh/blob/master/pkg/metrics/metrics.go
 */
export const CHAOS_MESH_METRICS = {
  /** Experiments per namespace, kind and phase. */
  experiments: "chaos_controller_manager_chaos_experiments",
  /** The label holding the experiment's namespace once scraped. */
  namespaceLabel: "exported_namespace",
  /** Phases during which a fault is injected (the controller reports them in either case). */
  activePhases: "(?i)(injecting|running)",
} as const;
