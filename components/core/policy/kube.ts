/**
 * Reading Kubernetes objects as rules need them: containers, probes and their failure windows,
 * the preStop drain.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/
 */

import { LABELS } from "../conventions.js";
import { UNKNOWN, type Subject } from "./types.js";
import { at, isObject, isUnknown, labelsOf, list, num, str } from "./values.js";

/** Type tokens of the Kubernetes kinds the rules read. */
export const KUBE = {
  namespace: "kubernetes:core/v1:Namespace",
  serviceAccount: "kubernetes:core/v1:ServiceAccount",
  deployment: "kubernetes:apps/v1:Deployment",
  service: "kubernetes:core/v1:Service",
  pdb: "kubernetes:policy/v1:PodDisruptionBudget",
  hpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
  networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  prometheusRule: "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
} as const;

/**
 * True for the service's own workload object (its Deployment, its Service): named after the service it
 * is part of, as the selector of its Service and PodDisruptionBudget. Objects that run beside it for the
 * service, such as its incident bridge, carry their own name; rules about the service's workload (replica
 * floor, drain, startup budget, one per region) leave them out. An object whose labels are not known
 * yet counts as the workload.
 */
export function isServiceWorkload(subject: Subject): boolean {
  if (isUnknown(at(subject.props, "metadata.labels"))) return true;
  const labels = labelsOf(subject.props);
  const name = labels[LABELS.name];
  const partOf = labels[LABELS.partOf];
  return typeof name !== "string" || typeof partOf !== "string" || name === partOf;
}

/** A container of a pod template, by name. */
export interface ContainerView {
  /** Container name (or its index when unnamed). */
  readonly name: string;
  /** The container object. */
  readonly body: Readonly<Record<string, unknown>>;
}

/** The containers of a Deployment's pod template; {@link UNKNOWN} when not known yet. */
export function containers(deploymentProps: unknown): ContainerView[] | typeof UNKNOWN {
  const items = list(deploymentProps, "spec.template.spec.containers");
  if (isUnknown(items)) return UNKNOWN;
  return items
    .filter(isObject)
    .map((body, i) => ({ name: typeof body["name"] === "string" ? body["name"] : String(i), body }));
}

/** Seconds before a probe acts after the container stops answering: periodSeconds × failureThreshold (Kubernetes defaults 10 and 3). */
export function failureWindow(probe: unknown): number | typeof UNKNOWN {
  const period = num(probe, "periodSeconds") ?? 10;
  const threshold = num(probe, "failureThreshold") ?? 3;
  const delay = num(probe, "initialDelaySeconds") ?? 0;
  if (isUnknown(period) || isUnknown(threshold) || isUnknown(delay)) return UNKNOWN;
  return delay + period * threshold;
}

/** The check of a probe without its timing (what it calls), for comparing two probes. */
export function probeHandler(probe: unknown): string | typeof UNKNOWN {
  if (!isObject(probe)) return "";
  const handler = {
    httpGet: probe["httpGet"],
    tcpSocket: probe["tcpSocket"],
    grpc: probe["grpc"],
    exec: probe["exec"],
  };
  if (Object.values(handler).some(isUnknown)) return UNKNOWN;
  return JSON.stringify(handler);
}

/** Seconds the preStop hook holds the container (`sleep.seconds` or `exec: [sleep, N]`); 0 without one. */
export function preStopSeconds(container: unknown): number | typeof UNKNOWN {
  const sleep = num(container, "lifecycle.preStop.sleep.seconds");
  if (sleep !== undefined) return sleep;
  const command = at(container, "lifecycle.preStop.exec.command");
  if (isUnknown(command)) return UNKNOWN;
  if (Array.isArray(command) && command[0] === "sleep" && typeof command[1] === "string" && /^\d+$/.test(command[1]))
    return Number(command[1]);
  return 0;
}

/** The ports a probe connects to (`httpGet`, `tcpSocket`, `grpc`) and the host, when it names one. */
export function probeTarget(probe: unknown): { readonly host?: string; readonly ports: readonly (number | string)[] } {
  const host = str(probe, "httpGet.host");
  const ports = ["httpGet.port", "tcpSocket.port", "grpc.port"]
    .map((p) => at(probe, p))
    .filter((p): p is number | string => typeof p === "number" || typeof p === "string");
  return typeof host === "string" ? { host, ports } : { ports };
}

/** Minimum replicas of a Deployment: `spec.replicas`, else the HPA's `minReplicas`, else 1 (the Kubernetes default). */
export function minReplicas(deploymentProps: unknown, hpaProps: unknown): number | typeof UNKNOWN {
  const fixed = num(deploymentProps, "spec.replicas");
  if (fixed !== undefined) return fixed;
  if (hpaProps === undefined) return 1;
  return num(hpaProps, "spec.minReplicas") ?? 1;
}
