/**
 * The providers of a stack, planned per family from the provider table (core/tokens.ts): one entry
 * per provider kind, so a kind added to the table is a compile error here until it says which
 * providers it needs. Families are planned in the table's order. Pure.
 */
import type { ProviderInputs, ProviderKind, PlainInput } from "../core/tokens.js";
import { providerName } from "../core/conventions.js";
import type { StackConfig } from "../core/stack/config.js";
import { toProps } from "../core/plan/props.js";
import type { PlannedProvider, PlannedResource, Ref, SecretRef } from "../core/plan/types.js";

/** What provider planning reads of a resource: its family and region. */
export type ResourcePlace = Pick<PlannedResource, "provider" | "region">;

/** Plans the providers of one family: the stack, and every resource of the plan. */
export type ProviderPlanner = (stack: StackConfig, resources: readonly ResourcePlace[]) => PlannedProvider[];

/** One provider of a family in a region, its inputs typed by the provider table. */
export function plannedProvider<K extends ProviderKind>(
  kind: K,
  region: string,
  props: PlainInput<ProviderInputs[K], Ref | SecretRef>,
): PlannedProvider {
  return { kind, region, name: providerName(kind, region), props: toProps(props) };
}

/** How each provider family is planned. */
export const PROVIDER_PLANNERS: { readonly [K in ProviderKind]: ProviderPlanner } = {
  /** One Kubernetes provider per region the stack defines. */
  kubernetes: (stack) =>
    Object.entries(stack.regions).map(([region, config]) =>
      plannedProvider("kubernetes", region, {
        context: config.kubernetes.context,
        ...(config.kubernetes.kubeconfig ? { kubeconfig: config.kubernetes.kubeconfig } : {}),
      }),
    ),
  /** One AWS provider per region the stack defines or an AWS resource lives in (Route 53 and its alarms live in us-east-1). */
  aws: (stack, resources) => {
    const regions = new Set([
      ...Object.keys(stack.regions),
      ...resources.filter((r) => r.provider === "aws").map((r) => r.region),
    ]);
    return [...regions].map((region) => plannedProvider("aws", region, { region }));
  },
};

/** Every provider of the stack, family by family in the table's order. */
export function planProviders(stack: StackConfig, resources: readonly ResourcePlace[] = []): PlannedProvider[] {
  return (Object.keys(PROVIDER_PLANNERS) as ProviderKind[]).flatMap((kind) =>
    PROVIDER_PLANNERS[kind](stack, resources),
  );
}
