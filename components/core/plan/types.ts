/**
 * The Plan: plain data describing every resource a stack will create. Produced by pure
 * planners; registered by the Pulumi components, checked by the policies, written by the renderers.
 */

import type { ProviderKind as CoreProviderKind } from "../tokens.js";

/** A value another resource produces at deploy time (an id, an ARN): resolved by the components. */
export interface Ref {
  /** `key` of the resource that produces the value. */
  readonly ref: string;
  /** The output property, e.g. `id` or `arn`. */
  readonly attr: string;
}

/** A secret the component generates or reads at deploy time; the plan never holds its value. */
export interface SecretRef {
  /** Logical secret name, unique within the service. */
  readonly secret: string;
  /** How the value is obtained. */
  readonly source: "generated-password";
  /** Length of a generated password. */
  readonly length?: number;
  /** Special characters a generated password may contain (the target service forbids the others). */
  readonly specialCharacters?: string;
  /** Refuse to delete (and so regenerate) the secret's generator (`protect`), as for the resources that use it. */
  readonly protect?: boolean;
}

/** Any value a resource input can hold: plain JSON plus references. */
export type PropValue =
  string | number | boolean | null | Ref | SecretRef | readonly PropValue[] | { readonly [key: string]: PropValue };

/** A resource's inputs. */
export type Props = { readonly [key: string]: PropValue };

/** Resource options the components pass to Pulumi. */
export interface PlannedOptions {
  /** Keys of resources this one must wait for (beyond the references in its props). */
  readonly dependsOn?: readonly string[];
  /** Refuse to delete this resource (`protect`). */
  readonly protect?: boolean;
  /** Leave the cloud resource in place when it is removed from the stack. */
  readonly retainOnDelete?: boolean;
  /** Input properties whose changes Pulumi should ignore after creation. */
  readonly ignoreChanges?: readonly string[];
  /** Output properties Pulumi must store as secrets. */
  readonly additionalSecretOutputs?: readonly string[];
  /** Delete the old resource before creating its replacement (for resources with fixed physical names). */
  readonly deleteBeforeReplace?: boolean;
}

/** Which provider family registers the resource: a key of the provider table (core/tokens.ts). */
export type ProviderKind = CoreProviderKind;

/** One resource of the plan. */
export interface PlannedResource {
  /** Unique within the plan; references point at it. */
  readonly key: string;
  /** Pulumi type token, e.g. `kubernetes:apps/v1:Deployment`, `aws:rds/globalCluster:GlobalCluster`. */
  readonly type: string;
  /** Pulumi logical name, unique per type within the stack. */
  readonly name: string;
  /** Provider family. */
  readonly provider: ProviderKind;
  /** Region whose provider registers it (global AWS services use us-east-1). */
  readonly region: string;
  /** The service it belongs to; for an object the stack shares ({@link SharedPlan}), the name of what it is part of (`incident-bridge`). */
  readonly service: string;
  /** Exactly the inputs the resource gets (references resolved at deploy time). */
  readonly props: Props;
  /** Resource options. */
  readonly opts: PlannedOptions;
  /** Spec field path this resource comes from (`spec.workload`), for pointing reviews at the line. */
  readonly origin: string;
}

/** Facts about a service that are not resources: summaries the CLI and policies read. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ServiceAnalysis {}

/** The plan of one service. */
export interface ServicePlan {
  /** `metadata.name` */
  readonly service: string;
  /** Owning team. */
  readonly team: string;
  /** Tier. */
  readonly tier: string;
  /** Spec file it came from. */
  readonly file: string;
  /** Regions it runs in. */
  readonly regions: readonly string[];
  /** Kubernetes namespace. */
  readonly namespace: string;
  /** Hash of the merged spec. */
  readonly specHash: string;
  /** Every resource, in registration order. */
  readonly resources: readonly PlannedResource[];
  /** Non-resource facts. */
  readonly analysis: ServiceAnalysis;
}

/** A provider the components create once per stack. */
export interface PlannedProvider {
  /** Provider family. */
  readonly kind: ProviderKind;
  /** Region it serves. */
  readonly region: string;
  /** Pulumi logical name. */
  readonly name: string;
  /** Provider inputs (kubeconfig context, AWS region). */
  readonly props: Props;
}

/** Facts about what the stack shares between its services (declaration-merged by the domains). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SharedAnalysis {}

/** What the stack plans once for all its services (the incident bridge of each region), not for one of them. */
export interface SharedPlan {
  /** Every shared resource, in registration order. */
  readonly resources: readonly PlannedResource[];
  /** Non-resource facts. */
  readonly analysis: SharedAnalysis;
}

/** The whole plan of a stack. */
export interface Plan {
  /** Pulumi stack name. */
  readonly stack: string;
  /** Environment name. */
  readonly environment: string;
  /** Providers, one per family and region. */
  readonly providers: readonly PlannedProvider[];
  /** Services, in spec-file order. */
  readonly services: readonly ServicePlan[];
  /** What the stack plans once for all its services; absent when nothing is shared. */
  readonly shared?: SharedPlan;
}

/** True when a prop value is a reference to another resource's output. */
export function isRef(value: unknown): value is Ref {
  return (
    value !== null && typeof value === "object" && "ref" in value && "attr" in value && Object.keys(value).length === 2
  );
}

/** The key of every resource `value` refers to, depth first through arrays and objects, appended to `out`; `out`. */
export function refKeys(value: unknown, out: string[] = []): string[] {
  if (isRef(value)) out.push(value.ref);
  else if (Array.isArray(value)) for (const item of value) refKeys(item, out);
  else if (value !== null && typeof value === "object") for (const item of Object.values(value)) refKeys(item, out);
  return out;
}

/** True when a prop value is a secret reference. */
export function isSecretRef(value: unknown): value is SecretRef {
  return value !== null && typeof value === "object" && "secret" in value && "source" in value;
}
