/**
 * What the prometheus-operator's admission webhook and reconciler refuse beyond the CRD schema:
 * an AlertmanagerConfig whose routes name undeclared receivers (the operator drops the whole
 * object), and PrometheusRule groups that Prometheus' `rulefmt` would not load.
 * @see https://github.com/prometheus-operator/prometheus-operator/blob/v0.93.0/pkg/alertmanager/validation/v1alpha1/validation.go
 * @see https://github.com/prometheus/prometheus/blob/v2.42.0/model/rulefmt/rulefmt.go
 */

import type { ObjectRule, Report } from "./core.js";

interface Route {
  readonly receiver?: string;
  readonly groupBy?: readonly string[];
  readonly routes?: readonly Route[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function checkRoute(route: Route, receivers: ReadonlySet<string>, path: string, top: boolean, report: Report): void {
  if ((route.receiver !== undefined && route.receiver !== "") || top) {
    if (!receivers.has(route.receiver ?? ""))
      report(`${path}.receiver`, `receiver ${JSON.stringify(route.receiver ?? "")} not found in spec.receivers`);
  }
  const groupBy = route.groupBy ?? [];
  if (groupBy.includes("...") && groupBy.length > 1) report(`${path}.groupBy`, "'...' must be the only element");
  (route.routes ?? []).forEach((child, i) => checkRoute(child, receivers, `${path}.routes[${i}]`, false, report));
}

const alertmanagerConfigRoutes: ObjectRule = {
  name: "alertmanager-config-routes",
  summary: "an AlertmanagerConfig's receiver names are unique and every route (the top one always) names one of them",
  kinds: ["AlertmanagerConfig"],
  check: (object, report) => {
    const spec = (object["spec"] ?? {}) as { receivers?: { name: string }[]; route?: Route };
    const names = (spec.receivers ?? []).map((r) => r.name);
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i)
        report(`spec.receivers[${i}].name`, `duplicate receiver name ${JSON.stringify(name)}`);
    });
    if (spec.route) checkRoute(spec.route, new Set(names), "spec.route", true, report);
  },
};

interface Rule {
  readonly record?: string;
  readonly alert?: string;
  readonly expr?: string;
  readonly labels?: Record<string, string>;
}

function checkRule(rule: Rule, path: string, report: Report): void {
  if ((rule.record === undefined) === (rule.alert === undefined))
    report(path, "must set exactly one of record and alert");
  if (!rule.expr) report(`${path}.expr`, "is required");
  if (rule.record !== undefined && !METRIC_NAME.test(rule.record))
    report(`${path}.record`, `${JSON.stringify(rule.record)} is not a valid metric name`);
  if (rule.alert !== undefined && rule.alert === "") report(`${path}.alert`, "must not be empty");
  for (const key of Object.keys(rule.labels ?? {}))
    if (!LABEL_NAME.test(key)) report(`${path}.labels`, `${JSON.stringify(key)} is not a valid label name`);
}

const prometheusRuleGroups: ObjectRule = {
  name: "prometheus-rule-groups",
  summary:
    "PrometheusRule group names are non-empty and unique; each rule sets exactly one of record and alert, an expr, a valid metric name and valid label names (rulefmt)",
  kinds: ["PrometheusRule"],
  check: (object, report) => {
    const groups = ((object["spec"] ?? {}) as { groups?: { name: string; rules?: Rule[] }[] }).groups ?? [];
    const names = groups.map((g) => g.name);
    groups.forEach((group, i) => {
      if (!group.name) report(`spec.groups[${i}].name`, "is required");
      else if (names.indexOf(group.name) !== i)
        report(`spec.groups[${i}].name`, `group name ${JSON.stringify(group.name)} is repeated in the same object`);
      (group.rules ?? []).forEach((rule, j) => checkRule(rule, `spec.groups[${i}].rules[${j}]`, report));
    });
  },
};

/** The prometheus-operator rules. */
export const OPERATOR_RULES: readonly ObjectRule[] = [alertmanagerConfigRoutes, prometheusRuleGroups];
