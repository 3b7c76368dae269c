import * as pulumi from "@pulumi/pulumi";
import { RELIABLE_SERVICE_TYPE } from "../core/conventions.js";
import { isRef, isSecretRef, type PlannedResource, type PropValue, type ServicePlan } from "../core/plan/types.js";
import type { ProviderSet } from "./providers.js";
import { factoryFor } from "./registry.js";
import { orderByDependencies } from "./order.js";
import { serviceOutputs, type ServiceOutputs } from "./outputs.js";
import { secretValue, type SecretResolver } from "./secrets.js";

/** Inputs of {@link ReliableService}. */
export interface ReliableServiceArgs {
  /** The service's plan, exactly as `reliability plan` computes it. */
  readonly plan: ServicePlan;
  /** The stack's providers, by family and region. */
  readonly providers: ProviderSet;
}

/**
 * Registers one service's plan: every planned resource, with the provider of its region,
 * parented to this component, references resolved to the producing resource's outputs.
 * No defaults and no decisions live here: the plan has made them all.
 */
export class ReliableService extends pulumi.ComponentResource {
  /** Registered resources by plan key. */
  readonly resources: ReadonlyMap<string, pulumi.CustomResource>;
  /** What it registered as its outputs: host name, database endpoints, alert and Schedule names. */
  readonly outputs: ServiceOutputs;

  constructor(name: string, args: ReliableServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super(RELIABLE_SERVICE_TYPE, name, {}, opts);
    this.resources = registerPlanned(this, args.plan.resources, args.providers);
    this.outputs = serviceOutputs(args.plan, this.resources);
    this.registerOutputs(this.outputs);
  }
}

/**
 * Registers planned resources under a component, in dependency order: each with the provider of
 * its region, references resolved to the producing resource's outputs. Returns them by plan key.
 */
export function registerPlanned(
  parent: pulumi.ComponentResource,
  resources: readonly PlannedResource[],
  providers: ProviderSet,
): ReadonlyMap<string, pulumi.CustomResource> {
  const created = new Map<string, pulumi.CustomResource>();
  const secrets: SecretResolver = secretValue(parent);
  for (const r of orderByDependencies(resources)) {
    const provider = providers[r.provider].get(r.region);
    if (!provider) throw new Error(`internal: no ${r.provider} provider for region ${r.region} (resource ${r.key})`);
    const inputs = resolveValue(r.props, created, secrets) as Record<string, unknown>;
    const dependsOn = (r.opts.dependsOn ?? []).map((key) => lookup(created, key, r.key));
    const resource = factoryFor(r.type)(r.name, inputs, {
      parent,
      provider,
      dependsOn,
      ...(r.opts.protect === undefined ? {} : { protect: r.opts.protect }),
      ...(r.opts.retainOnDelete === undefined ? {} : { retainOnDelete: r.opts.retainOnDelete }),
      ...(r.opts.ignoreChanges ? { ignoreChanges: [...r.opts.ignoreChanges] } : {}),
      ...(r.opts.additionalSecretOutputs ? { additionalSecretOutputs: [...r.opts.additionalSecretOutputs] } : {}),
      ...(r.opts.deleteBeforeReplace === undefined ? {} : { deleteBeforeReplace: r.opts.deleteBeforeReplace }),
    });
    created.set(r.key, resource);
  }
  return created;
}

function lookup(created: ReadonlyMap<string, pulumi.CustomResource>, key: string, from: string): pulumi.CustomResource {
  const resource = created.get(key);
  if (!resource) throw new Error(`internal: ${from} refers to ${key}, which is not planned before it`);
  return resource;
}

/** Replaces references with the producing resource's outputs and secret references with secrets. */
export function resolveValue(
  value: PropValue,
  created: ReadonlyMap<string, pulumi.CustomResource>,
  secrets: SecretResolver,
): unknown {
  if (isRef(value)) {
    const output = (lookup(created, value.ref, "a property") as unknown as Record<string, unknown>)[value.attr];
    if (output === undefined) throw new Error(`internal: ${value.ref} has no output ${value.attr}`);
    return output;
  }
  if (isSecretRef(value)) return secrets(value);
  if (Array.isArray(value)) return value.map((v: PropValue) => resolveValue(v, created, secrets));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolveValue(v as PropValue, created, secrets)]),
    );
  }
  return value;
}
