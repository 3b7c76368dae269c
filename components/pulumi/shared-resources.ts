import * as pulumi from "@pulumi/pulumi";
import type { SharedPlan } from "../core/plan/types.js";
import { SHARED_RESOURCES_TYPE } from "../core/shared-names.js";
import type { ProviderSet } from "./providers.js";
import { registerPlanned } from "./reliable-service.js";

/** Inputs of {@link SharedResources}. */
export interface SharedResourcesArgs {
  /** What the stack shares, exactly as `reliability plan` computes it. */
  readonly plan: SharedPlan;
  /** The stack's providers, by family and region. */
  readonly providers: ProviderSet;
}

/**
 * Registers what the stack plans once for all its services (the incident bridge of each region),
 * like {@link ReliableService} registers one service's plan.
 */
export class SharedResources extends pulumi.ComponentResource {
  /** Registered resources by plan key. */
  readonly resources: ReadonlyMap<string, pulumi.CustomResource>;

  constructor(name: string, args: SharedResourcesArgs, opts?: pulumi.ComponentResourceOptions) {
    super(SHARED_RESOURCES_TYPE, name, {}, opts);
    this.resources = registerPlanned(this, args.plan.resources, args.providers);
    this.registerOutputs({ resources: [...this.resources.keys()] });
  }
}
