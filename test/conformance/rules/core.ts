/**
 * The shape of the value rules: a rule has a kebab-case name, says which API-server (or kubelet,
 * controller, operator) behaviour it encodes, and reports each problem with the field path.
 */

import type { LabelSelector, ObjectMeta } from "kubernetes-types/meta/v1";
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import { labelValue, qualifiedName } from "./names.js";

/** A rendered Kubernetes object as parsed from the YAML `reliability plan` writes. */
export interface KubeObject {
  /** `group/version` or `v1`. */
  readonly apiVersion: string;
  /** Kind. */
  readonly kind: string;
  /** Object metadata. */
  readonly metadata?: ObjectMeta;
  /** Every other top-level field (spec, data, ...). */
  readonly [field: string]: unknown;
}

/** Reports one problem at a field path (dot and index notation, e.g. `spec.template.spec.containers[0].name`). */
export type Report = (path: string, message: string) => void;

/** A rule over one object. */
export interface ObjectRule {
  /** Kebab-case name, printed first in every message. */
  readonly name: string;
  /** What the rule enforces and who enforces it upstream. */
  readonly summary: string;
  /** Kinds it applies to; every kind when absent. */
  readonly kinds?: readonly string[];
  /** Reports every problem of the object. */
  readonly check: (object: KubeObject, report: Report) => void;
}

/** A rule over all objects of one cluster (one stack and region): references between objects. */
export interface SetRule {
  /** Kebab-case name, printed first in every message. */
  readonly name: string;
  /** What the rule enforces and who enforces it upstream. */
  readonly summary: string;
  /** Reports every problem, naming the object it is found on. */
  readonly checkSet: (
    objects: readonly KubeObject[],
    report: (object: KubeObject, path: string, message: string) => void,
  ) => void;
}

/** `Kind/namespace/name` (or `Kind/name` for cluster-scoped objects). */
export function objectRef(object: KubeObject): string {
  const { namespace, name } = object.metadata ?? {};
  return `${object.kind}/${namespace ? `${namespace}/` : ""}${name ?? "<no name>"}`;
}

/** Pod templates of a workload object with their paths (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob). */
export function podTemplates(object: KubeObject): { readonly path: string; readonly template: PodTemplateSpec }[] {
  const spec = object["spec"] as
    { template?: PodTemplateSpec; jobTemplate?: { spec?: { template?: PodTemplateSpec } } } | undefined;
  if (["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"].includes(object.kind) && spec?.template)
    return [{ path: "spec.template", template: spec.template }];
  if (object.kind === "CronJob" && spec?.jobTemplate?.spec?.template)
    return [{ path: "spec.jobTemplate.spec.template", template: spec.jobTemplate.spec.template }];
  return [];
}

/** Checks a label map (keys are qualified names, values label values). */
export function checkLabels(labels: Record<string, string> | undefined, path: string, report: Report): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    for (const p of qualifiedName(key)) report(`${path}[${JSON.stringify(key)}]`, `label key ${p}`);
    for (const p of labelValue(String(value))) report(`${path}[${JSON.stringify(key)}]`, `label value ${p}`);
  }
}

const SELECTOR_OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist"];

/** Checks a label selector as `ValidateLabelSelector` does (matchLabels as labels; operators and their values). */
export function checkSelector(selector: LabelSelector | undefined, path: string, report: Report): void {
  if (!selector) return;
  checkLabels(selector.matchLabels, `${path}.matchLabels`, report);
  (selector.matchExpressions ?? []).forEach((e, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    for (const p of qualifiedName(e.key)) report(`${at}.key`, p);
    if (!SELECTOR_OPERATORS.includes(e.operator))
      report(`${at}.operator`, `must be one of ${SELECTOR_OPERATORS.join(", ")}, got ${e.operator}`);
    const hasValues = (e.values ?? []).length > 0;
    if ((e.operator === "In" || e.operator === "NotIn") && !hasValues)
      report(`${at}.values`, `must be specified when operator is ${e.operator}`);
    if ((e.operator === "Exists" || e.operator === "DoesNotExist") && hasValues)
      report(`${at}.values`, `may not be specified when operator is ${e.operator}`);
  });
}

/** True when a selector selects the given labels (matchLabels and matchExpressions). */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every((e) => {
    const has = Object.hasOwn(labels, e.key);
    if (e.operator === "Exists") return has;
    if (e.operator === "DoesNotExist") return !has;
    const inValues = has && (e.values ?? []).includes(labels[e.key] as string);
    return e.operator === "In" ? inValues : !inValues;
  });
  return byLabels && byExpressions;
}

const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

/** The value of a Kubernetes quantity in base units (cores, bytes), or `undefined` when it does not parse. */
export function quantityValue(quantity: string | number): number | undefined {
  if (typeof quantity === "number") return quantity;
  const match = QUANTITY.exec(quantity);
  if (!match) return undefined;
  const suffix = match[2] ?? "";
  const scale = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX[suffix];
  return scale === undefined ? undefined : Number(match[1]) * scale;
}
