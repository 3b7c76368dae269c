/**
 * HorizontalPodAutoscaler (autoscaling/v2) as `ValidateHorizontalPodAutoscalerSpec` checks it.
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.30/pkg/apis/autoscaling/validation/validation.go
 */

import type {
  HorizontalPodAutoscalerSpec,
  HPAScalingRules,
  MetricSpec,
  MetricTarget,
} from "kubernetes-types/autoscaling/v2";
import { quantityValue, type ObjectRule, type Report } from "./core.js";

const hpaReplicas: ObjectRule = {
  name: "hpa-replicas",
  summary: "minReplicas is ≥1 (scale to zero is an alpha feature) and maxReplicas is ≥1 and ≥ minReplicas",
  kinds: ["HorizontalPodAutoscaler"],
  check: (object, report) => {
    const spec = (object["spec"] ?? {}) as HorizontalPodAutoscalerSpec;
    const min = spec.minReplicas ?? 1;
    if (min < 1) report("spec.minReplicas", `must be greater than or equal to 1, got ${min}`);
    if (!(spec.maxReplicas >= 1)) report("spec.maxReplicas", `must be greater than 0, got ${spec.maxReplicas}`);
    else if (spec.maxReplicas < min)
      report("spec.maxReplicas", `must be greater than or equal to minReplicas (${min}), got ${spec.maxReplicas}`);
  },
};

const SOURCES: Record<string, keyof MetricSpec> = {
  Object: "object",
  Pods: "pods",
  Resource: "resource",
  ContainerResource: "containerResource",
  External: "external",
};

function checkTarget(target: MetricTarget | undefined, path: string, report: Report): void {
  if (!target) return report(path, "is required");
  const needs: Record<string, keyof MetricTarget> = {
    Utilization: "averageUtilization",
    Value: "value",
    AverageValue: "averageValue",
  };
  const field = needs[target.type];
  if (!field) return report(`${path}.type`, `must be Utilization, Value or AverageValue, got ${target.type}`);
  if (target[field] === undefined) report(`${path}.${field}`, `must be set when type is ${target.type}`);
  if (target.averageUtilization !== undefined && target.averageUtilization < 1)
    report(`${path}.averageUtilization`, `must be greater than 0, got ${target.averageUtilization}`);
  for (const key of ["value", "averageValue"] as const) {
    const quantity = target[key];
    if (quantity !== undefined && !((quantityValue(quantity) ?? 0) > 0))
      report(`${path}.${key}`, `must be a positive quantity, got ${quantity}`);
  }
}

function checkMetric(metric: MetricSpec, path: string, report: Report): void {
  const source = SOURCES[metric.type];
  if (!source) return report(`${path}.type`, `must be one of ${Object.keys(SOURCES).join(", ")}, got ${metric.type}`);
  const others = Object.values(SOURCES).filter((s) => s !== source && metric[s] !== undefined);
  if (others.length > 0)
    report(path, `must populate only ${source} for type ${metric.type}, also got ${others.join(", ")}`);
  const spec = metric[source] as { name?: string; target?: MetricTarget } | undefined;
  if (!spec) return report(`${path}.${source}`, `must be set for type ${metric.type}`);
  if ((source === "resource" || source === "containerResource") && !spec.name)
    report(`${path}.${source}.name`, "is required");
  checkTarget(spec.target, `${path}.${source}.target`, report);
}

function checkRules(rules: HPAScalingRules | undefined, path: string, report: Report): void {
  if (!rules) return;
  const window = rules.stabilizationWindowSeconds;
  if (window !== undefined && (window < 0 || window > 3600))
    report(`${path}.stabilizationWindowSeconds`, `must be between 0 and 3600, got ${window}`);
  if (rules.selectPolicy !== undefined && !["Max", "Min", "Disabled"].includes(rules.selectPolicy))
    report(`${path}.selectPolicy`, `must be Max, Min or Disabled, got ${rules.selectPolicy}`);
  // Absent policies are defaulted; an explicit empty list is kept and refused.
  if (rules.policies !== undefined && rules.policies.length === 0)
    report(`${path}.policies`, "must specify at least one policy");
  (rules.policies ?? []).forEach((p, i) => {
    if (!["Pods", "Percent"].includes(p.type))
      report(`${path}.policies[${i}].type`, `must be Pods or Percent, got ${p.type}`);
    if (!(p.value > 0)) report(`${path}.policies[${i}].value`, `must be greater than 0, got ${p.value}`);
    if (!(p.periodSeconds > 0 && p.periodSeconds <= 1800))
      report(`${path}.policies[${i}].periodSeconds`, `must be greater than 0 and at most 1800, got ${p.periodSeconds}`);
  });
}

const hpaSpec: ObjectRule = {
  name: "hpa-spec",
  summary:
    "scaleTargetRef names a kind and an object; each metric populates the source its type names with a valid target; behavior windows 0-3600s, policies Pods|Percent with value >0 and period 1-1800s",
  kinds: ["HorizontalPodAutoscaler"],
  check: (object, report) => {
    const spec = (object["spec"] ?? {}) as HorizontalPodAutoscalerSpec;
    for (const key of ["kind", "name"] as const) {
      const value = spec.scaleTargetRef?.[key];
      if (!value) report(`spec.scaleTargetRef.${key}`, "is required");
      else if (value === "." || value === ".." || /[/%]/.test(value))
        report(`spec.scaleTargetRef.${key}`, `may not be '.' or '..' or contain '/' or '%', got ${value}`);
    }
    (spec.metrics ?? []).forEach((m, i) => checkMetric(m, `spec.metrics[${i}]`, report));
    checkRules(spec.behavior?.scaleUp, "spec.behavior.scaleUp", report);
    checkRules(spec.behavior?.scaleDown, "spec.behavior.scaleDown", report);
  },
};

/** The HorizontalPodAutoscaler rules. */
export const HPA_RULES: readonly ObjectRule[] = [hpaReplicas, hpaSpec];
