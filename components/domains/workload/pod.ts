import type {
  Container,
  PodSecurityContext,
  PodTemplateSpec,
  SecurityContext,
  TopologySpreadConstraint,
  Volume,
  VolumeMount,
} from "kubernetes-types/core/v1";
import { DEFAULTS } from "../../core/defaults.js";
import { pullPolicyFor } from "../../core/images.js";
import type { ResolvedService } from "../../core/spec/service.js";
import { portName, selectorLabels, standardLabels } from "../../core/conventions.js";
import { toK8sProbe } from "./probes.js";

/** The pod security context of every planned pod: a fixed non-root user, the runtime's seccomp profile. */
export const POD_SECURITY_CONTEXT: PodSecurityContext = {
  runAsNonRoot: true,
  runAsUser: DEFAULTS.runAsUser,
  runAsGroup: DEFAULTS.runAsUser,
  fsGroup: DEFAULTS.runAsUser,
  seccompProfile: { type: "RuntimeDefault" },
};

/** The security context of every planned container: no privilege, no capability, a read-only root. */
export const CONTAINER_SECURITY_CONTEXT: SecurityContext = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  privileged: false,
  capabilities: { drop: ["ALL"] },
};

/**
 * The pod template of a service's Deployment: probes, graceful shutdown, resources,
 * a restrictive security context and zone spreading.
 */
export function podTemplate(service: ResolvedService): PodTemplateSpec {
  const w = service.workload;
  return {
    metadata: { labels: { ...standardLabels(service), ...selectorLabels(service.name) } },
    spec: {
      serviceAccountName: service.name,
      ...(w.priorityClassName === undefined ? {} : { priorityClassName: w.priorityClassName }),
      automountServiceAccountToken: false,
      terminationGracePeriodSeconds: w.shutdown.terminationGracePeriodSeconds,
      securityContext: POD_SECURITY_CONTEXT,
      containers: [container(service)],
      ...(w.writablePaths.length > 0
        ? {
            volumes: w.writablePaths.map((_, i): Volume => ({
              name: volumeName(i),
              emptyDir: { sizeLimit: w.resources.ephemeralStorageLimit },
            })),
          }
        : {}),
      ...(w.zoneSpread ? { topologySpreadConstraints: spread(service.name) } : {}),
    },
  };
}

function container(service: ResolvedService): Container {
  const w = service.workload;
  const env = Object.entries(w.env).sort(([a], [b]) => a.localeCompare(b));
  return {
    name: w.containerName,
    image: w.image,
    imagePullPolicy: pullPolicyFor(w.image),
    ...(w.command ? { command: [...w.command] } : {}),
    ...(w.args ? { args: [...w.args] } : {}),
    ports: [{ name: portName(w.protocol), containerPort: w.port, protocol: "TCP" }],
    ...(env.length > 0 ? { env: env.map(([name, value]) => ({ name, value })) } : {}),
    resources: {
      requests: { cpu: w.resources.cpu, memory: w.resources.memory, "ephemeral-storage": w.resources.ephemeralStorage },
      limits: {
        memory: w.resources.memoryLimit,
        ...(w.resources.cpuLimit ? { cpu: w.resources.cpuLimit } : {}),
        "ephemeral-storage": w.resources.ephemeralStorageLimit,
      },
    },
    startupProbe: toK8sProbe(w.probes.startup),
    livenessProbe: toK8sProbe(w.probes.liveness),
    readinessProbe: toK8sProbe(w.probes.readiness),
    ...preStop(w.shutdown),
    securityContext: CONTAINER_SECURITY_CONTEXT,
    ...(w.writablePaths.length > 0
      ? { volumeMounts: w.writablePaths.map((mountPath, i): VolumeMount => ({ name: volumeName(i), mountPath })) }
      : {}),
  };
}

/**
 * Keeps the pod serving for `drainSeconds` after it is marked terminating. No hook when there is
 * nothing to drain: a zero-second sleep is rejected before Kubernetes 1.33 (KEP-4818).
 * @see https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#hook-handler-implementations
 */
function preStop(shutdown: ResolvedService["workload"]["shutdown"]): Pick<Container, "lifecycle"> {
  if (shutdown.drainSeconds === 0) return {};
  const seconds = shutdown.drainSeconds;
  return {
    lifecycle: {
      preStop:
        shutdown.preStop === "sleep" ? { sleep: { seconds } } : { exec: { command: ["sleep", String(seconds)] } },
    },
  };
}

function volumeName(index: number): string {
  return `writable-${index}`;
}

/** Spread across zones first, then nodes; never block scheduling when a zone is gone. */
function spread(service: string): TopologySpreadConstraint[] {
  const labelSelector = { matchLabels: selectorLabels(service) };
  return [
    { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector },
    { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector },
  ];
}
