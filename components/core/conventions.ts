/**
 * Names, labels, annotations and keys: every convention the generated objects follow, in one place.
 */

/** Label and annotation prefix of this project. */
export const DOMAIN = "reliability-stack.io";

/** Value of `app.kubernetes.io/managed-by`. */
export const MANAGED_BY = "reliability-stack";

/** Pulumi type of the per-service component. */
export const RELIABLE_SERVICE_TYPE = "reliability:index:ReliableService";

/** Annotation holding the spec hash. */
export const SPEC_HASH_ANNOTATION = `${DOMAIN}/spec-hash`;

/** Annotation of a PrometheusRule whose service declares its objectives unmeasured (`indicators.none`): the reason. */
export const UNMEASURED_ANNOTATION = `${DOMAIN}/objectives-unmeasured`;

/** Annotation holding the spec file. */
export const SPEC_FILE_ANNOTATION = `${DOMAIN}/spec-file`;

/** Label keys. */
export const LABELS = {
  name: "app.kubernetes.io/name",
  partOf: "app.kubernetes.io/part-of",
  managedBy: "app.kubernetes.io/managed-by",
  component: "app.kubernetes.io/component",
  team: `${DOMAIN}/team`,
  tier: `${DOMAIN}/tier`,
  environment: `${DOMAIN}/environment`,
} as const;

/** Identity of a service in one region, as every planner sees it. */
export interface ServiceIdentity {
  /** `metadata.name` */
  readonly name: string;
  /** Team. */
  readonly team: string;
  /** Tier. */
  readonly tier: string;
  /** Environment. */
  readonly environment: string;
  /** Extra labels from `metadata.labels`. */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Labels that select the service's pods (stable for the Deployment's lifetime: never add to them). */
export function selectorLabels(service: string): Record<string, string> {
  return { [LABELS.name]: service };
}

/**
 * Labels a chaos experiment selects its victims by: the service's name together with the labels only
 * this tool sets (`part-of` the service, `managed-by` reliability-stack), so another workload that
 * happens to share the name label in the namespace is never hit. Every planned pod carries them.
 */
export function chaosTargetLabels(service: string): Record<string, string> {
  return { [LABELS.name]: service, [LABELS.partOf]: service, [LABELS.managedBy]: MANAGED_BY };
}

/**
 * Namespace annotation Chaos Mesh reads when installed with `controllerManager.enableFilterNamespace`:
 * it injects only into namespaces that carry it with the value `enabled`.
 * @see https://chaos-mesh.org/docs/configure-enabled-namespace/
 */
export const CHAOS_INJECT_ANNOTATION = "chaos-mesh.org/inject";

/** Labels every object of the service carries (one shared, read-only object per identity). */
export function standardLabels(id: ServiceIdentity): Readonly<Record<string, string>> {
  const known = labelsOf.get(id);
  if (known) return known;
  const labels = Object.freeze(identityLabels(id));
  labelsOf.set(id, labels);
  return labels;
}

const labelsOf = new WeakMap<ServiceIdentity, Readonly<Record<string, string>>>();

function identityLabels(id: ServiceIdentity): Record<string, string> {
  return {
    ...(id.labels ?? {}),
    [LABELS.name]: id.name,
    [LABELS.partOf]: id.name,
    [LABELS.managedBy]: MANAGED_BY,
    [LABELS.team]: id.team,
    [LABELS.tier]: id.tier,
    [LABELS.environment]: id.environment,
  };
}

/** Plan key of a resource: `<service>/<region>/<kind>[/<suffix>]`. */
export function resourceKey(service: string, region: string, kind: string, suffix?: string): string {
  return suffix ? `${service}/${region}/${kind}/${suffix}` : `${service}/${region}/${kind}`;
}

/** Pulumi logical name of a resource: `<service>-<region>[-<suffix>]`. */
export function logicalName(service: string, region: string, suffix?: string): string {
  return suffix ? `${service}-${region}-${suffix}` : `${service}-${region}`;
}

/** Pulumi logical name of a provider. */
export function providerName(kind: string, region: string): string {
  return `${kind}-${region}`;
}

/** Name of the container port (`http` or `grpc`). */
export function portName(protocol: string): string {
  return protocol;
}

/** Docker Compose service name of the local database of a service that has `spec.database` but no database dependency. */
export function localDatabaseName(service: string): string {
  return `${service}-db`;
}

/** True for environments treated as production (stricter defaults and mandatory policies). */
export function isProduction(environment: string): boolean {
  return environment === "prod" || environment === "production";
}

