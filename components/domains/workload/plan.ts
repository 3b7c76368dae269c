import type { Deployment } from "kubernetes-types/apps/v1";
import type { HorizontalPodAutoscaler } from "kubernetes-types/autoscaling/v2";
import type { Namespace, Service, ServiceAccount } from "kubernetes-types/core/v1";
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import { DEFAULTS } from "../../core/defaults.js";
import type { ResolvedService } from "../../core/spec/service.js";
import {
  CHAOS_INJECT_ANNOTATION,
  portName,
  resourceKey,
  selectorLabels,
  SPEC_FILE_ANNOTATION,
  SPEC_HASH_ANNOTATION,
  standardLabels,
} from "../../core/conventions.js";
import { kubeBody, kubeResource, type KubeBody } from "../../core/plan/kube.js";
import type { PlannedResource } from "../../core/plan/types.js";
import type { DomainPlan } from "../../core/module.js";
import type { StackConfig } from "../../core/stack/config.js";
import { podTemplate } from "./pod.js";
import { failureWindowSeconds } from "./probes.js";
import { gateReason } from "../chaos/plan.js";

/** The props of a service's workload objects, which are the same in every region, each typed by its token. */
export interface WorkloadBodies {
  /** The Namespace. */
  readonly namespace: KubeBody<"kubernetes:core/v1:Namespace">;
  /** The ServiceAccount. */
  readonly serviceAccount: KubeBody<"kubernetes:core/v1:ServiceAccount">;
  /** The Deployment. */
  readonly deployment: KubeBody<"kubernetes:apps/v1:Deployment">;
  /** The Service. */
  readonly service: KubeBody<"kubernetes:core/v1:Service">;
  /** The PodDisruptionBudget. */
  readonly pdb: KubeBody<"kubernetes:policy/v1:PodDisruptionBudget">;
  /** The HorizontalPodAutoscaler, when the service autoscales. */
  readonly hpa?: KubeBody<"kubernetes:autoscaling/v2:HorizontalPodAutoscaler">;
}

/**
 * Builds the workload objects of a service once, for all its regions. `chaos`: Chaos Mesh runs
 * experiments on the service in this stack, so its Namespace opts in to injection.
 */
export function workloadBodies(service: ResolvedService, chaos = false): WorkloadBodies {
  return {
    namespace: kubeBody("kubernetes:core/v1:Namespace", namespace(service, chaos)),
    serviceAccount: kubeBody("kubernetes:core/v1:ServiceAccount", serviceAccount(service)),
    deployment: kubeBody("kubernetes:apps/v1:Deployment", deployment(service)),
    service: kubeBody("kubernetes:core/v1:Service", kubeService(service)),
    pdb: kubeBody("kubernetes:policy/v1:PodDisruptionBudget", pdb(service)),
    ...(service.workload.scaling.kind === "auto"
      ? { hpa: kubeBody("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", hpa(service)) }
      : {}),
  };
}

/**
 * Plans a service's workload in one region: Namespace, ServiceAccount, Deployment, Service,
 * PodDisruptionBudget and, when autoscaled, a HorizontalPodAutoscaler. The objects are the same in
 * every region, so regions share them (`bodies`). Pure.
 */
