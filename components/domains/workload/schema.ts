/**
 * The `spec.workload` section: container, probes, shutdown, scaling and disruption settings.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
 */

import { z } from "zod";
import {
  annotations,
  bool,
  cpu,
  dnsLabel,
  httpPath,
  int,
  intOrPercent,
  memory,
  oneOf,
  pattern,
  text,
} from "../../core/spec/fields.js";
import { DEPENDENCY_RESILIENCE_FIELDS } from "../resilience/schema.js";

const port = int(1, 65535);

/** HTTP GET check. */
const httpHandler = z.strictObject({
  path: httpPath,
  port: port.optional(),
  scheme: oneOf(["HTTP", "HTTPS"]).optional(),
  host: text(253, "a host name").optional(),
  headers: z.record(pattern(/^[A-Za-z0-9-]+$/, "must be an HTTP header name"), text(1024)).optional(),
});

/** TCP connect check. */
const tcpHandler = z.strictObject({ port: port.optional() });

/** gRPC health-checking protocol check. */
const grpcHandler = z.strictObject({ port: port.optional(), service: text(253).optional() });

/** Command run inside the container; exit 0 is healthy. */
const execHandler = z.strictObject({
  command: z.array(text(4096), { error: "must be a list of strings (the command and its arguments)" }).min(1, {
    error: "must name at least the command to run",
  }),
});

const handlerFields = {
  http: httpHandler.optional(),
  tcp: tcpHandler.optional(),
  grpc: grpcHandler.optional(),
  exec: execHandler.optional(),
};

/** The check types a probe may use; exactly one is set. */
export const PROBE_HANDLERS = ["http", "tcp", "grpc", "exec"] as const;

const timing = {
  periodSeconds: int(1, 300).optional(),
  timeoutSeconds: int(1, 120).optional(),
  failureThreshold: int(1, 100).optional(),
};

/** Startup probe: its budget is `maxStartupSeconds`; the failure threshold is derived from it. */
const startupProbe = z.strictObject({
  ...handlerFields,
  periodSeconds: timing.periodSeconds,
  timeoutSeconds: timing.timeoutSeconds,
  maxStartupSeconds: int(1, 3600).optional(),
});

const livenessProbe = z.strictObject({ ...handlerFields, ...timing });

const readinessProbe = z.strictObject({ ...handlerFields, ...timing, successThreshold: int(1, 10).optional() });

/** The three probes. Liveness and readiness must each name a check; startup defaults to the liveness check. */
const probes = z.strictObject({
  startup: startupProbe.optional(),
  liveness: livenessProbe,
  readiness: readinessProbe,
});

const resources = z.strictObject({
  cpu: cpu.optional(),
  memory: memory.optional(),
  memoryLimit: memory.optional(),
  cpuLimit: cpu.optional(),
  ephemeralStorage: memory.optional(),
  ephemeralStorageLimit: memory.optional(),
});

const autoscaling = z.strictObject({
  min: int(1, 1000),
  max: int(1, 1000),
  targetCPUPercent: int(10, 100).optional(),
});

const shutdown = z.strictObject({
  drainSeconds: int(0, 600).optional(),
  requestTimeoutSeconds: int(1, 3600).optional(),
  preStop: oneOf(["sleep", "exec"]).optional(),
});

/** `spec.workload.local`: how `reliability render compose` checks the container on a laptop. */
const local = z.strictObject({
  /** Exec-form command Docker runs as the health check instead of the one derived from the readiness probe. */
  healthcheck: z
    .strictObject({
      command: z.array(text(4096), { error: "must be a list of strings (the command and its arguments)" }).min(1, {
        error: "must name at least the command to run",
      }),
    })
    .optional(),
  /** HTTP client in the image that runs an `http` readiness check. */
  httpClient: oneOf(["wget", "curl"]).optional(),
});

const envName = pattern(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name such as LOG_LEVEL");

/** `spec.workload` */
export const workloadSchema = z.strictObject({
  image: pattern(
    /^[a-z0-9]+([._-][a-z0-9]+)*(:\d+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/,
    "must be a container image reference such as ghcr.io/acme/app:1.2.3 (lower-case, with a tag or digest)",
  ).refine((image) => /:[\w][\w.-]*$|@sha256:/.test(image.split("/").pop() ?? ""), {
    error: "must pin a tag or digest (ghcr.io/acme/app:1.2.3), not rely on the implicit latest",
  }),
  port,
  protocol: oneOf(["http", "grpc"]).optional(),
  command: z.array(text(4096), { error: "must be a list of strings" }).optional(),
  args: z.array(text(4096), { error: "must be a list of strings" }).optional(),
  env: z.record(envName, z.string({ error: "must be a string (quote numbers and booleans)" })).optional(),
  replicas: int(1, 1000).optional(),
  autoscaling: autoscaling.optional(),
  resources: resources.optional(),
  probes,
  shutdown: shutdown.optional(),
  disruption: z.strictObject({ maxUnavailable: intOrPercent.optional() }).optional(),
  writablePaths: z.array(httpPath, { error: "must be a list of absolute paths" }).optional(),
  serviceAccount: z.strictObject({ annotations: annotations().optional() }).optional(),
  zoneSpread: bool().optional(),
  /** Whether the pods get a NetworkPolicy admitting only their callers, the ingress (when public) and monitoring. */
  networkPolicy: bool().optional(),
  /** PriorityClass of the pods, or `false` for the cluster's global default. */
  priorityClassName: z
    .union([dnsLabel(253), z.literal(false)], {
      error: "must be the name of a PriorityClass (lower-case letters, digits and '-'), or false for none",
    })
    .optional(),
  containerName: dnsLabel(63).optional(),
  local: local.optional(),
});

/** A dependency the service calls: a database, another service or an external endpoint. */
export const dependencySchema = z.strictObject({
  name: dnsLabel(63),
  kind: oneOf(["database", "service", "external"]),
  host: text(253, "a host name").optional(),
  port: port.optional(),
  /** Another service of this repository, by `metadata.name`. */
  service: dnsLabel(30).optional(),
  ...DEPENDENCY_RESILIENCE_FIELDS,
});

/** `spec.dependencies` */
export const dependenciesSchema = z.array(dependencySchema, { error: "must be a list of dependencies" }).optional();

/** `spec.workload` as written. */
export type WorkloadInput = z.output<typeof workloadSchema>;
/** One probe as written. */
export type ProbeInput = WorkloadInput["probes"]["liveness"];
/** One dependency as written. */
export type DependencyInput = z.output<typeof dependencySchema>;
