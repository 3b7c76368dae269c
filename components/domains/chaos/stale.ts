/**
 * `ChaosPlanStale`: the stops the gate reads follow daylight-saving changes up to the plan's horizon
 * only. Before the horizon runs out, Prometheus raises a ticket to replan (`pulumi up` with a newer
 * reliability-stack), so no run past it goes unchecked.
 */

import { ALERT_LABELS, ALERT_NAMES, LABELS, SEVERITY, resourceKey, standardLabels } from "../../core/conventions.js";
import { chaosRulesName, CHAOS_COMPONENT } from "../../core/chaos-conventions.js";
import { kubeBody, kubeResource } from "../../core/plan/kube.js";
import type { PlannedResource } from "../../core/plan/types.js";
import type { ResolvedService } from "../../core/spec/service.js";
import type { StackConfig } from "../../core/stack/config.js";
import { annotations } from "../alerts/slo.js";
import { CHAOS_DEFAULTS } from "./defaults.js";

/** The alert expression: true from `warnDays` before the horizon on. */
export function staleExpr(horizon: string, warnDays: number): string {
  return `vector(time()) > ${Date.parse(horizon) / 1000 - warnDays * 86_400}`;
}

/** The PrometheusRule holding `ChaosPlanStale` for a service in one region. */
export function staleRuleResource(
  service: ResolvedService,
  stack: StackConfig,
  region: string,
  horizon: string,
): PlannedResource {
  const days = CHAOS_DEFAULTS.planStaleWarningDays;
  const resource = kubeResource(
    service,
    {
      region,
      kind: "PrometheusRule",
      suffix: "chaos-rules",
      type: "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
      origin: "spec.chaos",
      opts: { dependsOn: [resourceKey(service.name, region, "Namespace")] },
    },
    kubeBody("kubernetes:monitoring.coreos.com/v1:PrometheusRule", {
      metadata: {
        name: chaosRulesName(service.name),
        namespace: service.namespace,
        labels: { ...standardLabels(service), [LABELS.component]: CHAOS_COMPONENT, ...stack.prometheus.ruleSelector },
      },
      spec: {
        groups: [
          {
            name: chaosRulesName(service.name),
            rules: [
              {
                alert: ALERT_NAMES.chaosPlanStale,
                expr: staleExpr(horizon, days),
                for: "1h",
                labels: {
                  [ALERT_LABELS.service]: service.name,
                  [ALERT_LABELS.namespace]: service.namespace,
                  [ALERT_LABELS.team]: service.team,
                  [ALERT_LABELS.region]: region,
                  [ALERT_LABELS.severity]: SEVERITY.ticket,
                },
                annotations: annotations(service, ALERT_NAMES.chaosPlanStale, {
                  summary: `${service.name}: the chaos plan's horizon ends ${horizon.slice(0, 10)}`,
                  description: `The stops that keep ${service.name}'s chaos runs out of daylight-saving misfires are computed up to ${horizon.slice(0, 10)}; replan (pulumi up) within ${days} days.`,
                }),
              },
            ],
          },
        ],
      },
    }),
  );
  return { ...resource, key: resourceKey(service.name, region, "PrometheusRule", "chaos") };
}
