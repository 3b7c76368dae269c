/**
 * Probes and lifecycle hooks as core/v1 validation (`validateProbe`, `validateLifecycle`,
 * `validateSleepAction`) and the kubelet treat them.
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.30/pkg/apis/core/validation/validation.go
 */

import type { Container, LifecycleHandler, Probe } from "kubernetes-types/core/v1";
import type { ObjectRule, Report } from "./core.js";
import { containersOf } from "./containers.js";
import { httpHeaderName, portNumber, portNumOrName } from "./names.js";

/** The pod-level grace period the API server defaults to when none is set. */
export const DEFAULT_GRACE_SECONDS = 30;

const PROBES = ["startupProbe", "livenessProbe", "readinessProbe"] as const;
type ProbeField = (typeof PROBES)[number];
const PROBE_HANDLERS = ["exec", "httpGet", "tcpSocket", "grpc"] as const;
const HOOK_HANDLERS = ["exec", "httpGet", "tcpSocket", "sleep"] as const;

function probesOf(container: Container): [ProbeField, Probe][] {
  return PROBES.flatMap((field) => (container[field] ? [[field, container[field]] as [ProbeField, Probe]] : []));
}

function hooksOf(container: Container): [string, LifecycleHandler][] {
  return (["postStart", "preStop"] as const).flatMap((h) =>
    container.lifecycle?.[h] ? [[h, container.lifecycle[h]] as [string, LifecycleHandler]] : [],
  );
}

/** Checks that exactly one handler is set and that its fields are valid. */
function checkHandler(handler: Probe | LifecycleHandler, kinds: readonly string[], path: string, report: Report): void {
  const set = kinds.filter((k) => (handler as Record<string, unknown>)[k] !== undefined);
  if (set.length === 0) report(path, `must specify a handler type (one of ${kinds.join(", ")})`);
  if (set.length > 1) report(path, `may not specify more than 1 handler type, got ${set.join(", ")}`);
  const { httpGet, tcpSocket, exec } = handler;
  const grpc = (handler as Probe).grpc;
  if (httpGet) {
    for (const p of portNumOrName(httpGet.port)) report(`${path}.httpGet.port`, p);
    if (httpGet.scheme !== undefined && !["HTTP", "HTTPS"].includes(httpGet.scheme))
      report(`${path}.httpGet.scheme`, `must be HTTP or HTTPS, got ${httpGet.scheme}`);
    (httpGet.httpHeaders ?? []).forEach((h, i) =>
      httpHeaderName(h.name).forEach((p) => report(`${path}.httpGet.httpHeaders[${i}].name`, p)),
    );
  }
  if (tcpSocket) for (const p of portNumOrName(tcpSocket.port)) report(`${path}.tcpSocket.port`, p);
  if (grpc) for (const p of portNumber(grpc.port)) report(`${path}.grpc.port`, p);
  if (exec && (exec.command ?? []).length === 0) report(`${path}.exec.command`, "is required");
}

const probeHandler: ObjectRule = {
  name: "probe-handler",
  summary: "a probe has exactly one handler (exec, httpGet, tcpSocket, grpc) with a valid port, scheme and headers",
  check: (object, report) => {
    for (const { container, path } of containersOf(object))
      for (const [field, probe] of probesOf(container)) checkHandler(probe, PROBE_HANDLERS, `${path}.${field}`, report);
  },
};

function checkTiming(field: ProbeField, probe: Probe, path: string, report: Report): void {
  if ((probe.initialDelaySeconds ?? 0) < 0)
    report(`${path}.initialDelaySeconds`, `must be greater than or equal to 0, got ${probe.initialDelaySeconds}`);
  for (const key of ["timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"] as const) {
    const value = probe[key];
    if (value !== undefined && value < 1)
      report(
        `${path}.${key}`,
        `must be at least 1 (0 is replaced by the default, a negative value is refused), got ${value}`,
      );
  }
  if (field !== "readinessProbe" && probe.successThreshold !== undefined && probe.successThreshold !== 1)
    report(`${path}.successThreshold`, `must be 1 for ${field}, got ${probe.successThreshold}`);
  const grace = probe.terminationGracePeriodSeconds;
  if (grace === undefined) return;
  if (field === "readinessProbe") report(`${path}.terminationGracePeriodSeconds`, "must not be set for readinessProbe");
  else if (grace <= 0) report(`${path}.terminationGracePeriodSeconds`, `must be greater than 0, got ${grace}`);
}

const probeTiming: ObjectRule = {
  name: "probe-timing",
  summary:
    "probe timeouts, periods and thresholds are ≥1, liveness/startup successThreshold is 1, probe terminationGracePeriodSeconds is >0 and only on liveness/startup",
  check: (object, report) => {
    for (const { container, path } of containersOf(object))
      for (const [field, probe] of probesOf(container)) checkTiming(field, probe, `${path}.${field}`, report);
  },
};

const probePortExists: ObjectRule = {
  name: "probe-port-exists",
  summary:
    "a probe or hook that names its port names a port of the same container (the kubelet fails the probe otherwise)",
  check: (object, report) => {
    for (const { container, path } of containersOf(object)) {
      const names = new Set((container.ports ?? []).map((p) => p.name));
      const handlers: [string, Probe | LifecycleHandler][] = [
        ...probesOf(container),
        ...hooksOf(container).map(([h, l]) => [`lifecycle.${h}`, l] as [string, LifecycleHandler]),
      ];
      for (const [field, handler] of handlers) {
        for (const [kind, port] of [
          ["httpGet", handler.httpGet?.port],
          ["tcpSocket", handler.tcpSocket?.port],
        ] as const) {
          if (typeof port === "string" && !names.has(port))
            report(
              `${path}.${field}.${kind}.port`,
              `${JSON.stringify(port)} is not a port name of container ${container.name}`,
            );
        }
      }
    }
  },
};

const lifecycleHandler: ObjectRule = {
  name: "lifecycle-handler",
  summary: "a postStart or preStop hook has exactly one handler (exec, httpGet, tcpSocket, sleep) with valid fields",
  check: (object, report) => {
    for (const { container, path } of containersOf(object))
      for (const [hook, handler] of hooksOf(container))
        checkHandler(handler, HOOK_HANDLERS, `${path}.lifecycle.${hook}`, report);
  },
};

const preStopSleep: ObjectRule = {
  name: "prestop-sleep",
  summary: `a sleep hook lasts more than 0 and at most terminationGracePeriodSeconds seconds (default ${DEFAULT_GRACE_SECONDS}; validateSleepAction)`,
  check: (object, report) => {
    for (const { container, path, pod } of containersOf(object)) {
      const grace = pod.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
      for (const [hook, handler] of hooksOf(container)) {
        const seconds = handler.sleep?.seconds;
        if (seconds !== undefined && (seconds <= 0 || seconds > grace))
          report(
            `${path}.lifecycle.${hook}.sleep.seconds`,
            `must be greater than 0 and less than or equal to terminationGracePeriodSeconds (${grace}), got ${seconds}`,
          );
      }
    }
  },
};

/** The probe and lifecycle rules. */
export const PROBE_RULES: readonly ObjectRule[] = [
  probeHandler,
  probeTiming,
  probePortExists,
  lifecycleHandler,
  preStopSleep,
];
