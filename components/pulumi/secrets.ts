import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { SecretRef } from "../core/plan/types.js";

/** Produces the deploy-time value of a secret reference (always a Pulumi secret). */
export type SecretResolver = (ref: SecretRef) => pulumi.Output<string>;

/**
 * Resolves secret references of one component: a `generated-password` becomes a `RandomPassword`
 * (length and character set as the plan says) parented to the component, created once per secret
 * name however many inputs use it. Its value only ever exists as a Pulumi secret, encrypted in state.
 * @see https://www.pulumi.com/registry/packages/random/api-docs/randompassword/
 */
export function secretValue(parent: pulumi.Resource): SecretResolver {
  const generated = new Map<string, pulumi.Output<string>>();
  return (ref) => {
    const existing = generated.get(ref.secret);
    if (existing) return existing;
    if (ref.source !== "generated-password" || ref.length === undefined) {
      throw new Error(`internal: secret ${ref.secret} (${ref.source}) has no generator settings`);
    }
    const password = new random.RandomPassword(
      ref.secret,
      {
        length: ref.length,
        special: ref.specialCharacters !== undefined && ref.specialCharacters.length > 0,
        ...(ref.specialCharacters ? { overrideSpecial: ref.specialCharacters } : {}),
      },
      { parent, additionalSecretOutputs: ["result"], ...(ref.protect === undefined ? {} : { protect: ref.protect }) },
    );
    const value = pulumi.secret(password.result);
    generated.set(ref.secret, value);
    return value;
  };
}
