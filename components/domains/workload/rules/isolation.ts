/**
 * Workload isolation rules: every service's pods are behind a NetworkPolicy that restricts who may
 * call them, and carry a PriorityClass so that under pressure the scheduler sacrifices lower tiers first.
 * @see https://github.com/zegl/kube-score/blob/master/README_CHECKS.md
 * @see https://polaris.docs.fairwinds.com/checks/reliability/
 */

import { z } from "zod";
import { describe, must, ofType, resourceRule, serviceRule } from "../../../core/policy/framework.js";
import { isServiceWorkload, KUBE } from "../../../core/policy/kube.js";
import type { Subject } from "../../../core/policy/types.js";
import { at, isObject, isUnknown, list, str } from "../../../core/policy/values.js";

/** True when every label a selector's `matchLabels` asks for is among `labels` (an empty selector selects every pod). */
function selects(selector: unknown, labels: unknown): boolean {
  if (isUnknown(selector) || isUnknown(labels)) return true;
  const wanted = at(selector, "matchLabels");
  if (!isObject(wanted)) return wanted === undefined;
  return Object.entries(wanted).every(([k, v]) => isObject(labels) && labels[k] === v);
}

/** True when a NetworkPolicy restricts inbound traffic to the pods of a Deployment. */
function restrictsIngress(policy: Subject, deployment: Subject): boolean {
  const types = list(policy.props, "spec.policyTypes");
  const ingress = isUnknown(types) || types.length === 0 || types.includes("Ingress");
  return (
    ingress && selects(at(policy.props, "spec.podSelector"), at(deployment.props, "spec.template.metadata.labels"))
  );
}

/** Every service's pods are selected by a NetworkPolicy that restricts inbound traffic. */
export const networkPolicySet = serviceRule("workload", {
  name: "network-policy-set",
  fix: "Remove spec.workload.networkPolicy: false (the default, true, plans a NetworkPolicy admitting only the service's callers, the ingress when public, and monitoring).",
  anchor:
    "kube-score pod-networkpolicy; Polaris missingNetworkPolicy: a pod no NetworkPolicy selects accepts connections from every pod of every namespace.",
  description:
    "In every region it runs in, a service's pods are selected by a NetworkPolicy in its namespace that restricts inbound traffic.",
  config: z.object({}),
  check: (service) =>
    ofType(service, KUBE.deployment)
      .filter(isServiceWorkload)
      .filter((d) => !ofType(service, KUBE.networkPolicy, d.region).some((p) => restrictsIngress(p, d)))
      .map((d) => ({
        resource: d.key,
        path: "spec.workload.networkPolicy",
        message: must(
          `The pods of ${describe(d)}`,
          "be selected by a NetworkPolicy that restricts inbound traffic (spec.workload.networkPolicy: true), got none",
          "without one any pod of any namespace (a compromised neighbour, a misrouted job) can reach the service port directly, bypassing its callers' timeouts and its ingress",
        ),
      })),
});

/** Every pod names a PriorityClass. */
export const priorityClassSet = resourceRule("workload", {
  name: "priority-class-set",
  fix: "Remove spec.workload.priorityClassName: false, or set it to a PriorityClass of the cluster (the tier default, e.g. reliability-critical, or reliability:priorityClasses).",
  anchor:
    "Polaris priorityClassNotSet: a pod without a PriorityClass has the cluster's default priority, so under node pressure it is preempted or evicted as readily as a batch job.",
  description: "Every Deployment's pods name a PriorityClass (spec.template.spec.priorityClassName).",
  types: [KUBE.deployment],
  config: z.object({}),
  check: (subject) => {
    const name = str(subject.props, "spec.template.spec.priorityClassName");
    if (isUnknown(name) || (name !== undefined && name !== "")) return [];
    return [
      {
        resource: subject.key,
        path: "spec.workload.priorityClassName",
        message: must(
          `The pods of ${describe(subject)}`,
          "name a PriorityClass (spec.workload.priorityClassName, e.g. the tier default), got none",
          "without one they run at the cluster's default priority: when nodes run short the scheduler may preempt them for less important pods, and the kubelet evicts them no later than a batch job",
        ),
      },
    ];
  },
});

/** The isolation rules of the workload domain. */
export const ISOLATION_RULES = [networkPolicySet, priorityClassSet];
