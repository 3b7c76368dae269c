import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ProviderInputs } from "../core/tokens.js";
import type { PlannedProvider, ProviderKind } from "../core/plan/types.js";

/** The providers of a stack, by family and region. */
export type ProviderSet = Readonly<Record<ProviderKind, ReadonlyMap<string, pulumi.ProviderResource>>>;

/** Creates the provider of one family from its planned inputs. */
type ProviderClass<K extends ProviderKind> = (
  name: string,
  props: ProviderInputs[K],
  opts: pulumi.ResourceOptions | undefined,
) => pulumi.ProviderResource;

/** The provider class of each family of the provider table (core/tokens.ts). */
export const PROVIDER_CLASSES: { readonly [K in ProviderKind]: ProviderClass<K> } = {
  kubernetes: (name, props, opts) => new k8s.Provider(name, props, opts),
  aws: (name, props, opts) => new aws.Provider(name, props, opts),
};

/** Creates the planned providers: one per family and region. */
export function createProviders(planned: readonly PlannedProvider[], opts?: pulumi.ResourceOptions): ProviderSet {
  const set = Object.fromEntries(
    (Object.keys(PROVIDER_CLASSES) as ProviderKind[]).map((kind) => [kind, new Map<string, pulumi.ProviderResource>()]),
  ) as Record<ProviderKind, Map<string, pulumi.ProviderResource>>;
  for (const p of planned) {
    const create = PROVIDER_CLASSES[p.kind] as ProviderClass<ProviderKind>;
    set[p.kind].set(p.region, create(p.name, p.props as ProviderInputs[ProviderKind], opts));
  }
  return set;
}