/** Alert names every generated rule uses; routing, chaos abort checks and policies match on them. */
export const ALERT_NAMES = {
  /** Multiwindow multi-burn-rate SLO alert. */
  burn: "ErrorBudgetBurn",
  /** The SLO window's error budget is spent. */
  exhausted: "ErrorBudgetExhausted",
  /** The SLI metrics are missing. */
  absent: "SLIMetricsAbsent",
  /** A container of the service restarts in a loop. */
  crashLooping: "KubePodCrashLooping",
  /** More replicas are unavailable than the PodDisruptionBudget tolerates. */
  replicasUnavailable: "KubeReplicasUnavailable",
  /** Available replicas differ from the desired count for longer than a rollout takes. */
  replicasMismatch: "KubeReplicasMismatch",
  /** The PodDisruptionBudget has allowed no disruption for longer than replacing every replica takes. */
  pdbBlocked: "KubePDBDisruptionsBlocked",
  /** A probe of the service's containers keeps failing. */
  probeFailing: "KubeProbeFailing",
  /** Database replication lags by more than half the recovery-point objective. */
  replicationLag: "DatabaseReplicationLagHigh",
  /** A database replica stopped reporting replication. */
  replicaNotReplicating: "DatabaseReplicaNotReplicating",
  /** A region's Route 53 health check reports it unhealthy. */
  healthCheckFailing: "RegionHealthCheckFailing",
  /** The chaos plan's horizon (the daylight-saving changes its stops follow) is about to run out. */
  chaosPlanStale: "ChaosPlanStale",
  /** A synthetic probe fails from at least the quorum of regions. */
  endpointDown: "EndpointDown",
  /** A synthetic probe fails from some regions, fewer than the quorum. */
  endpointDegraded: "EndpointDegraded",
  /** A synthetic probe succeeds, but slower than the endpoint's latency bound. */
  endpointSlow: "EndpointSlow",
  /** The endpoint's TLS certificate expires within the warning days. */
  certificateExpiring: "EndpointCertificateExpiring",
} as const;

/** Alert `severity` label values: `critical` pages, `warning` opens a ticket. */
export const SEVERITY = { page: "critical", ticket: "warning" } as const;

/** Label names alert rules put on every alert of a service. */
export const ALERT_LABELS = {
  service: "service",
  slo: "slo",
  severity: "severity",
  team: "team",
  namespace: "namespace",
  region: "region",
} as const;

/**
 * Labels the workload, failover and endpoint alerts add: the probe (`readiness`, `liveness`), the replica's region, the
 * health-checked region, and of a synthetic probe its endpoint, the region it probes from and the status-page component.
 */
export const DETAIL_LABELS = {
  probe: "probe",
  replicaRegion: "replica_region",
  endpointRegion: "endpoint_region",
  endpoint: "endpoint",
  probeRegion: "probe_region",
  component: "component",
} as const;

/** Name of the recording rule holding an SLO's error ratio over `window` (Prometheus `level:metric:operations` style). */
export function errorRatioRecord(window: string): string {
  return `slo:sli_error:ratio_rate${window}`;
}

/** Name of the recording rule holding an SLO's bad (`error`) or all (`total`) events per second over `window`. */
export function eventRateRecord(kind: "error" | "total", window: string): string {
  return `slo:sli_${kind}:rate${window}`;
}

/** Name of a PrometheusRule group of a service: `<service>-slo`, `<service>-slo-budget`, `<service>-workload`, `<service>-database`, `<service>-endpoints`. */
export function ruleGroupName(
  service: string,
  kind: "slo" | "slo-budget" | "workload" | "database" | "endpoints",
): string {
  return `${service}-${kind}`;
}

/** Link to an alert's section of the service runbook (`<runbook>#<alertname in lower case>`). */
export function runbookUrl(runbook: string, alert: string): string {
  return `${runbook.replace(/#.*$/, "")}#${alert.toLowerCase()}`;
}

/**
 * AWS tags the database and DNS resources carry so CloudWatch metrics can be matched to a service
 * (a CloudWatch exporter such as YACE exports them as `tag_<key>` labels).
 */
export const AWS_TAGS = { service: `${DOMAIN}/service`, region: `${DOMAIN}/region` } as const;

/** Tags of every AWS resource: the standard labels plus the service and served region, which CloudWatch-based alerts match on. */
export function awsTags(id: ServiceIdentity, region: string): Record<string, string> {
  return { ...standardLabels(id), [AWS_TAGS.service]: id.name, [AWS_TAGS.region]: region };
}

/** The label a YACE-style CloudWatch exporter gives an exported AWS tag (`tag_` + the key with every other character `_`). */
export function cloudWatchTagLabel(tagKey: string): string {
  return `tag_${tagKey.replace(/[^a-zA-Z0-9_]/g, "_")}`;
}

/**
 * CloudWatch metrics as a YACE-style exporter names them: `aws_<namespace>_<metric in snake case>_<statistic>`,
 * with the AWS region in `region`.
 * @see https://github.com/prometheus-community/yet-another-cloudwatch-exporter
 */
