/**
 * Linkerd 2.16+: a consumer route per call (an HTTPRoute, or a GRPCRoute for a gRPC callee) in the
 * caller's namespace with the callee's Service as parent, carrying the documented retry and timeout
 * annotations. Linkerd reads circuit breaking (failure accrual) on the callee's Service only, so a
 * per-caller circuit breaker is not emitted.
 * @see https://linkerd.io/2-edge/reference/retries/
 * @see https://linkerd.io/2-edge/reference/timeouts/
 */

import { kubeBody } from "../../../core/plan/kube.js";
import type { ResolvedService } from "../../../core/spec/service.js";
import { formatDuration } from "../../../core/units.js";
import type { RetryCondition } from "../schema.js";
import type { CallBudget, CalleeFacts } from "../types.js";
import { callMetadata, retriedCodes, type MeshObject } from "./shared.js";

/** Pulumi token of a Gateway API HTTPRoute. */
export const HTTP_ROUTE = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";
/** Pulumi token of a Gateway API GRPCRoute. */
export const GRPC_ROUTE = "kubernetes:gateway.networking.k8s.io/v1:GRPCRoute";

/** gRPC status names Linkerd retries on, for each condition. */
const GRPC_CODES: Readonly<Partial<Record<RetryCondition, readonly string[]>>> = {
  "5xx": ["internal", "unavailable"],
  "gateway-error": ["unavailable"],
  unavailable: ["unavailable"],
  cancelled: ["cancelled"],
  "deadline-exceeded": ["deadline-exceeded"],
};

function retryAnnotations(call: CallBudget, grpc: boolean): Record<string, string> {
  const conditions = grpc
    ? [...new Set(call.retryOn.flatMap((c) => GRPC_CODES[c] ?? []))].join(",")
    : retriedCodes(call.retryOn).join(",");
  if (call.attempts === 0 || conditions === "") return {};
  return {
    [grpc ? "retry.linkerd.io/grpc" : "retry.linkerd.io/http"]: conditions,
    "retry.linkerd.io/limit": String(call.attempts),
    "retry.linkerd.io/timeout": formatDuration(call.perTryTimeoutMs),
  };
}

/** The annotations of a call's route. */
export function linkerdAnnotations(call: CallBudget, grpc: boolean): Record<string, string> {
  return { "timeout.linkerd.io/request": formatDuration(call.timeoutMs), ...retryAnnotations(call, grpc) };
}

/** The parent and backend of a consumer route: the callee's Service and port. */
export function serviceRef(callee: CalleeFacts) {
  return { group: "", kind: "Service", name: callee.service, namespace: callee.namespace, port: callee.port };
}

/** The Linkerd objects of a call to a service of the stack. */
export function linkerdObjects(caller: ResolvedService, call: CallBudget, callee: CalleeFacts): MeshObject[] {
  const grpc = callee.protocol === "grpc";
  const metadata = callMetadata(caller, call, linkerdAnnotations(call, grpc));
  const ref = serviceRef(callee);
  const backend = { name: callee.service, namespace: callee.namespace, port: callee.port };
  const spec = { parentRefs: [ref], rules: [{ backendRefs: [backend] }] };
  return grpc
    ? [{ kind: "GRPCRoute", type: GRPC_ROUTE, body: kubeBody(GRPC_ROUTE, { metadata, spec }) }]
    : [{ kind: "HTTPRoute", type: HTTP_ROUTE, body: kubeBody(HTTP_ROUTE, { metadata, spec }) }];
}
