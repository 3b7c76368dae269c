/**
 * Autoscaling rules: a HorizontalPodAutoscaler has room to scale.
 * @see https://polaris.docs.fairwinds.com/checks/reliability/
 */

import { z } from "zod";
import { describe, must, resourceRule } from "../../../core/policy/framework.js";
import { KUBE } from "../../../core/policy/kube.js";
import { isUnknown, num } from "../../../core/policy/values.js";

/** An autoscaler may add pods: maxReplicas above minReplicas. */
export const hpaCanScale = resourceRule("workload", {
  name: "hpa-can-scale",
  fix: "Raise spec.workload.autoscaling.max above autoscaling.min (e.g. twice it), or replace autoscaling with a fixed spec.workload.replicas.",
  anchor:
    "Polaris hpaMaxAvailability: an autoscaler whose maximum is its minimum cannot add a pod when load or a lost zone needs one.",
  description: "Every HorizontalPodAutoscaler's maxReplicas is above its minReplicas.",
  types: [KUBE.hpa],
  config: z.object({}),
  check: (subject) => {
    const min = num(subject.props, "spec.minReplicas") ?? 1;
    const max = num(subject.props, "spec.maxReplicas");
    if (max === undefined || isUnknown(max) || isUnknown(min) || max > min) return [];
    return [
      {
        resource: subject.key,
        path: "spec.workload.autoscaling.max",
        message: must(
          describe(subject),
          `allow more pods than its minimum (maxReplicas above minReplicas ${min}), got maxReplicas ${max}`,
          "an autoscaler that cannot add a pod leaves the service to saturate when load rises or a zone's pods are lost, while suggesting it would scale",
        ),
      },
    ];
  },
});

/** The autoscaling rules of the workload domain. */
export const AUTOSCALING_RULES = [hpaCanScale];