export const CLOUDWATCH_METRICS = {
  /** AWS/RDS `AuroraGlobalDBReplicationLag` (milliseconds), published in the secondary region. */
  auroraGlobalLag: "aws_rds_aurora_global_dbreplication_lag_maximum",
  /** AWS/RDS `ReplicaLag` (seconds; -1 when replication is not running), published in the replica's region. */
  replicaLag: "aws_rds_replica_lag_maximum",
  /** AWS/Route53 `HealthCheckStatus` (1 healthy, 0 unhealthy), published in us-east-1. */
  healthCheckStatus: "aws_route53_health_check_status_minimum",
} as const;

/** Kubernetes metrics as kube-state-metrics and the kubelet export them. */
export const KUBE_METRICS = {
  waitingReason: "kube_pod_container_status_waiting_reason",
  unavailable: "kube_deployment_status_replicas_unavailable",
  available: "kube_deployment_status_replicas_available",
  desired: "kube_deployment_spec_replicas",
  pdbAllowed: "kube_poddisruptionbudget_status_pod_disruptions_allowed",
  probes: "prober_probe_total",
} as const;

/** RDS identifier of a service's database in one environment (global cluster), or of its cluster/instance in one region. */
export function databaseIdentifier(service: string, environment: string, region?: string): string {
  return region ? `${service}-${environment}-${region}` : `${service}-${environment}`;
}

/** Secrets Manager name of a service's database master credentials. */
export function databaseSecretName(service: string, environment: string): string {
  return `${MANAGED_BY}/${environment}/${service}/database-master`;
}

/** Logical name of a service's generated database master password (unique in the stack). */
export function databasePasswordSecret(service: string): string {
  return `${service}-database-master-password`;
}

/** The Route 53 `setIdentifier` of a service's record in a region. */
export function dnsSetIdentifier(service: string, region: string): string {
  return `${service}-${region}`;
}

/** Names of the CloudWatch alarms the failover planners create. */
export const CLOUDWATCH_ALARMS = {
  /** A region's Route 53 health check reports the endpoint unhealthy. */
  healthCheck: (service: string, environment: string, region: string) =>
    `${service}-${environment}-${region}-HealthCheckFailed`,
  /** A secondary region's replication lag exceeds the bound the failover budget assumes. */
  replicationLag: (service: string, environment: string, region: string) =>
    `${service}-${environment}-${region}-ReplicationLagHigh`,
} as const;

/** SNS topic a service's CloudWatch alarms notify in a region where the stack names no topic (SNS names are per region). */
export function alarmTopicName(service: string, environment: string): string {
  return `${service}-${environment}-alarms`;
}

/** Plan-key kinds of the alarm notification resources, which alarms refer to by key. */
export const ALARM_NOTIFY_KINDS = {
  topic: "AlarmTopic",
  key: "AlarmTopicKey",
  subscription: "AlarmSubscription",
} as const;

/**
 * Metrics the Prometheus blackbox exporter returns for one probe.
 * @see https://github.com/prometheus/blackbox_exporter
 */
export const BLACKBOX_METRICS = {
  /** 1 when the probe succeeded, 0 when it failed. */
  success: "probe_success",
  /** Seconds the whole probe took (DNS, connect, TLS, request, response). */
  duration: "probe_duration_seconds",
  /** Unix time the earliest certificate of the endpoint's chain expires (TLS probes only). */
  certificateExpiry: "probe_ssl_earliest_cert_expiry",
} as const;

/** Names of the synthetic-probe objects and series (the status domain). */
export const STATUS_NAMES = {
  /** `app.kubernetes.io/component` of the synthetic-probe objects. */
  component: "status",
  /** The endpoint checked by default at a region's ingress host: `ingress-<region>`. */
  ingressEndpoint: (region: string) => `ingress-${region}`,
  /** The Probe of a service's endpoint from one region: `<service>-<endpoint>-from-<region>`. */
  probe: (service: string, endpoint: string, region: string) => `${service}-${endpoint}-from-${region}`,
  /** The PrometheusRule (and its one group) of a service's endpoint alerts: `<service>-endpoints`. */
  rules: (service: string) => ruleGroupName(service, "endpoints"),
  /** The ConfigMap of the blackbox modules a service's Probes use: `<service>-blackbox-modules`. */
  modules: (service: string) => `${service}-blackbox-modules`,
  /** Label (value `"true"`) of those ConfigMaps, to find every service's modules in a cluster. */
  modulesLabel: `${DOMAIN}/blackbox-modules`,
  /** Data key of the blackbox exporter configuration in those ConfigMaps. */
  configKey: "blackbox.yml",
  /** Recording rule that is 1 while a maintenance window of the service (its `service` label) is open. */
  maintenanceRecord: "status:maintenance_window:active",
} as const;

/**
 * Namespaces the clusters' own components live in (Kubernetes, the monitoring stack of
 * `reliability:prometheus`, Chaos Mesh): no service may be named like one.
 */
export const SYSTEM_NAMESPACES: readonly string[] = [
  "default",
  "kube-system",
  "kube-public",
  "kube-node-lease",
  "monitoring",
  "chaos-mesh",
  "chaos-testing",
];
