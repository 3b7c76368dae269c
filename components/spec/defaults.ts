import type { Tier } from "./schema/index.js";

/**
 * Every default of the spec, per tier, in one place. A spec states only what differs.
 * The README's spec reference is generated from the same numbers (see `test/spec/defaults.test.ts`).
 */

/** Probe timing defaults. */
export interface ProbeTimingDefaults {
  /** @default see {@link TIER_DEFAULTS} */
  readonly periodSeconds: number;
  /** Seconds before one check counts as failed. */
  readonly timeoutSeconds: number;
  /** Consecutive failures before the probe acts (readiness: removed from endpoints; liveness: restarted). */
  readonly failureThreshold: number;
}

/** Defaults that depend on the service's tier. */
export interface TierDefaults {
  /** Replica floor when neither `replicas` nor `autoscaling` is given. */
  readonly replicas: number;
  /** Pods the PodDisruptionBudget lets voluntary disruptions (drains, chaos) take down at once. */
  readonly maxUnavailable: number | string;
  /** Readiness probe timing. */
  readonly readiness: ProbeTimingDefaults;
  /** Liveness probe timing; its failure window is always longer than readiness's. */
  readonly liveness: ProbeTimingDefaults;
  /** Startup probe period and timeout (its failure threshold is derived from `maxStartupSeconds`). */
  readonly startup: Omit<ProbeTimingDefaults, "failureThreshold">;
  /** Longest a container may take to start before it is restarted. */
  readonly maxStartupSeconds: number;
  /** Seconds the pod keeps serving after it is marked terminating, so endpoints and load balancers drain it. */
  readonly drainSeconds: number;
  /** Recovery-time objective when the spec does not declare one, in milliseconds. */
  readonly rtoMs: number;
  /** Recovery-point objective when the spec does not declare one, in milliseconds. */
  readonly rpoMs: number;
  /** Alertmanager repeat interval for this tier's notifications. */
  readonly repeatInterval: string;
  /** Whether chaos experiments may run for this tier unless the spec says otherwise. */
  readonly chaosEnabled: boolean;
  /** Whether the tier must run in more than one region in production. */
  readonly multiRegionInProd: boolean;
}

/** The tier presets. */
export const TIER_DEFAULTS: Readonly<Record<Tier, TierDefaults>> = {
  critical: {
    replicas: 3,
    maxUnavailable: 1,
    readiness: { periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 },
    liveness: { periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
    startup: { periodSeconds: 5, timeoutSeconds: 3 },
    maxStartupSeconds: 120,
    drainSeconds: 10,
    rtoMs: 15 * 60_000,
    rpoMs: 60_000,
    repeatInterval: "1h",
    chaosEnabled: true,
    multiRegionInProd: true,
  },
  standard: {
    replicas: 2,
    maxUnavailable: "25%",
    readiness: { periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
    liveness: { periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 6 },
    startup: { periodSeconds: 10, timeoutSeconds: 3 },
    maxStartupSeconds: 180,
    drainSeconds: 10,
    rtoMs: 60 * 60_000,
    rpoMs: 15 * 60_000,
    repeatInterval: "4h",
    chaosEnabled: true,
    multiRegionInProd: false,
  },
  "best-effort": {
    replicas: 1,
    maxUnavailable: "50%",
    readiness: { periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
    liveness: { periodSeconds: 15, timeoutSeconds: 5, failureThreshold: 4 },
    startup: { periodSeconds: 10, timeoutSeconds: 5 },
    maxStartupSeconds: 300,
    drainSeconds: 5,
    rtoMs: 24 * 3_600_000,
    rpoMs: 24 * 3_600_000,
    repeatInterval: "12h",
    chaosEnabled: false,
    multiRegionInProd: false,
  },
};

/** Defaults that do not depend on the tier. */
export const DEFAULTS = {
  /** @default "http" — the application protocol, which names the container port. */
  protocol: "http",
  /** @default "100m" */
  cpu: "100m",
  /** @default "128Mi" — the memory limit defaults to the request, so the pod is never OOM-killed for using what it asked for. */
  memory: "128Mi",
  /** @default 30 — longest request the service serves; shutdown waits for it after draining. */
  requestTimeoutSeconds: 30,
  /** @default 5 — extra seconds of grace after drain + request timeout before SIGKILL. */
  shutdownMarginSeconds: 5,
  /** @default "sleep" — native `lifecycle.preStop.sleep` (Kubernetes ≥ 1.30); `exec` runs `sleep` in the container. */
  preStop: "sleep",
  /** @default 70 */
  targetCPUPercent: 70,
  /** @default ["/tmp"] — paths mounted as emptyDir because the root filesystem is read-only. */
  writablePaths: ["/tmp"],
  /** @default 65532 — the non-root user the container runs as. */
  runAsUser: 65532,
  /** @default "30d" */
  window: "30d",
  /** @default 0 — requests per second under which the SLO does not page (0 disables the guard). */
  minRequestRate: 0,
  /** @default "30s" */
  groupWait: "30s",
  /** @default "UTC" */
  timezone: "UTC",
  /** @default 300 — seconds the HPA waits before scaling down. */
  scaleDownStabilizationSeconds: 300,
  /** @default 5 — Deployment revisions kept for rollback. */
  revisionHistoryLimit: 5,
} as const;
