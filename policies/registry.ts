import { ALERT_RULES } from "../components/domains/alerts/rules.js";
import { AWS_RULES } from "./aws/index.js";
import { BUDGET_RULES } from "../components/domains/budget/rules.js";
import { CHAOS_RULES } from "../components/domains/chaos/rules.js";
import { DATABASE_RULES } from "../components/domains/database/rules.js";
import { DNS_RULES } from "../components/domains/dns/rules.js";
import { NOTIFY_RULES } from "../components/domains/notify/rules.js";
import { STACK_RULES } from "./stack.js";
import type { Rule } from "../components/core/policy/types.js";
import { WORKLOAD_RULES } from "../components/domains/workload/rules/index.js";

/**
 * The registry of every rule, the single list the offline check and the CrossGuard pack share.
 * Import this module (not `policies/index.ts`, which starts the policy server).
 */
export const RULES: readonly Rule[] = [...WORKLOAD_RULES, ...ALERT_RULES, ...CHAOS_RULES, ...DATABASE_RULES, ...DNS_RULES, ...NOTIFY_RULES, ...BUDGET_RULES, ...STACK_RULES, ...AWS_RULES];

/** Finds a rule by name. */
export function ruleNamed(name: string): Rule | undefined {
  return RULES.find((r) => r.name === name);
}
