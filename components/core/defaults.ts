/**
 * Every default of the spec, per tier, in one place. A spec states only what differs.
 * The README's spec reference is generated from the same numbers (see `test/spec/defaults.test.ts`).
 */

import type { Tier } from "./spec/service.js";

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
  /** Seconds a workload condition (crash loop, failing probes) must last before it alerts; the other workload alerts add the probe timing to it. */
  readonly workloadAlertSeconds: number;
  /** How long an SLO's indicator metrics must be missing before `SLIMetricsAbsent` fires, and whether it pages or opens a ticket. */
  readonly missingMetrics: { readonly for: string; readonly severity: "page" | "ticket" };
  /**
   * PriorityClass of the tier's pods (`spec.priorityClassName`), so the scheduler evicts lower tiers first
   * under pressure; a stack may name its own (`reliability:priorityClasses`). The class must exist in every cluster.
   */
  readonly priorityClassName: string;
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
    workloadAlertSeconds: 300,
    missingMetrics: { for: "2m", severity: "page" },
    priorityClassName: "reliability-critical",
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
    workloadAlertSeconds: 600,
    missingMetrics: { for: "5m", severity: "ticket" },
    priorityClassName: "reliability-standard",
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
    workloadAlertSeconds: 900,
    missingMetrics: { for: "15m", severity: "ticket" },
    priorityClassName: "reliability-best-effort",
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
  /** @default "256Mi" — local disk (logs, writable paths) the scheduler reserves for each container. */
  ephemeralStorage: "256Mi",
  /** @default "2Gi" — local disk above which the kubelet evicts the pod instead of letting it fill the node. */
  ephemeralStorageLimit: "2Gi",
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
  /**
   * @default 3 — failed requests a page needs within its short window (5m, 30m), so one failed
   * request of a quiet service does not page while a quiet service failing every request still does
   * (0 disables the guard).
   */
  minFailedRequests: 3,
  /** @default "30s" */
  groupWait: "30s",
  /** @default "UTC" */
  timezone: "UTC",
  /** @default 300 — seconds the HPA waits before scaling down. */
  scaleDownStabilizationSeconds: 300,
  /** @default 5 — Deployment revisions kept for rollback. */
  revisionHistoryLimit: 5,
  /**
   * Multiwindow multi-burn-rate alerts (SRE Workbook, "Alerting on SLOs"): the share of the SLO window's
   * error budget that, spent within `long` (and still burning over `short`), pages or opens a ticket.
   * The burn-rate factor is `budgetPercent/100 × window / long` (14.4, 6, 2 and 1 for a 30d window).
   * The pairs of one severity form one alert (either pair fires it), with no `for`: the short window
   * already confirms the burn, and resets the alert within it once the burn stops.
   * @default page 2% in 1h (5m), page 5% in 6h (30m), ticket 6⅔% in 1d (2h), ticket 10% in 3d (6h)
   */
  burnRateAlerts: [
    { severity: "page", budgetPercent: 2, long: "1h", short: "5m" },
    { severity: "page", budgetPercent: 5, long: "6h", short: "30m" },
    { severity: "ticket", budgetPercent: 20 / 3, long: "1d", short: "2h" },
    { severity: "ticket", budgetPercent: 10, long: "3d", short: "6h" },
  ],
  /**
   * @default "5m" — evaluation interval of the rule group that computes the spent error budget over
   * the whole SLO window (`ErrorBudgetExhausted`); it also is the window of the event rates it records,
   * so consecutive samples tile time and their sums weigh every minute by its traffic.
   */
  budgetEvaluationInterval: "5m",
  /**
   * @default 3_600_000 — the oldest stretch of the SLO window, in milliseconds, that must hold recorded
   * samples before ErrorBudgetExhausted may fire; Prometheus must keep the window plus this much.
   */
  budgetHistoryMarginMs: 3_600_000,
  /** @default "5m" — Alertmanager group interval of a service's notifications. */
  groupInterval: "5m",
  /** @default 600_000 — shortest window, in milliseconds, in which a missing replication metric means the replica stopped (CloudWatch data arrives minutes late). */
  replicationSilenceMs: 600_000,
  /**
   * Namespaces a service's NetworkPolicy admits besides its callers: the ingress controller's (or gateway's),
   * for a public service, and the monitoring stack's, which scrapes the service port. A stack names its own
   * with `reliability:networkPolicy`.
   * @default ingress "ingress-nginx", monitoring "monitoring"
   */
  networkPolicyNamespaces: { ingress: "ingress-nginx", monitoring: "monitoring" },
  /** @default "wget" — HTTP client a local (Docker Compose) health check runs for an `http` probe; BusyBox and GNU wget both have `--spider`. */
  localHttpClient: "wget",
  /** @default "127.0.0.1" — host address local (Docker Compose) ports are published on, so nothing is reachable from the network. */
  localBindAddress: "127.0.0.1",
  /**
   * Local database containers for `reliability render compose`: image, tag when the spec names no version,
   * port, and credentials that exist only on the developer's machine.
   * @default postgres:16 and mysql:8.0, user `app`, password `local-only`
   */
  localDatabase: {
    postgres: { image: "postgres", version: "16", port: 5432 },
    mysql: { image: "mysql", version: "8.0", port: 3306 },
    user: "app",
    password: "local-only",
    /** Health-check timing of the local database containers, seconds. */
    healthcheck: { intervalSeconds: 5, timeoutSeconds: 3, retries: 10, startPeriodSeconds: 30 },
  },
} as const;

