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

/** Labels every object of the service carries. */
export function standardLabels(id: ServiceIdentity): Record<string, string> {
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
} as const;

/** Alert `severity` label values: `critical` pages, `warning` opens a ticket. */
export const SEVERITY = { page: "critical", ticket: "warning" } as const;

/** Label names alert rules put on every alert of a service. */
export const ALERT_LABELS = { service: "service", slo: "slo", severity: "severity", team: "team", namespace: "namespace", region: "region" } as const;
