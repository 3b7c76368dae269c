import type { ResolvedService } from "../../core/spec/service.js";
import { ALERT_LABELS } from "../../core/conventions.js";
import type { ServiceRules } from "./rule-groups.js";
import { declaredSlos } from "./slo.js";
import { isAlertingRule, type AlertingRule, type AlertsAnalysis, type AlertSummary } from "./types.js";
import { burnWindows } from "../../core/windows.js";

/** The analysis `plan.json` carries: counts, burn rates, routing and every alert with the regions that evaluate it. */
export function analyze(service: ResolvedService, rules: ServiceRules): AlertsAnalysis {
  const slo = [...rules.slo, ...rules.budget];
  const first = [...slo, ...rules.workload, ...(rules.database.get(service.regions[0] ?? "") ?? [])];
  const rulesPerSlo: Record<string, number> = {};
  for (const s of declaredSlos(service))
    rulesPerSlo[s.kind] = slo.filter((r) => r.labels[ALERT_LABELS.slo] === s.kind).length;
  const everywhere = [...slo, ...rules.workload].filter(isAlertingRule).map((r) => summarize(r, service.regions));
  const database = [...rules.database].flatMap(([region, list]) =>
    list.filter(isAlertingRule).map((r) => summarize(r, [region])),
  );
  return {
    ruleCount: first.length,
    recordingRules: first.filter((r) => !isAlertingRule(r)).length,
    alertingRules: first.filter(isAlertingRule).length,
    rulesPerSlo,
    burnRates: burnWindows(service.objectives.windowMs, service.sloAlerting.burnRates).map((w) => ({
      severity: w.severity,
      long: w.long,
      short: w.short,
      factor: w.factor,
    })),
    ...(service.alerting
      ? {
          routing: {
            critical: service.alerting.pageReceiver,
            warning: service.alerting.ticketReceiver,
            from: service.alerting.from,
          },
        }
      : {}),
    ...(service.unmeasuredReason === undefined ? {} : { unmeasured: service.unmeasuredReason }),
    objectives: {
      availability: service.objectives.availability,
      ...(service.objectives.latency
        ? {
            latency: {
              thresholdMs: service.objectives.latency.thresholdMs,
              percent: service.objectives.latency.percent,
            },
          }
        : {}),
      windowMs: service.objectives.windowMs,
    },
    alerts: [...everywhere, ...database],
  };
}

/** Labels every alert of a service carries alike; the summary leaves them out. */
const COMMON_LABELS = new Set<string>([
  ALERT_LABELS.service,
  ALERT_LABELS.namespace,
  ALERT_LABELS.team,
  ALERT_LABELS.region,
  ALERT_LABELS.severity,
]);

function summarize(rule: AlertingRule, regions: readonly string[]): AlertSummary {
  const labels: Record<string, string> = {};
  for (const name in rule.labels) if (!COMMON_LABELS.has(name)) labels[name] = rule.labels[name] ?? "";
  return {
    alert: rule.alert,
    severity: rule.labels[ALERT_LABELS.severity] ?? "",
    regions,
    labels,
    ...(rule.for ? { for: rule.for } : {}),
  };
}
