/**
 * `spec.workload` with every default applied, as planners, checks and rules read it.
 */

/** A probe's check, one of the four Kubernetes handler kinds. */
export type ProbeHandler =
  | {
      readonly kind: "http";
      readonly path: string;
      readonly port: number;
      readonly scheme: "HTTP" | "HTTPS";
      readonly host?: string;
      readonly headers: Readonly<Record<string, string>>;
    }
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
  readonly resources: {
    readonly cpu: string;
    readonly memory: string;
    readonly memoryLimit: string;
    readonly cpuLimit?: string;
    /** Local disk requested (`requests.ephemeral-storage`). */
    readonly ephemeralStorage: string;
    /** Local disk limit (`limits.ephemeral-storage`). */
    readonly ephemeralStorageLimit: string;
  };
  /** The three probes. */
  readonly probes: {
    readonly startup: ResolvedProbe;
    readonly liveness: ResolvedProbe;
    readonly readiness: ResolvedProbe;
  };
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
  /** Whether the pods get a NetworkPolicy (default-deny inbound except callers, ingress and monitoring). */
  readonly networkPolicy: boolean;
  /** PriorityClass of the pods; absent for the cluster's global default. */
  readonly priorityClassName?: string;
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
