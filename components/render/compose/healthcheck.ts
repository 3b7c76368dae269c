/**
 * Docker health checks from the same resolved probes Kubernetes gets. The readiness probe gives the
 * test and its timing; the startup budget (`maxStartupSeconds`) becomes `start_period`.
 * @see https://docs.docker.com/reference/compose-file/services/#healthcheck
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
 */

import type { ProbeHandler, ResolvedLocal, ResolvedWorkload } from "../../domains/workload/resolved.js";
import type { ComposeHealthcheck } from "./types.js";

/** The container checks itself, on the loopback address (an application bound only to the pod IP would not answer). */
const LOOPBACK = "127.0.0.1";

/** Seconds as a Compose duration (`5s`). */
export function seconds(value: number): string {
  return `${value}s`;
}

/** The health check of a service's container. */
export function workloadHealthcheck(w: ResolvedWorkload): ComposeHealthcheck {
  const readiness = w.probes.readiness;
  const command = w.local.healthcheck ?? probeCommand(readiness.handler, w.local, readiness.timeoutSeconds);
  return {
    test: ["CMD", ...command],
    interval: seconds(readiness.periodSeconds),
    timeout: seconds(readiness.timeoutSeconds),
    retries: readiness.failureThreshold,
    start_period: seconds(w.maxStartupSeconds),
  };
}

/**
 * The command, run inside the container, that checks what the probe checks:
 * `http` with wget or curl, `tcp` with `nc -z`, `grpc` with grpc_health_probe, `exec` as written.
 */
export function probeCommand(
  handler: ProbeHandler,
  local: Pick<ResolvedLocal, "httpClient">,
  timeoutSeconds: number,
): string[] {
  const host = LOOPBACK;
  switch (handler.kind) {
    case "http":
      return httpCommand(handler, local.httpClient, host);
    case "tcp":
      return ["nc", "-z", "-w", String(timeoutSeconds), host, String(handler.port)];
    case "grpc":
      return [
        "grpc_health_probe",
        `-addr=${host}:${handler.port}`,
        `-connect-timeout=${seconds(timeoutSeconds)}`,
        `-rpc-timeout=${seconds(timeoutSeconds)}`,
        ...(handler.service ? [`-service=${handler.service}`] : []),
      ];
    case "exec":
      return [...handler.command];
  }
}

type HttpHandler = Extract<ProbeHandler, { kind: "http" }>;

/**
 * An HTTP GET that fails on an error status, as the kubelet's does. Like the kubelet, HTTPS
 * skips certificate verification.
 */
function httpCommand(handler: HttpHandler, client: ResolvedLocal["httpClient"], host: string): string[] {
  const url = `${handler.scheme.toLowerCase()}://${host}:${handler.port}${handler.path}`;
  const headers = Object.entries(handler.headers).sort(([a], [b]) => a.localeCompare(b));
  const https = handler.scheme === "HTTPS";
  if (client === "curl") {
    return [
      "curl",
      "-fsS",
      "-o",
      "/dev/null",
      ...(https ? ["-k"] : []),
      ...headers.flatMap(([k, v]) => ["-H", `${k}: ${v}`]),
      url,
    ];
  }
  return [
    "wget",
    "-q",
    "--spider",
    ...(https ? ["--no-check-certificate"] : []),
    ...headers.flatMap(([k, v]) => ["--header", `${k}: ${v}`]),
    url,
  ];
}
