/**
 * Finds the Pulumi resource class for a plan type token. A lookup, not a decision: the token
 * names the class (`aws:rds/globalCluster:GlobalCluster` → `aws.rds.GlobalCluster`,
 * `kubernetes:apps/v1:Deployment` → `k8s.apps.v1.Deployment`); Kubernetes kinds outside the
 * built-in API groups become `CustomResource`s with the token's apiVersion and kind.
 */

import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { kubeApiOf } from "../core/plan/kube.js";
import type { ProviderKind } from "../core/plan/types.js";

/** Creates one resource from its resolved inputs. */
export type ResourceFactory = (
  name: string,
  inputs: Record<string, unknown>,
  opts: pulumi.CustomResourceOptions,
) => pulumi.CustomResource;

type Constructor = new (
  name: string,
  args: Record<string, unknown>,
  opts: pulumi.CustomResourceOptions,
) => pulumi.CustomResource;

/** Finds the factory of a type token within one provider family; undefined when no class matches. */
type FamilyLookup = (type: string) => ResourceFactory | undefined;

/** The resource classes of each family of the provider table (core/tokens.ts); the family is the token's package prefix. */
export const RESOURCE_CLASSES: { readonly [K in ProviderKind]: FamilyLookup } = {
  kubernetes: (type) => {
    const ctor = kubernetesClass(type);
    if (ctor) return (name, inputs, opts) => new ctor(name, inputs, opts);
    const api = kubeApiOf(type);
    return (name, inputs, opts) => new k8s.apiextensions.CustomResource(name, { ...api, ...inputs }, opts);
  },
  aws: (type) => {
    const ctor = awsClass(type);
    return ctor ? (name, inputs, opts) => new ctor(name, inputs, opts) : undefined;
  },
};

/** Returns the factory for a type token. @throws Error for a token no provider class matches. */
export function factoryFor(type: string): ResourceFactory {
  const family = type.split(":")[0] ?? "";
  const lookup = Object.hasOwn(RESOURCE_CLASSES, family) ? RESOURCE_CLASSES[family as ProviderKind] : undefined;
  const factory = lookup?.(type);
  if (factory) return factory;
  throw new Error(`internal: no Pulumi resource class for type ${type}`);
}

function kubernetesClass(type: string): Constructor | undefined {
  const { apiVersion, kind } = kubeApiOf(type);
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["core", apiVersion];
  if (!group || !version) return undefined;
  const moduleName = group.endsWith(".k8s.io") ? group.split(".")[0] : group.includes(".") ? undefined : group;
  if (!moduleName) return undefined;
  return pick(k8s, [moduleName, version, kind]);
}

function awsClass(type: string): Constructor | undefined {
  const match = /^aws:([a-zA-Z0-9]+)\/[a-zA-Z0-9]+:([A-Za-z0-9]+)$/.exec(type);
  if (!match?.[1] || !match[2]) return undefined;
  return pick(aws, [match[1], match[2]]);
}

function pick(root: object, path: readonly string[]): Constructor | undefined {
  let node: unknown = root;
  for (const segment of path) {
    if (node === null || (typeof node !== "object" && typeof node !== "function")) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return typeof node === "function" ? (node as Constructor) : undefined;
}
