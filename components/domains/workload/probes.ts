import type { Probe } from "kubernetes-types/core/v1";
import type { ProbeHandler, ResolvedProbe } from "./resolved.js";

/**
 * Kubernetes probes from resolved spec probes.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Probe
 */
export function toK8sProbe(probe: ResolvedProbe): Probe {
  return {
    ...handler(probe.handler),
    periodSeconds: probe.periodSeconds,
    timeoutSeconds: probe.timeoutSeconds,
    failureThreshold: probe.failureThreshold,
    successThreshold: probe.successThreshold,
  };
}

function handler(h: ProbeHandler): Pick<Probe, "httpGet" | "tcpSocket" | "grpc" | "exec"> {
  switch (h.kind) {
    case "http":
      return {
        httpGet: {
          path: h.path,
          port: h.port,
          scheme: h.scheme,
          ...(h.host ? { host: h.host } : {}),
          ...(Object.keys(h.headers).length > 0
            ? { httpHeaders: Object.entries(h.headers).map(([name, value]) => ({ name, value })) }
            : {}),
        },
      };
    case "tcp":
      return { tcpSocket: { port: h.port } };
    case "grpc":
      return { grpc: { port: h.port, ...(h.service ? { service: h.service } : {}) } };
    case "exec":
      return { exec: { command: [...h.command] } };
  }
}

/** Seconds a probe takes to act after the container stops answering (periodSeconds × failureThreshold). */
export function failureWindowSeconds(probe: ResolvedProbe): number {
  return probe.periodSeconds * probe.failureThreshold;
}
