import type { SourcePosition } from "./errors.js";
import type { PathSegment } from "./positions.js";
import type { ChaosInput, DatabaseInput, DependencyInput, DnsInput, Tier } from "../../spec/schema/index.js";

/**
 * A service spec after the environment overlay and the tier defaults: every field the
 * planners read has a value. Planners take this, never the raw YAML.
 */

/** A probe's check, one of the four Kubernetes handler kinds. */
export type ProbeHandler =
  | { readonly kind: "http"; readonly path: string; readonly port: number; readonly scheme: "HTTP" | "HTTPS"; readonly host?: string; readonly headers: Readonly<Record<string, string>> }
  | { readonly kind: "tcp"; readonly port: number }
  | { readonly kind: "grpc"; readonly port: number; readonly service?: string }
  | { readonly kind: "exec"; readonly command: readonly string[] };

/** A probe with its timing settled. */
export interface ResolvedProbe {
  /** The check. */
  readonly handler: ProbeHandler;
  /** Seconds between checks. */
  readonly periodSeconds: number;
  /** Seconds before one check counts as failed. */
  readonly timeoutSeconds: number;
  /** Consecutive failures before the probe acts. */
  readonly failureThreshold: number;
  /** Consecutive successes before the probe counts as passing again. */
  readonly successThreshold: number;
}

/** Replica count: fixed, or a HorizontalPodAutoscaler's range. */
export type Scaling =
  | { readonly kind: "fixed"; readonly replicas: number }
  | { readonly kind: "auto"; readonly min: number; readonly max: number; readonly targetCPUPercent: number };

/** `spec.workload` with defaults applied. */
export interface ResolvedWorkload {
  /** Container image, pinned by tag or digest. */
  readonly image: string;
  /** Container port the service listens on. */
  readonly port: number;
  /** Application protocol; names the port and the Service's appProtocol. */
  readonly protocol: "http" | "grpc";
  /** Name of the main container. */
  readonly containerName: string;
  /** Entrypoint override. */
  readonly command?: readonly string[];
  /** Arguments override. */
  readonly args?: readonly string[];
  /** Environment variables. */
  readonly env: Readonly<Record<string, string>>;
  /** Fixed replicas or autoscaling. */
  readonly scaling: Scaling;
  /** Fewest replicas ever running in a healthy state (fixed replicas, or the autoscaler's minimum). */
  readonly minReplicas: number;
  /** Requests and limits. */
  readonly resources: { readonly cpu: string; readonly memory: string; readonly memoryLimit: string; readonly cpuLimit?: string };
  /** The three probes. */
  readonly probes: { readonly startup: ResolvedProbe; readonly liveness: ResolvedProbe; readonly readiness: ResolvedProbe };
  /** Startup budget the startup probe covers. */
  readonly maxStartupSeconds: number;
  /** Graceful shutdown settings. */
  readonly shutdown: {
    readonly drainSeconds: number;
    readonly requestTimeoutSeconds: number;
    readonly preStop: "sleep" | "exec";
    readonly terminationGracePeriodSeconds: number;
  };
  /** The PodDisruptionBudget's `maxUnavailable` (count or percentage). */
  readonly maxUnavailable: number | string;
  /** Pods that may be disrupted at once at `minReplicas` (the PDB's allowance, rounded up as Kubernetes does). */
  readonly disruptionsAllowed: number;
  /** Paths mounted as emptyDir (the root filesystem is read-only). */
  readonly writablePaths: readonly string[];
  /** Annotations for the ServiceAccount (e.g. an IAM role for service accounts). */
  readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
  /** Whether pods are spread across zones (only with 2 or more replicas). */
  readonly zoneSpread: boolean;
  /** How the container is health-checked when run locally with Docker Compose. */
  readonly local: ResolvedLocal;
}

/** `spec.workload.local` with defaults applied. */
export interface ResolvedLocal {
  /** Declared exec-form health-check command that replaces the one derived from the readiness probe. */
  readonly healthcheck?: readonly string[];
  /** HTTP client in the image that runs an `http` readiness check. */
  readonly httpClient: "wget" | "curl";
}

