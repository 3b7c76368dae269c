/**
 * Every value rule of the strict conformance suite: what the API server (and the kubelet,
 * controllers and prometheus-operator) enforce on the fields we render beyond what the OpenAPI
 * schemas express. Each problem is `<rule>: <Kind/namespace/name> <path>: <message>`.
 */

import { CONTAINER_RULES } from "./containers.js";
import { objectRef, type KubeObject, type ObjectRule, type SetRule } from "./core.js";
import { HPA_RULES } from "./hpa.js";
import { META_RULES } from "./meta.js";
import { OPERATOR_RULES } from "./operator.js";
import { POD_RULES } from "./pod.js";
import { PROBE_RULES } from "./probes.js";
import { REFERENCE_RULES } from "./references.js";
import { WORKLOAD_RULES } from "./workloads.js";

export type { KubeObject } from "./core.js";

/** The single-object rules, in report order. */
export const OBJECT_RULES: readonly ObjectRule[] = [
  ...META_RULES,
  ...CONTAINER_RULES,
  ...PROBE_RULES,
  ...POD_RULES,
  ...WORKLOAD_RULES,
  ...HPA_RULES,
  ...OPERATOR_RULES,
];

/** The rules over all objects applied to one cluster. */
export const SET_RULES: readonly SetRule[] = REFERENCE_RULES;

/** Names of every rule (single-object and cross-object). */
export const RULE_NAMES: readonly string[] = [...OBJECT_RULES, ...SET_RULES].map((r) => r.name);

/** Problems of one object under the single-object rules. */
export function objectProblems(object: KubeObject): string[] {
  const problems: string[] = [];
  for (const rule of OBJECT_RULES) {
    if (rule.kinds && !rule.kinds.includes(object.kind)) continue;
    rule.check(object, (path, message) => problems.push(`${rule.name}: ${objectRef(object)} ${path}: ${message}`));
  }
  return problems;
}

/** Problems of the objects applied to one cluster: every object's own, then the cross-object ones. */
export function clusterProblems(objects: readonly KubeObject[]): string[] {
  const problems = objects.flatMap(objectProblems);
  for (const rule of SET_RULES)
    rule.checkSet(objects, (object, path, message) =>
      problems.push(`${rule.name}: ${objectRef(object)} ${path}: ${message}`),
    );
  return problems;
}
