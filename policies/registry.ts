import type { Rule } from "../components/core/policy/types.js";
import { DOMAINS } from "../components/domains/index.js";
import { STACK_RULES } from "./stack.js";

/**
 * The registry of every rule, the single list the offline check and the CrossGuard pack share:
 * each domain's rules in registry order, then the stack-wide rules.
 * Import this module (not `policies/index.ts`, which starts the policy server).
 */
export const RULES: readonly Rule[] = [...DOMAINS.flatMap((domain) => domain.rules), ...STACK_RULES];

/** Finds a rule by name. */
export function ruleNamed(name: string): Rule | undefined {
  return RULES.find((r) => r.name === name);
}
