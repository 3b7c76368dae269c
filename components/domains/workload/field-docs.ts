/**
 * Documentation of `spec.workload` and `spec.dependencies`: meaning, default per tier and the
 * Kubernetes fields each one drives.
 */

import { DEFAULTS, TIER_DEFAULTS } from "../../core/defaults.js";
import {
  always,
  byTier,
  doc,
  required,
  under,
  unset,
  type FieldDoc,
  type FieldDocs,
} from "../../core/spec/field-docs.js";

const PROBES = ["startup", "liveness", "readiness"] as const;

/** The check fields every probe has (`http`, `tcp`, `grpc`, `exec`). */
function handlerDocs(probe: string): FieldDocs {
  const where = `Deployment container ${probe}Probe`;
  const check = unset(probe === "startup" ? "the liveness check" : "one of http, tcp, grpc or exec is required");
  return {
    http: doc("HTTP GET check: healthy on a 2xx or 3xx answer.", check, `${where}.httpGet`),
    "http.path": doc("Absolute path the check requests, such as /healthz.", required, `${where}.httpGet.path`),
    "http.port": doc("Port the check connects to.", unset("workload.port"), `${where}.httpGet.port`),
    "http.scheme": doc("HTTP or HTTPS.", always("HTTP"), `${where}.httpGet.scheme`),
    "http.host": doc("Host header of the request.", unset("the pod IP"), `${where}.httpGet.host`),
    "http.headers": doc("Extra request headers, by name.", unset("none"), `${where}.httpGet.httpHeaders`),
    tcp: doc("TCP check: healthy when a connection opens.", check, `${where}.tcpSocket`),
    "tcp.port": doc("Port the check connects to.", unset("workload.port"), `${where}.tcpSocket.port`),
    grpc: doc("gRPC health-checking protocol check.", check, `${where}.grpc`),
    "grpc.port": doc("Port the check connects to.", unset("workload.port"), `${where}.grpc.port`),
    "grpc.service": doc(
      "Service name sent in the health-check request.",
      unset("the server's overall health"),
      `${where}.grpc.service`,
    ),
    exec: doc("Command run in the container; exit status 0 is healthy.", check, `${where}.exec`),
    "exec.command": doc("The command and its arguments.", required, `${where}.exec.command`),
  };
}

/** Timing fields of a probe, with the tier's defaults. */
function timingDocs(probe: (typeof PROBES)[number]): FieldDocs {
  const where = `Deployment container ${probe}Probe`;
  const docs: Record<string, FieldDoc> = {
    periodSeconds: doc(
      "Seconds between two checks.",
      byTier((tier) => TIER_DEFAULTS[tier][probe].periodSeconds),
      `${where}.periodSeconds; workload alert delays`,
    ),
    timeoutSeconds: doc(
      "Seconds before one check counts as failed; below periodSeconds.",
      byTier((tier) => TIER_DEFAULTS[tier][probe].timeoutSeconds),
      `${where}.timeoutSeconds`,
    ),
  };
  if (probe === "startup") {
    docs["maxStartupSeconds"] = doc(
      "Longest the container may take to start before it is restarted; must fit within the RTO.",
      byTier((tier) => TIER_DEFAULTS[tier].maxStartupSeconds),
      `${where}.failureThreshold (maxStartupSeconds / periodSeconds); RTO budget`,
    );
  } else {
    docs["failureThreshold"] = doc(
      probe === "liveness"
        ? "Consecutive failed checks before the container is restarted; stretched past readiness's window when left out."
        : "Consecutive failed checks before the pod leaves the Service's endpoints.",
      byTier((tier) => TIER_DEFAULTS[tier][probe].failureThreshold),
      `${where}.failureThreshold; detection time in the failover budget`,
    );
  }
  if (probe === "readiness")
    docs["successThreshold"] = doc(
      "Consecutive passing checks before the pod serves again.",
      always(1),
      `${where}.successThreshold`,
    );
  return docs;
}

