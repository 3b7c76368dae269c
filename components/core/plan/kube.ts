/**
 * Mapping between Pulumi Kubernetes type tokens and Kubernetes `apiVersion`/`kind`, and the typed
 * builder of a service's Kubernetes objects (`kubeBody`, `kubeResource`: the body is typed by the token).
 * `kubernetes:apps/v1:Deployment` ⇄ `apps/v1` + `Deployment`; the core group is `core/v1` ⇄ `v1`.
 */
import type { KubeObjects, KubeToken } from "../tokens.js";
import { logicalName, resourceKey } from "../conventions.js";
import type { ResolvedService } from "../spec/service.js";
import { toProps } from "./props.js";
import type { PlannedOptions, PlannedResource, Props } from "./types.js";

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

/** Brands a Kubernetes body with the token it was typed by; exists in types only. */
declare const typedBy: unique symbol;

/**
 * The plan props of a Kubernetes object, built from an object of the token's type (see
 * {@link kubeBody}). Built once and shared by every region that registers the object.
 */
export type KubeBody<T extends KubeToken> = Props & { readonly [typedBy]: T };

/** Turns a Kubernetes object typed by its token into plan props; a misplaced or misspelt field fails the type check. */
export function kubeBody<T extends KubeToken>(_type: T, object: KubeObjects[T]): KubeBody<T> {
  return toProps(object) as KubeBody<T>;
}

/** What one Kubernetes object of a service needs besides its body. */
export interface KubeResourceSpec<T extends KubeToken = KubeToken> {
  /** Region (cluster) whose provider registers it. */
  readonly region: string;
  /** Plan-key kind (`Deployment`, ...). */
  readonly kind: string;
  /** Pulumi type token (`kubernetes:apps/v1:Deployment`). */
  readonly type: T;
  /** Suffix of the logical name (`deployment`). */
  readonly suffix: string;
  /** Spec field the resource comes from. */
  readonly origin: string;
  /** Resource options. */
  readonly opts?: PlannedOptions;
}

/** Builds one planned Kubernetes object of a service from a body typed by the same token. */
export function kubeResource<T extends KubeToken>(
  service: ResolvedService,
  spec: KubeResourceSpec<T>,
  body: KubeBody<T>,
): PlannedResource {
  return {
    key: resourceKey(service.name, spec.region, spec.kind),
    type: spec.type,
    name: logicalName(service.name, spec.region, spec.suffix),
    provider: "kubernetes",
    region: spec.region,
    service: service.name,
    props: body,
    opts: spec.opts ?? {},
    origin: spec.origin,
  };
}