/** `spec.objectives` with defaults applied, durations in milliseconds. */
export interface ResolvedObjectives {
  /** Availability target, percent. */
  readonly availability: number;
  /** Latency target, when declared. */
  readonly latency?: { readonly thresholdMs: number; readonly percent: number };
  /** SLO window. */
  readonly windowMs: number;
  /** Recovery-time objective. */
  readonly rtoMs: number;
  /** Recovery-point objective. */
  readonly rpoMs: number;
  /** Whether rto/rpo were declared (true) or come from the tier (false). */
  readonly declared: { readonly rto: boolean; readonly rpo: boolean };
}

/** `spec.alerting` with defaults applied, or the stack's default receivers when the spec has none. */
export interface ResolvedAlerting {
  /** Receiver for `severity=critical`. */
  readonly pageReceiver: string;
  /** Receiver for `severity=warning`. */
  readonly ticketReceiver: string;
  /** Runbook base URL, when the spec names one. */
  readonly runbook?: string;
  /** Alertmanager group wait. */
  readonly groupWait: string;
  /** Alertmanager repeat interval. */
  readonly repeatInterval: string;
  /** Where the receivers come from: the spec's `alerting`, or the stack's `prometheus.defaultReceivers`. */
  readonly from: "spec" | "stack";
}

/** How a service's SLO alerts behave, resolved from `spec.alerting` and the tier. */
export interface ResolvedSloAlerting {
  /** Failed requests a page needs within its short window (0: no guard). */
  readonly minFailedRequests: number;
  /** How long the indicator metrics must be missing before SLIMetricsAbsent fires, and whether it pages. */
  readonly missingMetrics: { readonly for: string; readonly severity: "page" | "ticket" };
}

/** Measured SLIs: PromQL queries with the `{{window}}` placeholder. */
export interface ResolvedIndicators {
  /** Failed and all requests. */
  readonly availability: { readonly errors: string; readonly total: string };
  /** Slow (`errors`) or fast (`good`) requests, and all requests. */
  readonly latency?: { readonly errors?: string; readonly good?: string; readonly total: string };
}

/** Where a service came from, to point diagnostics and SARIF results at its lines. */
export interface ServiceSource {
  /** The spec file. */
  readonly file: string;
  /** Position of a field path of the merged spec (overlay-aware). */
  readonly locate: (path: readonly PathSegment[]) => SourcePosition;
  /** Where a field path of the merged spec is written: under `spec.environments.<env>` when the overlay sets it. */
  readonly sourcePath: (path: readonly PathSegment[]) => PathSegment[];
}

/** A fully resolved service for one environment. */
export interface ResolvedService {
  /** `metadata.name` */
  readonly name: string;
  /** Owning team. */
  readonly team: string;
  /** Tier. */
  readonly tier: Tier;
  /** Free-text description. */
  readonly description?: string;
  /** Extra labels for every object. */
  readonly labels: Readonly<Record<string, string>>;
  /** The environment this resolution is for. */
  readonly environment: string;
  /** Regions the service runs in, in the order the spec lists them. */
  readonly regions: readonly string[];
  /** Kubernetes namespace in every region. */
  readonly namespace: string;
  /** Workload settings. */
  readonly workload: ResolvedWorkload;
  /** Objectives. */
  readonly objectives: ResolvedObjectives;
  /** SLIs, when declared and measured. */
  readonly indicators?: ResolvedIndicators;
  /** Why the objectives are not measured, when the spec declares `indicators.none`. */
  readonly unmeasuredReason?: string;
  /** Alert routing: the spec's, or the stack's default receivers. */
  readonly alerting?: ResolvedAlerting;
  /** SLO alert behaviour, whatever routes the alerts. */
  readonly sloAlerting: ResolvedSloAlerting;
  /** Chaos section as written (planned by the chaos planner). */
  readonly chaos?: ChaosInput;
  /** Database section as written (planned by the database planner). */
  readonly database?: DatabaseInput;
  /** DNS section as written (planned by the DNS planner). */
  readonly dns?: DnsInput;
  /** Declared dependencies. */
  readonly dependencies: readonly DependencyInput[];
  /** Short hash of the merged spec; changes whenever the spec does. */
  readonly specHash: string;
  /** Source file and positions. */
  readonly source: ServiceSource;
}