function probeDocs(): FieldDocs {
  const meaning = {
    startup: "Startup probe: holds liveness and readiness back until the container has started.",
    liveness: "Liveness probe: restarts a container that stopped answering.",
    readiness: "Readiness probe: takes a pod out of the Service while it cannot serve.",
  };
  return Object.assign(
    {
      "": doc("The startup, liveness and readiness probes.", required, "Deployment container probes"),
    },
    ...PROBES.map((p) => ({
      [p]: doc(
        meaning[p],
        p === "startup" ? unset("the liveness check, with the tier's startup timing") : required,
        `Deployment container ${p}Probe`,
      ),
      ...under(p, { ...handlerDocs(p), ...timingDocs(p) }),
    })),
  ) as FieldDocs;
}

const resources: FieldDocs = {
  "": doc(
    "Container resource requests and limits.",
    unset("the defaults of each field"),
    "Deployment container resources",
  ),
  cpu: doc("CPU request.", always(DEFAULTS.cpu), "resources.requests.cpu; HPA utilisation base"),
  memory: doc("Memory request.", always(DEFAULTS.memory), "resources.requests.memory"),
  memoryLimit: doc("Memory limit.", unset("the memory request"), "resources.limits.memory"),
  cpuLimit: doc("CPU limit.", unset("no CPU limit (no throttling)"), "resources.limits.cpu"),
  ephemeralStorage: doc(
    "Local disk the scheduler reserves for the container.",
    always(DEFAULTS.ephemeralStorage),
    "resources.requests.ephemeral-storage",
  ),
  ephemeralStorageLimit: doc(
    "Local disk above which the kubelet evicts the pod.",
    always(DEFAULTS.ephemeralStorageLimit),
    "resources.limits.ephemeral-storage",
  ),
};