/** Database and DNS defaults that depend on the tier. */
export interface FailoverTierDefaults {
  /** DB instances per region (Aurora: writer plus readers in the primary, readers in each secondary). */
  readonly instances: number;
  /** Days of automated backups kept (point-in-time restore window). */
  readonly backupRetentionDays: number;
  /** Whether Performance Insights is on. */
  readonly performanceInsights: boolean;
  /** Enhanced monitoring interval in seconds (0 turns it off). */
  readonly monitoringIntervalSeconds: 0 | 1 | 5 | 10 | 15 | 30 | 60;
  /** Route 53 health-check request interval in seconds (10 is "fast", 30 "standard"). */
  readonly dnsIntervalSeconds: 10 | 30;
}

/**
 * Per-tier database and DNS defaults.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Backups.html
 * @see https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html
 */
export const FAILOVER_TIER_DEFAULTS: Readonly<Record<Tier, FailoverTierDefaults>> = {
  /** @default 2 instances, 14 days of backups, Performance Insights, 10 s enhanced monitoring, 10 s DNS checks */
  critical: {
    instances: 2,
    backupRetentionDays: 14,
    performanceInsights: true,
    monitoringIntervalSeconds: 10,
    dnsIntervalSeconds: 10,
  },
  /** @default 2 instances, 7 days of backups, Performance Insights, 60 s enhanced monitoring, 30 s DNS checks */
  standard: {
    instances: 2,
    backupRetentionDays: 7,
    performanceInsights: true,
    monitoringIntervalSeconds: 60,
    dnsIntervalSeconds: 30,
  },
  /** @default 1 instance, 1 day of backups, no Performance Insights, no enhanced monitoring, 30 s DNS checks */
  "best-effort": {
    instances: 1,
    backupRetentionDays: 1,
    performanceInsights: false,
    monitoringIntervalSeconds: 0,
    dnsIntervalSeconds: 30,
  },
};

