import { createHash } from "node:crypto";
import { DEFAULTS, TIER_DEFAULTS, type TierDefaults } from "../core/defaults.js";
import type { ProbeHandler, ResolvedAlerting, ResolvedObjectives, ResolvedProbe, ResolvedService, ResolvedWorkload, Scaling, ServiceSource } from "../core/spec/resolved.js";
import type { AlertingInput, IndicatorsInput, ObjectivesInput, ProbeInput, ServiceInput, WorkloadInput } from "./schema/index.js";
import { parseDuration } from "../core/units.js";

/** Options that come from the stack rather than the spec. */
export interface ResolveOptions {
  /** The stack's environment name. */
  readonly environment: string;
  /** Prefix for namespace names. @default "" */
  readonly namespacePrefix?: string;
  /** Receivers of a service whose spec has no `alerting` (the stack's `prometheus.defaultReceivers`). */
  readonly defaultReceivers?: { readonly page: string; readonly ticket: string; readonly runbook?: string };
}

/** Applies tier defaults to a validated spec. Pure. */
export function resolveService(input: ServiceInput, options: ResolveOptions, source: ServiceSource): ResolvedService {
  const { metadata, spec } = input;
  const tier = TIER_DEFAULTS[metadata.tier];
  return {
    name: metadata.name,
    team: metadata.team,
    tier: metadata.tier,
    ...(metadata.description === undefined ? {} : { description: metadata.description }),
    labels: metadata.labels ?? {},
    environment: options.environment,
    regions: spec.regions,
    namespace: `${options.namespacePrefix ?? ""}${metadata.name}`,
    workload: resolveWorkload(spec.workload, metadata.name, tier),
    objectives: resolveObjectives(spec.objectives, tier),
    ...resolveIndicators(spec.indicators),
    ...resolveAlerting(spec.alerting, options.defaultReceivers, tier),
    sloAlerting: { minFailedRequests: spec.alerting?.minFailedRequests ?? DEFAULTS.minFailedRequests, missingMetrics: tier.missingMetrics },
    ...(spec.chaos === undefined ? {} : { chaos: spec.chaos }),
    ...(spec.database === undefined ? {} : { database: spec.database }),
    ...(spec.dns === undefined ? {} : { dns: spec.dns }),
    dependencies: spec.dependencies ?? [],
    specHash: hashOf(input),
    source,
  };
}

/** Stable short hash of any JSON value (keys sorted). */
export function hashOf(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex").slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function resolveWorkload(w: WorkloadInput, name: string, tier: TierDefaults): ResolvedWorkload {
  const scaling: Scaling = w.autoscaling
    ? { kind: "auto", min: w.autoscaling.min, max: w.autoscaling.max, targetCPUPercent: w.autoscaling.targetCPUPercent ?? DEFAULTS.targetCPUPercent }
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
    local: { ...(w.local?.healthcheck ? { healthcheck: w.local.healthcheck.command } : {}), httpClient: w.local?.httpClient ?? DEFAULTS.localHttpClient },
  };
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

function resolveProbe(p: ProbeInput, w: WorkloadInput, d: TierDefaults["readiness"], successThreshold: number): ResolvedProbe {
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
    return { kind: "http", path: p.http.path, port: p.http.port ?? w.port, scheme: p.http.scheme ?? "HTTP", ...(p.http.host ? { host: p.http.host } : {}), headers: p.http.headers ?? {} };
  }
  if (p.tcp) return { kind: "tcp", port: p.tcp.port ?? w.port };
  if (p.grpc) return { kind: "grpc", port: p.grpc.port ?? w.port, ...(p.grpc.service ? { service: p.grpc.service } : {}) };
  return { kind: "exec", command: p.exec?.command ?? [] };
}

function resolveObjectives(o: ObjectivesInput, tier: TierDefaults): ResolvedObjectives {
  const ms = (text: string | undefined, fallback: number): number => (text === undefined ? fallback : (parseDuration(text) ?? fallback));
  return {
    availability: o.availability,
    ...(o.latency ? { latency: { thresholdMs: ms(o.latency.threshold, 0), percent: o.latency.percent } } : {}),
    windowMs: ms(o.window ?? DEFAULTS.window, 0),
    rtoMs: ms(o.rto, tier.rtoMs),
    rpoMs: ms(o.rpo, tier.rpoMs),
    declared: { rto: o.rto !== undefined, rpo: o.rpo !== undefined },
  };
}

function resolveIndicators(i: IndicatorsInput | undefined): Pick<ResolvedService, "indicators" | "unmeasuredReason"> {
  if (i?.none) return { unmeasuredReason: i.none.reason };
  if (!i?.availability) return {};
  const l = i.latency;
  const latency = l ? { latency: { total: l.total, ...(l.errors === undefined ? {} : { errors: l.errors }), ...(l.good === undefined ? {} : { good: l.good }) } } : {};
  return { indicators: { availability: i.availability, ...latency } };
}

function resolveAlerting(a: AlertingInput | undefined, fallback: ResolveOptions["defaultReceivers"], tier: TierDefaults): { alerting?: ResolvedAlerting } {
  const receivers = a ? { page: a.page.receiver, ticket: a.ticket.receiver, runbook: a.runbook } : fallback;
  if (!receivers) return {};
  return {
    alerting: {
      pageReceiver: receivers.page,
      ticketReceiver: receivers.ticket,
      ...(receivers.runbook ? { runbook: receivers.runbook } : {}),
      groupWait: a?.groupWait ?? DEFAULTS.groupWait,
      repeatInterval: a?.repeatInterval ?? tier.repeatInterval,
      from: a ? "spec" : "stack",
    },
  };
}
