/**
 * Mapping between Pulumi Kubernetes type tokens and Kubernetes `apiVersion`/`kind`.
 * `kubernetes:apps/v1:Deployment` ⇄ `apps/v1` + `Deployment`; the core group is `core/v1` ⇄ `v1`.
 */

/** `apiVersion` and `kind` of a Kubernetes object. */
export interface KubeApi {
  /** e.g. `apps/v1`, `v1`, `monitoring.coreos.com/v1`. */
  readonly apiVersion: string;
  /** e.g. `Deployment`. */
  readonly kind: string;
}

/** Splits a Pulumi Kubernetes type token into apiVersion and kind. */
export function kubeApiOf(type: string): KubeApi {
  const match = /^kubernetes:([^:]+):([A-Za-z0-9]+)$/.exec(type);
  if (!match?.[1] || !match[2]) throw new Error(`internal: ${type} is not a Kubernetes type token`);
  return { apiVersion: match[1] === "core/v1" ? "v1" : match[1], kind: match[2] };
}

/** The Pulumi type token for an apiVersion and kind. */
export function kubeTypeOf(apiVersion: string, kind: string): string {
  return `kubernetes:${apiVersion === "v1" ? "core/v1" : apiVersion}:${kind}`;
}
