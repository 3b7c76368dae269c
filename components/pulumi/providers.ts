import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { PlannedProvider, ProviderKind } from "../plan/types.js";

/** The providers of a stack, by family and region. */
export type ProviderSet = Readonly<Record<ProviderKind, ReadonlyMap<string, pulumi.ProviderResource>>>;

/** Creates the planned providers: one Kubernetes and one AWS provider per region. */
export function createProviders(planned: readonly PlannedProvider[], opts?: pulumi.ResourceOptions): ProviderSet {
  const kubernetes = new Map<string, pulumi.ProviderResource>();
  const awsProviders = new Map<string, pulumi.ProviderResource>();
  for (const p of planned) {
    if (p.kind === "kubernetes") kubernetes.set(p.region, new k8s.Provider(p.name, p.props as k8s.ProviderArgs, opts));
    else awsProviders.set(p.region, new aws.Provider(p.name, p.props as aws.ProviderArgs, opts));
  }
  return { kubernetes, aws: awsProviders };
}
