import { ALERT_RULES } from "./alerts.js";
import { AWS_RULES } from "./aws/index.js";
import { BUDGET_RULES } from "./budget.js";
import { CHAOS_RULES } from "./chaos.js";
import { DATABASE_RULES } from "./database.js";
import { DNS_RULES } from "./dns.js";
import { NOTIFY_RULES } from "./notify.js";
import { STACK_RULES } from "./stack.js";
import type { Rule } from "./types.js";
import { WORKLOAD_RULES } from "./workload/index.js";

/**
 * The registry of every rule, the single list the offline check and the CrossGuard pack share.
 * Import this module (not `policies/index.ts`, which starts the policy server).
 */
export const RULES: readonly Rule[] = [...WORKLOAD_RULES, ...ALERT_RULES, ...CHAOS_RULES, ...DATABASE_RULES, ...DNS_RULES, ...NOTIFY_RULES, ...BUDGET_RULES, ...STACK_RULES, ...AWS_RULES];

/** Finds a rule by name. */
export function ruleNamed(name: string): Rule | undefined {
  return RULES.find((r) => r.name === name);
}
