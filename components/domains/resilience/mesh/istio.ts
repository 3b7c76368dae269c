/**
 * Istio: a VirtualService (route timeout, retries) and a DestinationRule (outlier detection, and the
 * retry budget from 1.27) per call, in the caller's namespace and exported to it alone, so each caller
 * gets its own settings for the same callee. Retries are always written, `attempts: 0` included, since
 * an unset policy means Istio's own 2 retries.
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection
 */

import { kubeBody } from "../../../core/plan/kube.js";
import type { ResolvedService } from "../../../core/spec/service.js";
import { ISTIO_RETRY_BUDGET_SINCE, RESILIENCE_DEFAULTS } from "../defaults.js";
import { serviceHost } from "../names.js";
import { compareVersions, type MeshSettings } from "../schema.js";
import type { CallBudget, CalleeFacts } from "../types.js";
import { callMetadata, protoDuration, type MeshObject } from "./shared.js";

/** Pulumi token of an Istio VirtualService. */
export const VIRTUAL_SERVICE = "kubernetes:networking.istio.io/v1beta1:VirtualService";
/** Pulumi token of an Istio DestinationRule. */
export const DESTINATION_RULE = "kubernetes:networking.istio.io/v1beta1:DestinationRule";

function virtualService(caller: ResolvedService, call: CallBudget, callee: CalleeFacts) {
  const host = serviceHost(callee.service, callee.namespace);
  const retries =
    call.attempts > 0
      ? { attempts: call.attempts, perTryTimeout: protoDuration(call.perTryTimeoutMs), retryOn: call.retryOn.join(",") }
      : { attempts: 0 };
  return kubeBody(VIRTUAL_SERVICE, {
    metadata: callMetadata(caller, call),
    spec: {
      hosts: [host],
      exportTo: ["."],
      http: [
        {
          name: call.name,
          timeout: protoDuration(call.timeoutMs),
          retries,
          route: [{ destination: { host, port: { number: callee.port } } }],
        },
      ],
    },
  });
}

function destinationRule(caller: ResolvedService, call: CallBudget, callee: CalleeFacts, settings: MeshSettings) {
  const budget = compareVersions(settings.version ?? "0", ISTIO_RETRY_BUDGET_SINCE) >= 0;
  return kubeBody(DESTINATION_RULE, {
    metadata: callMetadata(caller, call),
    spec: {
      host: serviceHost(callee.service, callee.namespace),
      exportTo: ["."],
      trafficPolicy: {
        outlierDetection: {
          consecutive5xxErrors: call.circuitBreaker.consecutiveErrors,
          interval: RESILIENCE_DEFAULTS.ejectionInterval,
          baseEjectionTime: protoDuration(call.circuitBreaker.ejectionTimeMs),
          maxEjectionPercent: call.circuitBreaker.maxEjectionPercent,
        },
        ...(budget
          ? {
              retryBudget: {
                percent: call.budgetPercent,
                minRetryConcurrency: RESILIENCE_DEFAULTS.minRetryConcurrency,
              },
            }
          : {}),
      },
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
    { kind: "VirtualService", type: VIRTUAL_SERVICE, body: virtualService(caller, call, callee) },
    { kind: "DestinationRule", type: DESTINATION_RULE, body: destinationRule(caller, call, callee, settings) },
  ];
}