/** Database, DNS and failover defaults that do not depend on the tier. */
export const FAILOVER_DEFAULTS = {
  /** @default "dbadmin" — master user name (not reserved by any supported engine). */
  masterUsername: "dbadmin",
  /** @default 32 — length of the generated master password. */
  passwordLength: 32,
  /** @default "!#$%&*()-_=+[]{}<>:?" — special characters the generated password may use (RDS forbids / ' " @ and space). */
  passwordSpecialCharacters: "!#$%&*()-_=+[]{}<>:?",
  /** @default 100 — storage of a non-Aurora instance, GiB. */
  allocatedStorageGb: 100,
  /** @default 7 — days before Performance Insights data expires (the free retention). */
  performanceInsightsRetentionDays: 7,
  /** @default 30 — KMS key deletion window in production, days (7 elsewhere). */
  kmsDeletionWindowDaysProd: 30,
  /** @default 7 — KMS key deletion window outside production, days. */
  kmsDeletionWindowDays: 7,
  /** @default false — whether an https alarm subscription confirms itself (PagerDuty's SNS integration does); set per subscription with `autoConfirms`. */
  alarmSubscriptionAutoConfirms: false,
  /** @default 30 — Secrets Manager recovery window in production, days (0, immediate, elsewhere). */
  secretRecoveryWindowDaysProd: 30,
  /** @default "HTTPS" — Route 53 health-check protocol. */
  healthCheckProtocol: "HTTPS",
  /** @default 3 — consecutive failed checks before Route 53 marks an endpoint unhealthy (Route 53's own default). */
  healthCheckFailureThreshold: 3,
  /** @default 30 — record TTL in seconds; at most {@link FAILOVER_DEFAULTS.maxHealthCheckedTtl} when health-checked. */
  dnsTtlSeconds: 30,
  /** @default 60 — longest TTL a health-checked record may have, so clients follow a failover quickly. */
  maxHealthCheckedTtl: 60,
  /** @default 0 — seconds clients may cache a record beyond its TTL (stub resolvers, JVM `networkaddress.cache.ttl`); raise it for clients known to do so. */
  clientCacheSeconds: 0,
  /** @default 60 — period of the CloudWatch alarms on health-check status and replication lag, seconds. */
  alarmPeriodSeconds: 60,
  /** @default 3 — consecutive periods of replication lag above the bound before the lag alarm fires. */
  lagAlarmEvaluationPeriods: 3,
} as const;

/**
 * Timing constants of the failover budget: what AWS documents (or, where it documents nothing, the
 * assumption the budget makes and monitors). `docs/failover.md` cites each source.
 */
export const FAILOVER_CONSTANTS = {
  /** @default 4000 — Route 53 checkers must open a TCP connection within 4 s. @see https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html */
  route53ConnectTimeoutMs: 4000,
  /** @default 2000 — and receive a 2xx/3xx response within 2 s of connecting. @see https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html */
  route53ResponseTimeoutMs: 2000,
  /** @default 1000 — Aurora Global Database replicates "typically in under a second". @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html */
  auroraGlobalLagMs: 1000,
  /** @default 60000 — promoting an Aurora secondary (global failover) takes "less than a minute". @see https://disaster-recovery.workshop.aws/en/services/databases/aurora/global-database.html */
  auroraGlobalPromotionMs: 60_000,
  /** @default 60000 — assumed bound on RDS cross-region replica lag (AWS gives none; the plan alarms on `ReplicaLag` above it). @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html */
  rdsReplicaLagMs: 60_000,
  /** @default 600000 — assumed time to promote an RDS read replica (AWS: "several minutes or longer"). @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html */
  rdsReplicaPromotionMs: 600_000,
  /** @default 120000 — RDS Multi-AZ failover is "typically 60–120 seconds". @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html */
  rdsMultiAzFailoverMs: 120_000,
  /** @default 120000 — Aurora fails over to a replica in its region within about two minutes. @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html */
  auroraInRegionFailoverMs: 120_000,
  /** @default 60000 — an alias record answers with the TTL of the load balancer's own record, 60 s. @see https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html */
  elbAliasTtlMs: 60_000,
} as const;

/** Bounds the policy rules hold specs to (beyond what the spec schema refuses). */
export const POLICY_LIMITS = {
  /** @default 2 — fewest failed liveness checks in a row before a restart. */
  minLivenessFailureThreshold: 2,
  /** @default 60000 — longest Alertmanager group wait before the first page of a group, ms. */
  pageGroupWaitMaxMs: 60_000,
  /** @default 7 — fewest days of automated backups of a critical service's database. */
  criticalBackupRetentionDays: 7,
  /** @default 2 — Aurora instances per region in production (a writer and a reader to fail over to). */
  minAuroraInstancesInProduction: 2,
  /** @default 2 — most services whose chaos runs may start in the same minute in one cluster. */
  maxChaosStartsPerMinute: 2,
  /** @default 60 — shortest time between two runs of one chaos Schedule, minutes. */
  minChaosIntervalMinutes: 60,
  /** @default 8 — first local hour a critical service's chaos run may start (on-call awake). */
  chaosDayStartHour: 8,
  /** @default 18 — local hour by which a critical service's chaos runs must have started. */
  chaosDayEndHour: 18,
  /** @default 2 — fewest replicas a Deployment needs before an experiment may kill or fail its pods. */
  minReplicasForPodChaos: 2,
} as const;
