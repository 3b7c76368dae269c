import type { SpecIssue } from "../../spec/checks/types.js";
import type { ResolvedService } from "../../spec/resolved.js";
import type { StackConfig } from "../../spec/stack.js";
import { ALERT_LABELS, logicalName, resourceKey, ruleGroupName, standardLabels } from "../conventions.js";
import type { DomainPlanner } from "../planner.js";
import { toProps } from "../props.js";
import type { PlannedResource } from "../types.js";
import { healthCheckRules, replicationRules } from "./database.js";
import { LABEL_NAME, promqlProblems } from "./promql.js";
import { alertmanagerSpec } from "./routing.js";
import { declaredSlos, sloRules } from "./slo.js";
import { isAlertingRule, type AlertsAnalysis, type AlertSummary, type RuleGroup } from "./types.js";
import { burnWindows, withWindow } from "./windows.js";
import { workloadRules } from "./workload.js";

/**
 * Plans a service's alerting per region: a `PrometheusRule` (SLO burn rates, workload, replication
 * and failover alerts) and, when the spec routes alerts, an `AlertmanagerConfig`. Pure.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PrometheusRule
 */

/** Pulumi type token of a PrometheusRule. */
export const PROMETHEUS_RULE_TYPE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";

/** Pulumi type token of an AlertmanagerConfig. */
export const ALERTMANAGER_CONFIG_TYPE = "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig";

/** Labels every alert of the service carries in `region` (`namespace` is what the operator routes on). */
function alertLabels(service: ResolvedService, region: string): Record<string, string> {
  return { [ALERT_LABELS.service]: service.name, [ALERT_LABELS.namespace]: service.namespace, [ALERT_LABELS.team]: service.team, [ALERT_LABELS.region]: region };
}

/** The rule groups of a service in one region: exactly `PrometheusRule.spec.groups`. */
export function ruleGroups(service: ResolvedService, region: string): RuleGroup[] {
  const base = alertLabels(service, region);
  const baseOf = (r: string): Record<string, string> => alertLabels(service, r);
  const slo = declaredSlos(service).flatMap((s) => sloRules(service, s, base));
  const workload = workloadRules(service, base);
  const database = [...(replicationRules(service, baseOf).get(region) ?? []), ...(healthCheckRules(service, baseOf).get(region) ?? [])];
  return [
    { name: ruleGroupName(service.name, "slo"), rules: slo },
    { name: ruleGroupName(service.name, "workload"), rules: workload },
    { name: ruleGroupName(service.name, "database"), rules: database },
  ].filter((g) => g.rules.length > 0);
}

/**
 * PromQL and label problems, pointing at the spec field at fault. The user-written PromQL is the
 * indicator queries: each is parsed once (with a real window in place of `{{window}}`), which also
 * covers every rule built from it — the templates around them are fixed and verified by the test
 * suite (lezer and `promtool check rules` over every generated expression). Label names are checked
 * on every rule.
 */
export function ruleIssues(service: ResolvedService, groups: readonly RuleGroup[]): SpecIssue[] {
  const issues: SpecIssue[] = [];
  for (const slo of declaredSlos(service)) {
    for (const field of ["errors", "good", "total"] as const) {
      const query = slo[field];
      if (query === undefined) continue;
      for (const message of promqlProblems(withWindow(query, SAMPLE_WINDOW))) {
        issues.push({ path: [...slo.path, field], message: `${message} in the query ${JSON.stringify(query.replace(/\s+/g, " "))}` });
      }
    }
  }
  const badLabels = new Set(groups.flatMap((g) => g.rules).flatMap((rule) => Object.keys(rule.labels)).filter((l) => !LABEL_NAME.test(l)));
  for (const label of badLabels) issues.push({ path: ["metadata"], message: `must produce valid Prometheus label names, got ${JSON.stringify(label)}` });
  return issues;
}

/** Window substituted into an indicator query to check its syntax. */
const SAMPLE_WINDOW = "5m";

function resources(service: ResolvedService, stack: StackConfig, region: string, groups: RuleGroup[]): PlannedResource[] {
  const common = { provider: "kubernetes" as const, region, service: service.name, opts: { dependsOn: [resourceKey(service.name, region, "Namespace")] } };
  const metadata = (selector: Readonly<Record<string, string>> | undefined) => ({
    name: service.name,
    namespace: service.namespace,
    labels: { ...standardLabels(service), ...(selector ?? {}) },
  });
  const out: PlannedResource[] = [
    { ...common, key: resourceKey(service.name, region, "PrometheusRule"), type: PROMETHEUS_RULE_TYPE, name: logicalName(service.name, region, "rules"), origin: "spec.objectives",
      props: toProps({ metadata: metadata(stack.prometheus.ruleSelector), spec: { groups } }) },
  ];
  if (service.alerting) {
    out.push({ ...common, key: resourceKey(service.name, region, "AlertmanagerConfig"), type: ALERTMANAGER_CONFIG_TYPE, name: logicalName(service.name, region, "alerting"), origin: "spec.alerting",
      props: toProps({ metadata: metadata(stack.prometheus.alertmanagerConfigSelector), spec: alertmanagerSpec(service, service.alerting, stack) }) });
  }
  return out;
}

function summarize(region: string, groups: RuleGroup[]): AlertSummary[] {
  return groups.flatMap((g) => g.rules.filter(isAlertingRule)).map((r) => ({
    region,
    alert: r.alert,
    severity: r.labels[ALERT_LABELS.severity] ?? "",
    labels: r.labels,
    ...(r.for ? { for: r.for } : {}),
    threshold: r.expr.replace(/\s+/g, " "),
  }));
}

/** The analysis `plan.json` carries: counts, burn rates, routing and every alert. */
export function analyze(service: ResolvedService, perRegion: ReadonlyMap<string, RuleGroup[]>): AlertsAnalysis {
  const first = [...perRegion.values()][0] ?? [];
  const rules = first.flatMap((g) => g.rules);
  const rulesPerSlo: Record<string, number> = {};
  for (const s of declaredSlos(service)) rulesPerSlo[s.kind] = rules.filter((r) => r.labels[ALERT_LABELS.slo] === s.kind).length;
  return {
    ruleCount: rules.length,
    recordingRules: rules.filter((r) => !isAlertingRule(r)).length,
    alertingRules: rules.filter(isAlertingRule).length,
    rulesPerSlo,
    burnRates: burnWindows(service.objectives.windowMs).map((w) => ({ severity: w.severity, long: w.long, short: w.short, factor: w.factor })),
    ...(service.alerting ? { routing: { critical: service.alerting.pageReceiver, warning: service.alerting.ticketReceiver } } : {}),
    alerts: [...perRegion.entries()].flatMap(([region, groups]) => summarize(region, groups)),
  };
}

/** The alert planner: PrometheusRule and AlertmanagerConfig per region, the analysis, and PromQL issues. */
export const alertsPlanner: DomainPlanner = (service, stack) => {
  const perRegion = new Map(service.regions.map((region) => [region, ruleGroups(service, region)]));
  const issues = ruleIssues(service, [...perRegion.values()].flat());
  return {
    resources: [...perRegion.entries()].flatMap(([region, groups]) => resources(service, stack, region, groups)),
    analysis: { alerts: analyze(service, perRegion) },
    issues,
  };
};
