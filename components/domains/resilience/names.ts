/** Names, labels and annotation keys of the resilience domain's objects. */

/** Value of `app.kubernetes.io/component` on every mesh object. */
export const RESILIENCE_COMPONENT = "resilience";

/** Name of the mesh objects configuring a call, in the caller's namespace: `<caller>-to-<dependency>`. */
export function callObjectName(caller: string, dependency: string): string {
  return `${caller}-to-${dependency}`;
}

/** In-cluster host name of a service. */
export function serviceHost(service: string, namespace: string): string {
  return `${service}.${namespace}.svc.cluster.local`;
}

/**
 * The Linkerd 2.16+ annotations this plan may set, with the kinds Linkerd reads each on.
 * @see https://linkerd.io/2-edge/reference/retries/
 * @see https://linkerd.io/2-edge/reference/timeouts/
 * @see https://linkerd.io/2-edge/reference/circuit-breaking/
 */
export const LINKERD_ANNOTATIONS: Readonly<Record<string, readonly string[]>> = {
  "retry.linkerd.io/http": ["Service", "HTTPRoute"],
  "retry.linkerd.io/grpc": ["Service", "GRPCRoute"],
  "retry.linkerd.io/limit": ["Service", "HTTPRoute", "GRPCRoute"],
  "retry.linkerd.io/timeout": ["Service", "HTTPRoute", "GRPCRoute"],
  "timeout.linkerd.io/request": ["Service", "HTTPRoute", "GRPCRoute"],
  "timeout.linkerd.io/response": ["Service", "HTTPRoute", "GRPCRoute"],
  "timeout.linkerd.io/idle": ["Service", "HTTPRoute", "GRPCRoute"],
  "balancer.linkerd.io/failure-accrual": ["Service"],
  "balancer.linkerd.io/failure-accrual-consecutive-max-failures": ["Service"],
  "balancer.linkerd.io/failure-accrual-consecutive-min-penalty": ["Service"],
  "balancer.linkerd.io/failure-accrual-consecutive-max-penalty": ["Service"],
  "balancer.linkerd.io/failure-accrual-consecutive-jitter-ratio": ["Service"],
};
