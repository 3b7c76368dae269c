import type { Deployment } from "kubernetes-types/apps/v1";
import type { HorizontalPodAutoscaler } from "kubernetes-types/autoscaling/v2";
import type { Namespace, Service, ServiceAccount } from "kubernetes-types/core/v1";
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import { DEFAULTS } from "../../spec/defaults.js";
import type { ResolvedService } from "../../spec/resolved.js";
import { logicalName, portName, resourceKey, selectorLabels, SPEC_FILE_ANNOTATION, SPEC_HASH_ANNOTATION, standardLabels } from "../../core/conventions.js";
import { toProps } from "../props.js";
import type { PlannedResource, Props, WorkloadSummary } from "../types.js";
import { podTemplate } from "./pod.js";
import { failureWindowSeconds } from "./probes.js";

/** The props of a service's workload objects, which are the same in every region. */
export interface WorkloadBodies {
  /** The Namespace. */
  readonly namespace: Props;
  /** The ServiceAccount. */
  readonly serviceAccount: Props;
  /** The Deployment. */
  readonly deployment: Props;
  /** The Service. */
  readonly service: Props;
  /** The PodDisruptionBudget. */
  readonly pdb: Props;
  /** The HorizontalPodAutoscaler, when the service autoscales. */
  readonly hpa?: Props;
}

/** Builds the workload objects of a service once, for all its regions. */
export function workloadBodies(service: ResolvedService): WorkloadBodies {
  return {
    namespace: toProps(namespace(service)),
    serviceAccount: toProps(serviceAccount(service)),
    deployment: toProps(deployment(service)),
    service: toProps(kubeService(service)),
    pdb: toProps(pdb(service)),
    ...(service.workload.scaling.kind === "auto" ? { hpa: toProps(hpa(service)) } : {}),
  };
}

/**
 * Plans a service's workload in one region: Namespace, ServiceAccount, Deployment, Service,
 * PodDisruptionBudget and, when autoscaled, a HorizontalPodAutoscaler. The objects are the same in
 * every region, so regions share them (`bodies`). Pure.
 */
export function planWorkload(service: ResolvedService, region: string, bodies: WorkloadBodies = workloadBodies(service)): PlannedResource[] {
  const k8s = (kind: string, type: string, props: Props, suffix: string, dependsOn: string[] = []): PlannedResource => ({
    key: resourceKey(service.name, region, kind),
    type,
    name: logicalName(service.name, region, suffix),
    provider: "kubernetes",
    region,
    service: service.name,
    props,
    opts: dependsOn.length > 0 ? { dependsOn } : {},
    origin: kind === "Namespace" ? "metadata.name" : "spec.workload",
  });
  const ns = resourceKey(service.name, region, "Namespace");
  const resources = [
    k8s("Namespace", "kubernetes:core/v1:Namespace", bodies.namespace, "ns"),
    k8s("ServiceAccount", "kubernetes:core/v1:ServiceAccount", bodies.serviceAccount, "sa", [ns]),
    k8s("Deployment", "kubernetes:apps/v1:Deployment", bodies.deployment, "deployment", [ns, resourceKey(service.name, region, "ServiceAccount")]),
    k8s("Service", "kubernetes:core/v1:Service", bodies.service, "service", [ns]),
    k8s("PodDisruptionBudget", "kubernetes:policy/v1:PodDisruptionBudget", bodies.pdb, "pdb", [ns]),
  ];
  if (bodies.hpa) resources.push(k8s("HorizontalPodAutoscaler", "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", bodies.hpa, "hpa", [resourceKey(service.name, region, "Deployment")]));
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

function metadata(service: ResolvedService, extra: Record<string, string> = {}) {
  return { name: service.name, namespace: service.namespace, labels: standardLabels(service), ...(Object.keys(extra).length > 0 ? { annotations: extra } : {}) };
}

function namespace(service: ResolvedService): Namespace {
  const { namespace: _ns, ...meta } = metadata(service);
  return { metadata: { ...meta, name: service.namespace } };
}

function serviceAccount(service: ResolvedService): ServiceAccount {
  return { metadata: metadata(service, { ...service.workload.serviceAccountAnnotations }), automountServiceAccountToken: false };
}

function deployment(service: ResolvedService): Deployment {
  const w = service.workload;
  return {
    metadata: metadata(service, { [SPEC_HASH_ANNOTATION]: service.specHash, [SPEC_FILE_ANNOTATION]: service.source.file }),
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
    metadata: metadata(service),
    spec: {
      type: "ClusterIP",
      selector: selectorLabels(service.name),
      ports: [{ name: port, port: service.workload.port, targetPort: port, protocol: "TCP", appProtocol: service.workload.protocol === "grpc" ? "kubernetes.io/h2c" : "http" }],
    },
  };
}

function pdb(service: ResolvedService): PodDisruptionBudget {
  return {
    metadata: metadata(service),
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
    metadata: metadata(service),
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: service.name },
      minReplicas: s.min,
      maxReplicas: s.max,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: s.targetCPUPercent } } }],
      behavior: { scaleDown: { stabilizationWindowSeconds: DEFAULTS.scaleDownStabilizationSeconds } },
    },
  };
}