export function planWorkload(
  service: ResolvedService,
  region: string,
  bodies: WorkloadBodies = workloadBodies(service),
): PlannedResource[] {
  const at = (kind: string, suffix: string, dependsOn: string[] = []) => ({
    region,
    kind,
    suffix,
    origin: kind === "Namespace" ? "metadata.name" : "spec.workload",
    opts: dependsOn.length > 0 ? { dependsOn } : {},
  });
  const ns = resourceKey(service.name, region, "Namespace");
  const resources = [
    kubeResource(service, { ...at("Namespace", "ns"), type: "kubernetes:core/v1:Namespace" }, bodies.namespace),
    kubeResource(
      service,
      { ...at("ServiceAccount", "sa", [ns]), type: "kubernetes:core/v1:ServiceAccount" },
      bodies.serviceAccount,
    ),
    kubeResource(
      service,
      {
        ...at("Deployment", "deployment", [ns, resourceKey(service.name, region, "ServiceAccount")]),
        type: "kubernetes:apps/v1:Deployment",
      },
      bodies.deployment,
    ),
    kubeResource(service, { ...at("Service", "service", [ns]), type: "kubernetes:core/v1:Service" }, bodies.service),
    kubeResource(
      service,
      { ...at("PodDisruptionBudget", "pdb", [ns]), type: "kubernetes:policy/v1:PodDisruptionBudget" },
      bodies.pdb,
    ),
  ];
  if (bodies.hpa) {
    const after = [resourceKey(service.name, region, "Deployment")];
    resources.push(
      kubeResource(
        service,
        { ...at("HorizontalPodAutoscaler", "hpa", after), type: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler" },
        bodies.hpa,
      ),
    );
  }
  return resources;
}

/** Workload facts for summaries and policies. */
export function summarizeWorkload(service: ResolvedService): WorkloadSummary {
  const w = service.workload;
  return {
    replicas: w.scaling.kind === "auto" ? `${w.scaling.min}-${w.scaling.max}` : String(w.scaling.replicas),
    disruptionsAllowed: w.disruptionsAllowed,
    startupBudgetSeconds: failureWindowSeconds(w.probes.startup),
    readinessWindowSeconds: failureWindowSeconds(w.probes.readiness),
    livenessWindowSeconds: failureWindowSeconds(w.probes.liveness),
    terminationGracePeriodSeconds: w.shutdown.terminationGracePeriodSeconds,
  };
}

/** The metadata of a service's workload object: its name, namespace, standard labels and `extra` annotations. */
export function workloadMetadata(service: ResolvedService, extra: Record<string, string> = {}) {
  return {
    name: service.name,
    namespace: service.namespace,
    labels: standardLabels(service),
    ...(Object.keys(extra).length > 0 ? { annotations: extra } : {}),
  };
}

function namespace(service: ResolvedService, chaos: boolean): Namespace {
  const { namespace: _ns, ...meta } = workloadMetadata(service, chaos ? { [CHAOS_INJECT_ANNOTATION]: "enabled" } : {});
  return { metadata: { ...meta, name: service.namespace } };
}

function serviceAccount(service: ResolvedService): ServiceAccount {
  return {
    metadata: workloadMetadata(service, { ...service.workload.serviceAccountAnnotations }),
    automountServiceAccountToken: false,
  };
}

function deployment(service: ResolvedService): Deployment {
  const w = service.workload;
  return {
    metadata: workloadMetadata(service, {
      [SPEC_HASH_ANNOTATION]: service.specHash,
      [SPEC_FILE_ANNOTATION]: service.file,
    }),
    spec: {
      ...(w.scaling.kind === "fixed" ? { replicas: w.scaling.replicas } : {}),
      revisionHistoryLimit: DEFAULTS.revisionHistoryLimit,
      selector: { matchLabels: selectorLabels(service.name) },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: w.maxUnavailable, maxSurge: "25%" } },
      template: podTemplate(service),
    },
  };
}

function kubeService(service: ResolvedService): Service {
  const port = portName(service.workload.protocol);
  return {
    metadata: workloadMetadata(service),
    spec: {
      type: "ClusterIP",
      selector: selectorLabels(service.name),
      ports: [
        {
          name: port,
          port: service.workload.port,
          targetPort: port,
          protocol: "TCP",
          appProtocol: service.workload.protocol === "grpc" ? "kubernetes.io/h2c" : "http",
        },
      ],
    },
  };
}

function pdb(service: ResolvedService): PodDisruptionBudget {
  return {
    metadata: workloadMetadata(service),
    spec: {
      maxUnavailable: service.workload.maxUnavailable,
      selector: { matchLabels: selectorLabels(service.name) },
      unhealthyPodEvictionPolicy: "AlwaysAllow",
    },
  };
}

function hpa(service: ResolvedService): HorizontalPodAutoscaler {
  const s = service.workload.scaling;
  if (s.kind !== "auto") throw new Error(`internal: ${service.name} is not autoscaled`);
  return {
    metadata: workloadMetadata(service),
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: service.name },
      minReplicas: s.min,
      maxReplicas: s.max,
      metrics: [
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: s.targetCPUPercent } },
        },
      ],
      behavior: { scaleDown: { stabilizationWindowSeconds: DEFAULTS.scaleDownStabilizationSeconds } },
    },
  };
}

/** What the workload planner decided, for summaries and policies. */
export interface WorkloadSummary {
  /** Fixed replicas, or `min-max` when autoscaled. */
  readonly replicas: string;
  /** Pods that may be disrupted at once (the PDB allowance at the minimum replica count). */
  readonly disruptionsAllowed: number;
  /** Startup probe budget in seconds (periodSeconds × failureThreshold). */
  readonly startupBudgetSeconds: number;
  /** Readiness failure window in seconds. */
  readonly readinessWindowSeconds: number;
  /** Liveness failure window in seconds. */
  readonly livenessWindowSeconds: number;
  /** terminationGracePeriodSeconds. */
  readonly terminationGracePeriodSeconds: number;
}

/** The workload planner: every region's objects and the workload summary. */
export function workloadPlanner(service: ResolvedService, stack: StackConfig): DomainPlan {
  const bodies = workloadBodies(service, gateReason(service, stack) === undefined);
  return {
    resources: service.regions.flatMap((region) => planWorkload(service, region, bodies)),
    analysis: { workload: summarizeWorkload(service) },
  };
}
