/** What every mesh's objects share: metadata, durations, and the planned object a call produces. */

import { LABELS, standardLabels } from "../../../core/conventions.js";
import type { KubeBody } from "../../../core/plan/kube.js";
import type { ResolvedService } from "../../../core/spec/service.js";
import type { KubeToken } from "../../../core/tokens.js";
import { callObjectName, RESILIENCE_COMPONENT } from "../names.js";
import type { RetryCondition } from "../schema.js";
import type { CallBudget } from "../types.js";

/** One mesh object configuring a call, before it is placed in a region. */
export interface MeshObject<T extends KubeToken = KubeToken> {
  /** Plan-key kind (`VirtualService`). */
  readonly kind: string;
  /** Pulumi type token. */
  readonly type: T;
  /** The body, typed by the token. */
  readonly body: KubeBody<T>;
}

/** Metadata of a call's mesh object, in the caller's namespace. */
export function callMetadata(caller: ResolvedService, call: CallBudget, annotations?: Record<string, string>) {
  return {
    name: callObjectName(caller.name, call.name),
    namespace: caller.namespace,
    labels: { ...standardLabels(caller), [LABELS.component]: RESILIENCE_COMPONENT },
    ...(annotations ? { annotations } : {}),
  };
}

/** A duration in seconds with a decimal fraction (`0.3s`), as protobuf's JSON mapping (Istio) requires. */
export function protoDuration(ms: number): string {
  return `${ms / 1000}s`;
}

/** HTTP status codes each retry condition stands for (for meshes that retry by status code). */
export const STATUS_CODES: Readonly<Partial<Record<RetryCondition, readonly number[]>>> = {
  "5xx": [500, 502, 503, 504],
  "gateway-error": [502, 503, 504],
  unavailable: [503],
};

/** The status codes a call retries on, sorted and unique. */
export function retriedCodes(retryOn: readonly RetryCondition[]): number[] {
  return [...new Set(retryOn.flatMap((c) => STATUS_CODES[c] ?? []))].sort((a, b) => a - b);
}
