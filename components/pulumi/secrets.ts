import type * as pulumi from "@pulumi/pulumi";
import type { SecretRef } from "../plan/types.js";

/** Produces the deploy-time value of a secret reference (always a Pulumi secret). */
export type SecretResolver = (ref: SecretRef) => pulumi.Output<string>;

/**
 * Secret references are resolved by the resources that generate them; a plan that uses one
 * without a generator is a planner bug.
 */
export function secretValue(_parent: pulumi.Resource): SecretResolver {
  return (ref) => {
    throw new Error(`internal: no generator for secret ${ref.secret} (${ref.source})`);
  };
}
