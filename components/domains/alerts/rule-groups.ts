/**
 * Every rule of a service, built once for all its regions and then placed in each: the SLO and
 * workload rules differ between regions only by their `region` label, the database rules are
 * evaluated in one region each.
 */

import { DEFAULTS } from "../../core/defaults.js";
import type { ResolvedService } from "../../core/spec/service.js";
import { ALERT_LABELS, ruleGroupName } from "../../core/conventions.js";
import { healthCheckRules, replicationRules } from "./database.js";
import { declaredSlos, sloRules } from "./slo.js";
import type { Rule, RuleGroup } from "./types.js";
import { workloadRules } from "./workload.js";

/** A service's rules before they are placed in a region. */
export interface ServiceRules {
  /** SLO rules evaluated every round (recordings, then the alerts that read them); alerts carry an empty `region` label. */
  readonly slo: readonly Rule[];
  /** SLO rules of the slower budget group (event rates, ErrorBudgetExhausted). */
  readonly budget: readonly Rule[];
  /** Workload alerts, with an empty `region` label. */
  readonly workload: readonly Rule[];
  /** Replication and health-check alerts by the region that evaluates them, in the service's region order. */
  readonly database: ReadonlyMap<string, readonly Rule[]>;
}

/** Labels every alert of the service carries in `region` (`namespace` is what the operator routes on). */
function alertLabels(service: ResolvedService, region: string): Record<string, string> {
  return {
    [ALERT_LABELS.service]: service.name,
    [ALERT_LABELS.namespace]: service.namespace,
    [ALERT_LABELS.team]: service.team,
    [ALERT_LABELS.region]: region,
  };
}

/** Builds every rule of a service once. */
export function serviceRules(service: ResolvedService): ServiceRules {
  const baseOf = (region: string): Record<string, string> => alertLabels(service, region);
  const base = baseOf("");
  const replication = replicationRules(service, baseOf);
  const health = healthCheckRules(service, baseOf);
  const database = new Map(
    service.regions.map((region) => [region, [...(replication.get(region) ?? []), ...(health.get(region) ?? [])]]),
  );
  const slo = declaredSlos(service).map((s) => sloRules(service, s, base));
  return {
    slo: slo.flatMap((s) => s.fast),
    budget: slo.flatMap((s) => s.budget),
    workload: workloadRules(service, base),
    database,
  };
}

/** True for the rules that carry a `region` label (alerts; recordings do not). */
function isRegional(rule: Rule): boolean {
  return ALERT_LABELS.region in rule.labels;
}

/** The rule as `region` evaluates it: its `region` label set (keeping the label order); recordings are shared as they are. */
function inRegion(rule: Rule, region: string): Rule {
  return isRegional(rule) ? { ...rule, labels: { ...rule.labels, [ALERT_LABELS.region]: region } } : rule;
}

/** The rule groups of a service in one region: exactly `PrometheusRule.spec.groups`. */
export function ruleGroups(service: ResolvedService, region: string, rules: ServiceRules): RuleGroup[] {
  return [
    { name: ruleGroupName(service.name, "slo"), rules: rules.slo.map((r) => inRegion(r, region)) },
    {
      name: ruleGroupName(service.name, "slo-budget"),
      interval: DEFAULTS.budgetEvaluationInterval,
      rules: rules.budget.map((r) => inRegion(r, region)),
    },
    { name: ruleGroupName(service.name, "workload"), rules: rules.workload.map((r) => inRegion(r, region)) },
    { name: ruleGroupName(service.name, "database"), rules: rules.database.get(region) ?? [] },
  ].filter((g) => g.rules.length > 0);
}
