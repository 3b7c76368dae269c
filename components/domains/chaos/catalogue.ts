import type { ResolvedService } from "../../core/spec/service.js";
import type { ChaosAction } from "./schema.js";
import type { DependencyInput } from "../workload/schema.js";
import type { ExperimentInput } from "./schema.js";
import { CHAOS_DEFAULTS } from "../../core/defaults.js";
import { selectorLabels } from "../../core/conventions.js";
import { podMode } from "../../core/pod-mode.js";

/**
 * The experiment catalogue: each action of the spec as a Chaos Mesh kind and the fields of its spec.
 * Every experiment selects only the running pods of its own service, in its own namespace.
 * @see https://chaos-mesh.org/docs/simulate-pod-chaos-on-kubernetes/
 * @see https://chaos-mesh.org/docs/simulate-network-chaos-on-kubernetes/
 * @see https://chaos-mesh.org/docs/simulate-heavy-stress-on-kubernetes/
 * @see https://chaos-mesh.org/docs/simulate-dns-chaos-on-kubernetes/
 * @see https://chaos-mesh.org/docs/simulate-http-chaos-on-kubernetes/
 */

/** Chaos Mesh kind and the Workflow template field that embeds it. */
export interface ChaosKind {
  /** Kind, e.g. `PodChaos`. */
  readonly kind: string;
  /** Field of a Workflow template holding the spec, e.g. `podChaos`. */
  readonly field: string;
  /** Whether the action is instantaneous (its `duration` is only how long the effect is watched). */
  readonly instant: boolean;
}

/** The Chaos Mesh kind of every action. */
export const ACTION_KINDS: Readonly<Record<ChaosAction, ChaosKind>> = {
  "pod-kill": { kind: "PodChaos", field: "podChaos", instant: true },
  "pod-failure": { kind: "PodChaos", field: "podChaos", instant: false },
  "container-kill": { kind: "PodChaos", field: "podChaos", instant: true },
  "network-delay": { kind: "NetworkChaos", field: "networkChaos", instant: false },
  "network-loss": { kind: "NetworkChaos", field: "networkChaos", instant: false },
  "network-partition": { kind: "NetworkChaos", field: "networkChaos", instant: false },
  "cpu-stress": { kind: "StressChaos", field: "stressChaos", instant: false },
  "memory-stress": { kind: "StressChaos", field: "stressChaos", instant: false },
  "dns-error": { kind: "DNSChaos", field: "dnsChaos", instant: false },
  "http-abort": { kind: "HTTPChaos", field: "httpChaos", instant: false },
  "http-delay": { kind: "HTTPChaos", field: "httpChaos", instant: false },
};

/** The dependency an experiment targets, when it names one. */
export function targetOf(service: ResolvedService, e: ExperimentInput): DependencyInput | undefined {
  return e.target === undefined ? undefined : service.dependencies.find((d) => d.name === e.target);
}

/** Inputs the catalogue needs besides the experiment. */
export interface CatalogueContext {
  /** The service. */
  readonly service: ResolvedService;
  /** Namespace prefix of the stack (to find another service's namespace). */
  readonly namespacePrefix: string;
  /** Injection length, e.g. `5m`. */
  readonly duration: string;
}

/** The embedded chaos spec (mode, selector and action fields) of an experiment. */
export function chaosSpec(e: ExperimentInput, ctx: CatalogueContext): Record<string, unknown> {
  const { service } = ctx;
  const base = {
    ...podMode(e.maxUnavailable ?? CHAOS_DEFAULTS.maxUnavailable),
    selector: { namespaces: [service.namespace], labelSelectors: selectorLabels(service.name), podPhaseSelectors: ["Running"] },
  };
  const containerNames = e.containerNames ?? [service.workload.containerName];
  const target = targetOf(service, e);
  const timed = { duration: ctx.duration };
  switch (e.action) {
    case "pod-kill":
      return { ...base, action: "pod-kill" };
    case "pod-failure":
      return { ...base, action: "pod-failure", ...timed };
    case "container-kill":
      return { ...base, action: "container-kill", containerNames };
    case "network-delay":
      return { ...base, action: "delay", delay: { latency: e.latency ?? CHAOS_DEFAULTS.latency, ...(e.jitter ? { jitter: e.jitter } : {}) }, ...networkTarget(target, ctx), ...timed };
    case "network-loss":
      return { ...base, action: "loss", loss: { loss: String(e.lossPercent ?? CHAOS_DEFAULTS.lossPercent) }, ...networkTarget(target, ctx), ...timed };
    case "network-partition":
      return { ...base, action: "partition", ...networkTarget(target, ctx), ...timed };
    case "cpu-stress":
      return { ...base, containerNames, stressors: { cpu: { workers: e.cpuWorkers ?? CHAOS_DEFAULTS.cpuWorkers, load: e.cpuLoad ?? CHAOS_DEFAULTS.cpuLoad } }, ...timed };
    case "memory-stress":
      return { ...base, containerNames, stressors: { memory: { workers: 1, size: e.memorySize ?? CHAOS_DEFAULTS.memorySize } }, ...timed };
    case "dns-error":
      return { ...base, action: "error", containerNames, ...(target?.host ? { patterns: [target.host] } : {}), ...timed };
    case "http-abort":
    case "http-delay":
      return { ...base, ...httpFields(e, service), ...timed };
  }
}

function httpFields(e: ExperimentInput, service: ResolvedService): Record<string, unknown> {
  const common = { target: "Request", port: service.workload.port, path: e.httpPath ?? "*" };
  return e.action === "http-abort" ? { ...common, abort: true } : { ...common, delay: e.latency ?? CHAOS_DEFAULTS.latency };
}

/** `direction`/`externalTargets`/`target` of a NetworkChaos towards a dependency (none: all egress). */
function networkTarget(target: DependencyInput | undefined, ctx: CatalogueContext): Record<string, unknown> {
  if (!target) return { direction: "to" };
  if (target.kind === "service" && target.service) {
    const namespace = `${ctx.namespacePrefix}${target.service}`;
    // The target side selects destinations, not victims: every pod of the dependency is cut off.
    return { direction: "to", target: { mode: "all", selector: { namespaces: [namespace], labelSelectors: selectorLabels(target.service) } } };
  }
  return { direction: "to", externalTargets: [target.host ?? target.name] };
}
