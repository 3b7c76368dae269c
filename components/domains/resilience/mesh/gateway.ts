/**
 * Gateway API for meshes (GAMMA): a consumer HTTPRoute per call in the caller's namespace, the
 * callee's Service as parent, with `timeouts.request` (the route timeout) and, when it retries,
 * `timeouts.backendRequest` (one try) and the experimental channel's `retry`. On the standard channel
 * nothing retries. Gateway API has no circuit breaking.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutetimeouts
 * @see https://gateway-api.sigs.k8s.io/geps/gep-1731/
 */

import { kubeBody } from "../../../core/plan/kube.js";
import type { ResolvedService } from "../../../core/spec/service.js";
import { formatDuration } from "../../../core/units.js";
import type { MeshSettings } from "../schema.js";
import type { CallBudget, CalleeFacts } from "../types.js";
import { HTTP_ROUTE, serviceRef } from "./linkerd.js";
import { callMetadata, retriedCodes, type MeshObject } from "./shared.js";

/** Whether the mesh's Gateway API channel can express a call's retries. */
export function gatewayRetries(call: CallBudget, settings: MeshSettings): boolean {
  return settings.channel === "experimental" && call.attempts > 0;
}

/** The Gateway API objects of a call to a service of the stack. */
export function gatewayObjects(
  caller: ResolvedService,
  call: CallBudget,
  callee: CalleeFacts,
  settings: MeshSettings,
): MeshObject[] {
  const retries = gatewayRetries(call, settings);
  const codes = retriedCodes(call.retryOn);
  const rule = {
    backendRefs: [{ name: callee.service, namespace: callee.namespace, port: callee.port }],
    timeouts: {
      request: formatDuration(call.timeoutMs),
      ...(retries ? { backendRequest: formatDuration(call.perTryTimeoutMs) } : {}),
    },
    ...(retries
      ? {
          retry: {
            ...(codes.length > 0 ? { codes } : {}),
            attempts: call.attempts,
            backoff: formatDuration(call.backoffMs),
          },
        }
      : {}),
  };
  const body = kubeBody(HTTP_ROUTE, {
    metadata: callMetadata(caller, call),
    spec: { parentRefs: [serviceRef(callee)], rules: [rule] },
  });
  return [{ kind: "HTTPRoute", type: HTTP_ROUTE, body }];
}
