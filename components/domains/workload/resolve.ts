/**
 * Resolution of `spec.workload` and `spec.dependencies`: tier defaults, probe timing, shutdown
 * arithmetic and the disruption allowance. Pure.
 */

import { DEFAULTS, TIER_DEFAULTS, type TierDefaults } from "../../core/defaults.js";
import type { ResolveContext } from "../../core/module.js";
import type { ResolvedSections, ServiceInput } from "../../core/spec/service.js";
import type { ProbeHandler, ResolvedProbe, ResolvedWorkload, Scaling } from "./resolved.js";
import type { ProbeInput, WorkloadInput } from "./schema.js";

/** The workload domain's resolved sections. */
export function resolveWorkloadSections(
  input: ServiceInput,
  context: ResolveContext,
): Pick<ResolvedSections, "workload" | "dependencies"> {
  return {
    workload: resolveWorkload(input.spec.workload, input.metadata.name, {
      ...TIER_DEFAULTS[context.base.tier],
      priorityClassName:
        context.stack?.priorityClasses?.[context.base.tier] ?? TIER_DEFAULTS[context.base.tier].priorityClassName,
    }),
    dependencies: input.spec.dependencies ?? [],
  };
}

function resolveWorkload(w: WorkloadInput, name: string, tier: TierDefaults): ResolvedWorkload {
  const scaling: Scaling = w.autoscaling
    ? {
        kind: "auto",
        min: w.autoscaling.min,
        max: w.autoscaling.max,
        targetCPUPercent: w.autoscaling.targetCPUPercent ?? DEFAULTS.targetCPUPercent,
      }
    : { kind: "fixed", replicas: w.replicas ?? tier.replicas };
  const minReplicas = scaling.kind === "auto" ? scaling.min : scaling.replicas;
  const maxUnavailable = w.disruption?.maxUnavailable ?? tier.maxUnavailable;
  const drainSeconds = w.shutdown?.drainSeconds ?? tier.drainSeconds;
  const requestTimeoutSeconds = w.shutdown?.requestTimeoutSeconds ?? DEFAULTS.requestTimeoutSeconds;
  const memory = w.resources?.memory ?? DEFAULTS.memory;
  return {
    image: w.image,
    port: w.port,
    protocol: w.protocol ?? DEFAULTS.protocol,
    containerName: w.containerName ?? name,
    ...(w.command ? { command: w.command } : {}),
    ...(w.args ? { args: w.args } : {}),
    env: w.env ?? {},
    scaling,
    minReplicas,
    resources: {
      cpu: w.resources?.cpu ?? DEFAULTS.cpu,
      memory,
      memoryLimit: w.resources?.memoryLimit ?? memory,
      ...(w.resources?.cpuLimit ? { cpuLimit: w.resources.cpuLimit } : {}),
      ephemeralStorage: w.resources?.ephemeralStorage ?? DEFAULTS.ephemeralStorage,
      ephemeralStorageLimit: w.resources?.ephemeralStorageLimit ?? DEFAULTS.ephemeralStorageLimit,
    },
    ...resolveProbes(w, tier),
    shutdown: {
      drainSeconds,
      requestTimeoutSeconds,
      preStop: w.shutdown?.preStop ?? DEFAULTS.preStop,
      terminationGracePeriodSeconds: drainSeconds + requestTimeoutSeconds + DEFAULTS.shutdownMarginSeconds,
    },
    maxUnavailable,
    disruptionsAllowed: disruptionsAllowed(maxUnavailable, minReplicas),
    writablePaths: w.writablePaths ?? DEFAULTS.writablePaths,
    serviceAccountAnnotations: w.serviceAccount?.annotations ?? {},
    zoneSpread: (w.zoneSpread ?? true) && minReplicas >= 2,
    networkPolicy: w.networkPolicy ?? true,
    ...priorityClass(w.priorityClassName ?? tier.priorityClassName),
    local: {
      ...(w.local?.healthcheck ? { healthcheck: w.local.healthcheck.command } : {}),
      httpClient: w.local?.httpClient ?? DEFAULTS.localHttpClient,
    },
  };
}

function priorityClass(name: string | false): Pick<ResolvedWorkload, "priorityClassName"> {
  return name === false ? {} : { priorityClassName: name };
}

/**
 * Pods a PDB `maxUnavailable` lets go at once for `replicas` pods; percentages round up, as the
 * Kubernetes disruption controller does.
 */
export function disruptionsAllowed(maxUnavailable: number | string, replicas: number): number {
  if (typeof maxUnavailable === "number") return Math.min(maxUnavailable, replicas);
  return Math.min(replicas, Math.ceil((replicas * Number(maxUnavailable.replace("%", ""))) / 100));
}

function resolveProbes(w: WorkloadInput, tier: TierDefaults): Pick<ResolvedWorkload, "probes" | "maxStartupSeconds"> {
  const readiness = resolveProbe(w.probes.readiness, w, tier.readiness, w.probes.readiness.successThreshold ?? 1);
  const live = resolveProbe(w.probes.liveness, w, tier.liveness, 1);
  // Liveness must never act before readiness has: stretch the default threshold past readiness's window.
  const readinessWindow = readiness.periodSeconds * readiness.failureThreshold;
  const liveness: ResolvedProbe =
    w.probes.liveness.failureThreshold === undefined && live.periodSeconds * live.failureThreshold <= readinessWindow
      ? { ...live, failureThreshold: Math.floor(readinessWindow / live.periodSeconds) + 1 }
      : live;
  const s = w.probes.startup;
  const maxStartupSeconds = s?.maxStartupSeconds ?? tier.maxStartupSeconds;
  const periodSeconds = s?.periodSeconds ?? tier.startup.periodSeconds;
  const startup: ResolvedProbe = {
    handler: s && hasHandler(s) ? handlerOf(s, w) : liveness.handler,
    periodSeconds,
    timeoutSeconds: s?.timeoutSeconds ?? tier.startup.timeoutSeconds,
    failureThreshold: Math.ceil(maxStartupSeconds / periodSeconds),
    successThreshold: 1,
  };
  return { probes: { startup, liveness, readiness }, maxStartupSeconds };
}

function resolveProbe(
  p: ProbeInput,
  w: WorkloadInput,
  d: TierDefaults["readiness"],
  successThreshold: number,
): ResolvedProbe {
  return {
    handler: handlerOf(p, w),
    periodSeconds: p.periodSeconds ?? d.periodSeconds,
    timeoutSeconds: p.timeoutSeconds ?? d.timeoutSeconds,
    failureThreshold: p.failureThreshold ?? d.failureThreshold,
    successThreshold,
  };
}

type HandlerFields = Pick<ProbeInput, "http" | "tcp" | "grpc" | "exec">;

function hasHandler(p: HandlerFields): boolean {
  return Boolean(p.http ?? p.tcp ?? p.grpc ?? p.exec);
}

function handlerOf(p: HandlerFields, w: WorkloadInput): ProbeHandler {
  if (p.http) {
    return {
      kind: "http",
      path: p.http.path,
      port: p.http.port ?? w.port,
      scheme: p.http.scheme ?? "HTTP",
      ...(p.http.host ? { host: p.http.host } : {}),
      headers: p.http.headers ?? {},
    };
  }
  if (p.tcp) return { kind: "tcp", port: p.tcp.port ?? w.port };
  if (p.grpc)
    return { kind: "grpc", port: p.grpc.port ?? w.port, ...(p.grpc.service ? { service: p.grpc.service } : {}) };
  return { kind: "exec", command: p.exec?.command ?? [] };
}
