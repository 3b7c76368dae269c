/**
 * Defaults of `spec.chaos` and the settings of the Chaos Mesh objects planned from it. Only the
 * domain's resolution reads them; each action's own defaults live in its record under `actions/`.
 */

/** Defaults of `spec.chaos` and of the Chaos Mesh objects planned from it. */
export const CHAOS_DEFAULTS = {
  /** @default "5m" — how long an experiment injects (and, for pod-kill/container-kill, how long its effect is watched). */
  duration: "5m",
  /**
   * @default { days: [mon, tue, wed, thu, fri], from: "09:00", to: "17:00" } — when a `critical` service may be
   * disrupted in production unless `chaos.allowedHours` says otherwise (in `chaos.timezone`).
   */
  productionHoursCritical: { days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "17:00" },
  /** @default 1 — pods an experiment hits when `maxUnavailable` is not given. */
  maxUnavailable: 1,
  /** @default 5 — finished Workflows a Schedule keeps (`historyLimit`). */
  historyLimit: 5,
  /** @default 90 — days before the plan's horizon that `ChaosPlanStale` starts asking for a replan. */
  planStaleWarningDays: 90,
  /** @default 60 — a run missed by more than this many seconds (controller down, Schedule paused) is skipped, never fired late. */
  startingDeadlineSeconds: 60,
  /** @default 15 — seconds between two status-check queries. */
  statusCheckIntervalSeconds: 15,
  /** @default 5 — seconds one status-check query may take. */
  statusCheckTimeoutSeconds: 5,
  /** @default 2 — consecutive failed queries that abort the Workflow. */
  statusCheckFailureThreshold: 2,
  /** @default "1m" — longest the gate before injecting may take (a run starts at most this late). */
  preCheckDeadline: "1m",
  /** @default "curlimages/curl:8.11.1" — image of the gate's pod (needs `sh`, `curl`, `cat`, `date`, `tr`); a stack may set `reliability:chaosMesh.gateImage`. */
  gateImage: "curlimages/curl:8.11.1",
  /** @default 10 — seconds the gate's whole Prometheus request (connect, headers and body) may take before the gate closes. */
  gateQueryTimeoutSeconds: 10,
  /** @default { cpu: "100m", memory: "32Mi" } — requests and limits of the gate's container. */
  gateResources: { cpu: "100m", memory: "32Mi" },
  /** @default "active" — the control state a service's ConfigMap is created with. */
  controlState: "active",
  /** @default 10 — seconds one Kubernetes API request of `reliability chaos freeze|pause|resume` may take. */
  controlRequestTimeoutSeconds: 10,
  /** @default 5 — minutes between the end of a run in one region and the start of the same experiment in the next. */
  regionGapMinutes: 5,
  /** @default 12 — most Schedules one experiment may be split into per region to stay out of blackouts. */
  maxSchedulesPerExperiment: 12,
} as const;
