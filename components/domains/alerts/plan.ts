/**
 * Plans a service's alerting per region: a `PrometheusRule` (SLO burn rates, workload, replication
 * and failover alerts) and, when the spec routes alerts, an `AlertmanagerConfig`. Pure.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PrometheusRule
 */

import { quote } from "../../core/spec/errors.js";
import type { SpecIssue } from "../../core/spec/checks.js";
import type { ResolvedService } from "../../core/spec/service.js";
import type { StackConfig } from "../../core/stack/config.js";
import { resourceKey, standardLabels, UNMEASURED_ANNOTATION } from "../../core/conventions.js";
import type { DomainPlanner } from "../../core/module.js";
import { kubeBody, kubeResource } from "../../core/plan/kube.js";
import type { KubeObjects } from "../../core/tokens.js";
import type { PlannedResource } from "../../core/plan/types.js";
import { analyze } from "./analysis.js";
import { LABEL_NAME, promqlProblems } from "./promql.js";
import { alertmanagerSpec } from "./routing.js";
import { ruleGroups, serviceRules, type ServiceRules } from "./rule-groups.js";
import { declaredSlos } from "./slo.js";
import { lowestTrafficAnnotation } from "./traffic.js";
import type { Rule, RuleGroup } from "./types.js";
import { withWindow } from "../../core/windows.js";

/** Pulumi type token of a PrometheusRule. */
export const PROMETHEUS_RULE_TYPE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule" as const;

/** Pulumi type token of an AlertmanagerConfig. */
export const ALERTMANAGER_CONFIG_TYPE = "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig" as const;

/**
 * PromQL and label problems, pointing at the spec field at fault. The user-written PromQL is the
 * indicator queries: each is parsed once (with a real window in place of `{{window}}`), which also
 * covers every rule built from it — the templates around them are fixed and verified by the test
 * suite (lezer and `promtool check rules` over every generated expression). Label names are checked
 * on every rule.
 */
export function ruleIssues(service: ResolvedService, rules: ServiceRules): SpecIssue[] {
  const issues: SpecIssue[] = [];
  for (const slo of declaredSlos(service)) {
    for (const field of ["errors", "good", "total"] as const) {
      const query = slo[field];
      if (query === undefined) continue;
      for (const message of promqlProblems(withWindow(query, SAMPLE_WINDOW))) {
        issues.push({
          path: [...slo.path, field],
          message: `${message} in the query ${quote(query.replace(/\s+/g, " "))}`,
        });
      }
    }
  }
  for (const label of badLabelNames([rules.slo, rules.budget, rules.workload, ...rules.database.values()])) {
    issues.push({
      path: ["metadata"],
      message: `must produce valid Prometheus label names, got ${quote(label)}`,
    });
  }
  return issues;
}

/** Label names of the rules that Prometheus would reject, each once. */
function badLabelNames(lists: readonly (readonly Rule[])[]): Set<string> {
  const seen = new Set<string>();
  const bad = new Set<string>();
  for (const rules of lists) {
    for (const rule of rules) {
      for (const label in rule.labels) {
        if (seen.has(label)) continue;
        seen.add(label);
        if (!LABEL_NAME.test(label)) bad.add(label);
      }
    }
  }
  return bad;
}

/** Window substituted into an indicator query to check its syntax. */
const SAMPLE_WINDOW = "5m";

function resources(
  service: ResolvedService,
  stack: StackConfig,
  region: string,
  groups: RuleGroup[],
): PlannedResource[] {
  const opts = { dependsOn: [resourceKey(service.name, region, "Namespace")] };
  const metadata = (selector: Readonly<Record<string, string>> | undefined, annotations?: Record<string, string>) => ({
    name: service.name,
    namespace: service.namespace,
    labels: { ...standardLabels(service), ...(selector ?? {}) },
    ...(annotations ? { annotations } : {}),
  });
  const declared = {
    ...(service.unmeasuredReason === undefined ? {} : { [UNMEASURED_ANNOTATION]: service.unmeasuredReason }),
    ...lowestTrafficAnnotation(service),
  };
  const ruleAnnotations = Object.keys(declared).length > 0 ? declared : undefined;
  const out: PlannedResource[] = [
    kubeResource(
      service,
      { region, kind: "PrometheusRule", type: PROMETHEUS_RULE_TYPE, suffix: "rules", origin: "spec.objectives", opts },
      kubeBody(PROMETHEUS_RULE_TYPE, {
        metadata: metadata(stack.prometheus.ruleSelector, ruleAnnotations),
        spec: { groups: groups.map(toOperatorGroup) },
      }),
    ),
  ];
  if (service.alerting) {
    out.push(
      kubeResource(
        service,
        {
          region,
          kind: "AlertmanagerConfig",
          type: ALERTMANAGER_CONFIG_TYPE,
          suffix: "alerting",
          origin: "spec.alerting",
          opts,
        },
        kubeBody(ALERTMANAGER_CONFIG_TYPE, {
          metadata: metadata(stack.prometheus.alertmanagerConfigSelector),
          spec: alertmanagerSpec(service, service.alerting, stack),
        }),
      ),
    );
  }
  return out;
}

/** A rule group as the operator's PrometheusRule types it (lists copied, as its model's arrays are mutable). */
function toOperatorGroup(
  group: RuleGroup,
): NonNullable<KubeObjects[typeof PROMETHEUS_RULE_TYPE]["spec"]["groups"]>[number] {
  return { ...group, rules: group.rules.map((rule) => ({ ...rule })) };
}

/** The alert planner: PrometheusRule and AlertmanagerConfig per region, the analysis, and PromQL issues. */
export const alertsPlanner: DomainPlanner = (service, stack) => {
  const rules = serviceRules(service);
  const perRegion = new Map(service.regions.map((region) => [region, ruleGroups(service, region, rules)]));
  const issues = ruleIssues(service, rules);
  return {
    resources: [...perRegion.entries()].flatMap(([region, groups]) => resources(service, stack, region, groups)),
    analysis: { alerts: analyze(service, rules) },
    issues,
  };
};
