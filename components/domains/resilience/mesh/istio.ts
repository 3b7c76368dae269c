/**
 * Istio: a VirtualService (route timeout, retries, and their backoff from 1.26) and a DestinationRule
 * (outlier detection, and the retry budget from 1.27) per call to a service of the stack, in the caller's namespace and exported to it alone, so each caller
 * gets its own settings for the same callee. Retries are always written, `attempts: 0` included, since
 * an unset policy means Istio's own 2 retries.
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection
 */

import { kubeBody } from "../../../core/plan/kube.js";
import type { ResolvedService } from "../../../core/spec/service.js";
import type { BackoffOf } from "../derive.js";
import {
  ENVOY_BASE_BACKOFF_MS,
  ISTIO_RETRY_BACKOFF_SINCE,
  ISTIO_RETRY_BUDGET_SINCE,
  RESILIENCE_DEFAULTS,
} from "../defaults.js";
import { serviceHost } from "../names.js";
import { compareVersions, type MeshSettings } from "../schema.js";
import type { CallBudget, CalleeFacts } from "../types.js";
import { callMetadata, protoDuration, type MeshObject } from "./shared.js";

/** Pulumi token of an Istio VirtualService. */
export const VIRTUAL_SERVICE = "kubernetes:networking.istio.io/v1beta1:VirtualService";
/** Pulumi token of an Istio DestinationRule. */
export const DESTINATION_RULE = "kubernetes:networking.istio.io/v1beta1:DestinationRule";

/** Whether the installed Istio release has `retries.backoff` (1.26+). */
export function istioHasBackoff(settings: MeshSettings): boolean {
  return settings.kind === "istio" && compareVersions(settings.version ?? "0", ISTIO_RETRY_BACKOFF_SINCE) >= 0;
}

/**
 * The backoff Istio will apply: the spec's where the release can set it, else Envoy's 25ms base
 * whatever the spec says (the budget is checked with that).
 */
export function istioBackoff(settings: MeshSettings): BackoffOf {
  if (istioHasBackoff(settings)) return (call) => ({ ms: call.backoffMs });
  return (call) => ({
    ms: ENVOY_BASE_BACKOFF_MS,
    ...(call.backoffDeclared && call.backoffMs !== ENVOY_BASE_BACKOFF_MS
      ? {
          derived: `backoff: Envoy's ${ENVOY_BASE_BACKOFF_MS}ms base, as Istio ${settings.version ?? ""} cannot set retries.backoff (from ${ISTIO_RETRY_BACKOFF_SINCE})`,
        }
      : {}),
  });
}

/** The `retries` of a route: always written, since an unset policy means Istio's own 2 retries. */
function retryPolicy(call: CallBudget, settings: MeshSettings) {
  if (call.attempts === 0) return { attempts: 0 };
  return {
    attempts: call.attempts,
    perTryTimeout: protoDuration(call.perTryTimeoutMs),
    retryOn: call.retryOn.join(","),
    ...(istioHasBackoff(settings) ? { backoff: protoDuration(call.backoffMs) } : {}),
  };
}

/** A VirtualService giving a call to `host` its route timeout and retries, exported to the caller's namespace alone. */
export function virtualService(
  caller: ResolvedService,
  call: CallBudget,
  target: { readonly host: string; readonly port: number },
  settings: MeshSettings,
) {
  const { host, port } = target;
  return kubeBody(VIRTUAL_SERVICE, {
    metadata: callMetadata(caller, call),
    spec: {
      hosts: [host],
      exportTo: ["."],
      http: [
        {
          name: call.name,
          timeout: protoDuration(call.timeoutMs),
          retries: retryPolicy(call, settings),
          route: [{ destination: { host, port: { number: port } } }],
        },
      ],
    },
  });
}

/** A call's outlier detection. */
export function outlierDetection(call: CallBudget) {
  return {
    consecutive5xxErrors: call.circuitBreaker.consecutiveErrors,
    interval: RESILIENCE_DEFAULTS.ejectionInterval,
    baseEjectionTime: protoDuration(call.circuitBreaker.ejectionTimeMs),
    maxEjectionPercent: call.circuitBreaker.maxEjectionPercent,
  };
}

/** A call's retry budget, where the release has one (1.27+). */
export function retryBudget(call: CallBudget, settings: MeshSettings) {
  if (compareVersions(settings.version ?? "0", ISTIO_RETRY_BUDGET_SINCE) < 0) return {};
  return {
    retryBudget: { percent: call.budgetPercent, minRetryConcurrency: RESILIENCE_DEFAULTS.minRetryConcurrency },
  };
}

function destinationRule(caller: ResolvedService, call: CallBudget, callee: CalleeFacts, settings: MeshSettings) {
  return kubeBody(DESTINATION_RULE, {
    metadata: callMetadata(caller, call),
    spec: {
      host: serviceHost(callee.service, callee.namespace),
      exportTo: ["."],
      trafficPolicy: { outlierDetection: outlierDetection(call), ...retryBudget(call, settings) },
    },
  });
}

/** The Istio objects of a call to a service of the stack. */
export function istioObjects(
  caller: ResolvedService,
  call: CallBudget,
  callee: CalleeFacts,
  settings: MeshSettings,
): MeshObject[] {
  return [
    {
      kind: "VirtualService",
      type: VIRTUAL_SERVICE,
      body: virtualService(
        caller,
        call,
        { host: serviceHost(callee.service, callee.namespace), port: callee.port },
        settings,
      ),
    },
    { kind: "DestinationRule", type: DESTINATION_RULE, body: destinationRule(caller, call, callee, settings) },
  ];
}
