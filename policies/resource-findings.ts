/**
 * One resource-scope rule on one resource, as both the CrossGuard pack (`validateResource`, which sees
 * every resource, those the stack shares included) and the offline check (every service's resources
 * and the plan's `shared` section) run it: the rule's types select it, and a resource outside any
 * service (the incident bridge) is judged in the context its own labels give.
 */

import { LABELS } from "../components/core/conventions.js";
import type { Finding, ResourceRule, RuleContext, SpecFacts, Subject } from "../components/core/policy/types.js";
import { labelsOf } from "../components/core/policy/values.js";

/** What stands in for labels a resource does not carry: the policy config's keys, or the plan's environment. */
export interface ContextConfig {
  /** Environment assumed for resources without the environment label. */
  readonly environment?: string;
  /** Tier assumed for resources without the tier label. */
  readonly tier?: string;
}

/**
 * The environment and tier of a resource: its `reliability-stack.io/environment` and
 * `reliability-stack.io/tier` labels (Kubernetes) or tags (AWS), else `fallback`'s, else unknown
 * (which enforces as advisory).
 */
export function contextOf(props: Readonly<Record<string, unknown>>, fallback: ContextConfig): RuleContext {
  const labels = labelsOf(props);
  const pick = (key: string, value: string | undefined): string =>
    typeof labels[key] === "string" ? (labels[key] as string) : (value ?? "");
  return { environment: pick(LABELS.environment, fallback.environment), tier: pick(LABELS.tier, fallback.tier) };
}

/** The findings of a resource rule on `subject`; none when the rule does not apply to its type. */
export function resourceFindings(
  rule: ResourceRule,
  subject: Subject,
  config: unknown,
  context: RuleContext & { readonly facts?: SpecFacts },
): Finding[] {
  return rule.types.includes(subject.type) ? rule.check(subject, config, context) : [];
}