const workloadDocs: FieldDocs = {
  "": doc(
    "The container, its probes, shutdown, scaling and disruption settings.",
    required,
    "Namespace, ServiceAccount, Deployment, Service, PodDisruptionBudget, HorizontalPodAutoscaler in every region",
  ),
  image: doc("Container image with a pinned tag or digest.", required, "Deployment container image"),
  port: doc("Port the container serves on.", required, "container port, Service port, probe ports"),
  protocol: doc(
    "Application protocol; names the container port.",
    always(DEFAULTS.protocol),
    "container and Service port name",
  ),
  command: doc("Entrypoint override.", unset("the image's entrypoint"), "Deployment container command"),
  args: doc("Arguments to the entrypoint.", unset("the image's arguments"), "Deployment container args"),
  env: doc(
    "Environment variables, by name; literal secrets are refused by policy.",
    unset("none"),
    "Deployment container env",
  ),
  replicas: doc(
    "Fixed number of pods per region; exclusive with autoscaling.",
    byTier((tier) => TIER_DEFAULTS[tier].replicas),
    "Deployment spec.replicas; PodDisruptionBudget; zone spread",
  ),
  autoscaling: doc(
    "Horizontal autoscaling between min and max pods; exclusive with replicas.",
    unset("fixed replicas"),
    "HorizontalPodAutoscaler",
  ),
  "autoscaling.min": doc(
    "Fewest pods per region.",
    required,
    "HorizontalPodAutoscaler minReplicas; PodDisruptionBudget",
  ),
  "autoscaling.max": doc("Most pods per region.", required, "HorizontalPodAutoscaler maxReplicas"),
  "autoscaling.targetCPUPercent": doc(
    "Average CPU utilisation the autoscaler aims for.",
    always(DEFAULTS.targetCPUPercent),
    "HorizontalPodAutoscaler CPU target",
  ),
  ...under("resources", resources),
  ...under("probes", probeDocs()),
  shutdown: doc(
    "Graceful shutdown: drain, then finish in-flight requests.",
    unset("the defaults of each field"),
    "preStop hook and terminationGracePeriodSeconds",
  ),
  "shutdown.drainSeconds": doc(
    "Seconds the pod keeps serving after it is marked terminating, so load balancers stop sending to it.",
    byTier((tier) => TIER_DEFAULTS[tier].drainSeconds),
    "preStop sleep; terminationGracePeriodSeconds",
  ),
  "shutdown.requestTimeoutSeconds": doc(
    "Longest request the service serves; shutdown waits for it after draining.",
    always(DEFAULTS.requestTimeoutSeconds),
    `terminationGracePeriodSeconds (drain + this + ${DEFAULTS.shutdownMarginSeconds}s)`,
  ),
  "shutdown.preStop": doc(
    "How the drain waits: native sleep (Kubernetes 1.30+) or exec sleep.",
    always(DEFAULTS.preStop),
    "container lifecycle.preStop",
  ),
  disruption: doc("Voluntary disruption allowance.", unset("the tier's allowance"), "PodDisruptionBudget"),
  "disruption.maxUnavailable": doc(
    "Pods drains and chaos may take down at once: a count or a percentage.",
    byTier((tier) => TIER_DEFAULTS[tier].maxUnavailable),
    "PodDisruptionBudget maxUnavailable; chaos policy",
  ),
  writablePaths: doc(
    "Paths mounted writable (emptyDir, sizeLimit the ephemeral-storage limit); the root filesystem is read-only.",
    always(DEFAULTS.writablePaths),
    "Deployment volumes and volumeMounts",
  ),
  serviceAccount: doc("The pod's ServiceAccount.", unset("a ServiceAccount without annotations"), "ServiceAccount"),
  "serviceAccount.annotations": doc(
    "Annotations, such as an IAM role for service accounts.",
    unset("none"),
    "ServiceAccount metadata.annotations",
  ),
  zoneSpread: doc(
    "Spread pods across availability zones (with two pods or more).",
    always(true),
    "Deployment topologySpreadConstraints",
  ),
  networkPolicy: doc(
    "Give the pods a NetworkPolicy that denies inbound traffic except to the service port from the pods of the services whose spec.dependencies name this one, from the ingress namespace when spec.dns makes the service public, and from the monitoring namespace that scrapes it (reliability:networkPolicy names both namespaces). Outbound traffic stays open: the policy lists no egress rule.",
    always(true),
    "NetworkPolicy (policyTypes Ingress)",
  ),
  priorityClassName: doc(
    "PriorityClass of the pods, so the scheduler preempts and the kubelet evicts lower tiers first; false leaves the cluster's global default. The class must exist in every cluster; reliability:priorityClasses names a stack's own per tier.",
    byTier((tier) => TIER_DEFAULTS[tier].priorityClassName),
    "Deployment pod spec.priorityClassName",
  ),
  containerName: doc(
    "Name of the main container.",
    unset("metadata.name"),
    "Deployment container name; chaos containerNames",
  ),
  local: doc(
    "How `reliability render compose` runs the container on a laptop.",
    unset("derived from the readiness probe"),
    "compose.yaml",
  ),
  "local.healthcheck": doc(
    "Docker health check replacing the one derived from the readiness probe.",
    unset("derived from the readiness probe"),
    "compose.yaml healthcheck",
  ),
  "local.healthcheck.command": doc("Exec-form health-check command.", required, "compose.yaml healthcheck.test"),
  "local.httpClient": doc(
    "HTTP client in the image that runs an http readiness check.",
    always(DEFAULTS.localHttpClient),
    "compose.yaml healthcheck.test",
  ),
};

const dependencyDocs: FieldDocs = {
  "": doc(
    "What the service calls: databases, other services, external endpoints.",
    unset("none"),
    "chaos targets; dependency checks",
  ),
  "[].name": doc("Name of the dependency; chaos experiments name it in target.", required, "chaos experiment target"),
  "[].kind": doc("database, service or external.", required, "NetworkChaos target selection"),
  "[].host": doc("Host name the service connects to.", unset("the dependency's name"), "NetworkChaos externalTargets"),
  "[].port": doc("Port the service connects to.", unset("any port"), "dependency checks"),
  "[].service": doc(
    "Another service of this repository, by metadata.name.",
    unset("not a service of this repository"),
    "NetworkChaos target namespace and labels",
  ),
};

/** Documentation of the workload domain's sections. */
export const WORKLOAD_FIELD_DOCS: FieldDocs = {
  ...under("workload", workloadDocs),
  ...under("dependencies", dependencyDocs),
};
