/**
 * Alert rules: every service pages and tickets on error-budget burn, every alert carries a
 * runbook and a severity, and every severity it uses is routed to a receiver.
 * @see https://sre.google/workbook/alerting-on-slos/
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PrometheusRule
 */

import { z } from "zod";
import { ALERT_LABELS, ALERT_NAMES, SEVERITY, UNMEASURED_ANNOTATION } from "../../core/conventions.js";
import { describe, must, ofType, resourceRule, serviceRule } from "../../core/policy/framework.js";
import { KUBE } from "../../core/policy/kube.js";
import type { Finding, ServiceSubject, Subject } from "../../core/policy/types.js";
import { at, isObject, isUnknown, list } from "../../core/policy/values.js";

/** Type token of the prometheus-operator's AlertmanagerConfig. */
export const ALERTMANAGER_CONFIG = "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig";

const exempt = z.array(z.string()).default(["best-effort"]).describe("Tiers the rule does not apply to.");

/** The alerting rules of a PrometheusRule (recording rules left out); unknown when not known yet. */
export function alertingRules(rule: Subject): Readonly<Record<string, unknown>>[] | undefined {
  const groups = list(rule.props, "spec.groups");
  if (isUnknown(groups)) return undefined;
  const rules = groups.flatMap((g) => {
    const r = list(g, "rules");
    return isUnknown(r) ? [] : r;
  });
  return rules.filter(isObject).filter((r) => r["alert"] !== undefined);
}

function label(rule: Readonly<Record<string, unknown>>, name: string): unknown {
  const labels = rule["labels"];
  return isObject(labels) ? labels[name] : undefined;
}

/** Page and ticket burn-rate alerts in every region, for every SLO. */
export const burnRateAlerts = serviceRule("alerts", {
  name: "burn-rate-alerts",
  fix: "Keep spec.objectives and spec.indicators so the plan generates the page and ticket burn-rate alerts; do not drop them in a transformation.",
  anchor:
    "SRE workbook (alerting on SLOs): multiwindow multi-burn-rate alerts page on fast burns and ticket slow ones.",
  description:
    "Every service has a page (critical) and a ticket (warning) error-budget burn-rate alert for each SLO in every region.",
  config: z.object({ exemptTiers: exempt }),
  check: (service, config) => {
    if (config.exemptTiers.includes(service.tier)) return [];
    return service.regions.flatMap((region): Finding[] => {
      const rules = ofType(service, KUBE.prometheusRule, region).map(alertingRules);
      if (rules.some((r) => r === undefined)) return [];
      const burns = rules.flat().filter((r) => r !== undefined && r["alert"] === ALERT_NAMES.burn) as Readonly<
        Record<string, unknown>
      >[];
      const slos = [...new Set(burns.map((r) => String(label(r, ALERT_LABELS.slo) ?? "")))];
      const missing = (slos.length > 0 ? slos : ["availability"]).flatMap((slo) =>
        [SEVERITY.page, SEVERITY.ticket]
          .filter(
            (sev) =>
              !burns.some(
                (r) => String(label(r, ALERT_LABELS.slo) ?? "") === slo && label(r, ALERT_LABELS.severity) === sev,
              ),
          )
          .map((sev) => `${slo}/${sev}`),
      );
      if (missing.length === 0) return [];
      return [
        {
          service: service.service,
          path: "spec.indicators",
          message: must(
            `Service ${service.service} in ${region}`,
            `have ${ALERT_NAMES.burn} alerts for ${missing.join(", ")}`,
            "a fast burn must page someone and a slow burn must open a ticket before the error budget is spent",
          ),
        },
      ];
    });
  },
});

/** Every alert carries a runbook URL and a known severity. */
export const alertMetadata = resourceRule("alerts", {
  name: "alert-runbook-and-severity",
  fix: "Set spec.alerting.runbook to an http(s) URL and keep the generated severity labels (page, ticket).",
  anchor: "SRE workbook (on-call): every page needs a runbook and a severity that routes it.",
  description:
    "Every alerting rule has a runbook_url annotation (an http(s) URL) and a severity label of a known value.",
  types: [KUBE.prometheusRule],
  config: z.object({
    severities: z
      .array(z.string())
      .default([SEVERITY.page, SEVERITY.ticket, "info"])
      .describe("Allowed severity label values."),
    exemptTiers: exempt,
  }),
  check: (subject, config, context) => {
    if (config.exemptTiers.includes(context.tier)) return [];
    const rules = alertingRules(subject) ?? [];
    const noRunbook = rules.filter((r) => {
      const runbook = at(r, "annotations.runbook_url");
      return !isUnknown(runbook) && (typeof runbook !== "string" || !/^https?:\/\//.test(runbook));
    });
    const badSeverity = rules.filter(
      (r) =>
        !isUnknown(label(r, ALERT_LABELS.severity)) &&
        !config.severities.includes(String(label(r, ALERT_LABELS.severity))),
    );
    const names = (list: readonly Readonly<Record<string, unknown>>[]): string =>
      [...new Set(list.map((r) => String(r["alert"])))].join(", ");
    const out: Finding[] = [];
    if (noRunbook.length > 0)
      out.push({
        resource: subject.key,
        path: "spec.alerting.runbook",
        message: must(
          `Alerts ${names(noRunbook)} in ${describe(subject)}`,
          "have a runbook_url annotation with an http(s) URL",
          "whoever is paged at night needs the steps to follow, not just the symptom",
        ),
      });
    if (badSeverity.length > 0)
      out.push({
        resource: subject.key,
        path: "spec.alerting",
        message: must(
          `Alerts ${names(badSeverity)} in ${describe(subject)}`,
          `have a severity label of ${config.severities.join(", ")}`,
          "routing decides by the severity who is woken up",
        ),
      });
    return out;
  },
});

/** Receivers of an AlertmanagerConfig route per severity matcher, and the receivers it defines. */
function routes(
  config: Subject,
): { bySeverity: Map<string, string>; receivers: Set<string>; fallback?: string } | undefined {
  const routeList = list(config.props, "spec.route.routes");
  const receiverList = list(config.props, "spec.receivers");
  if (isUnknown(routeList) || isUnknown(receiverList)) return undefined;
  const bySeverity = new Map<string, string>();
  for (const route of routeList) {
    const matchers = list(route, "matchers");
    const receiver = at(route, "receiver");
    if (isUnknown(matchers) || typeof receiver !== "string") continue;
    for (const m of matchers)
      if (at(m, "name") === ALERT_LABELS.severity && typeof at(m, "value") === "string")
        bySeverity.set(at(m, "value") as string, receiver);
  }
  const receivers = new Set(receiverList.map((r) => at(r, "name")).filter((n): n is string => typeof n === "string"));
  const fallback = at(config.props, "spec.route.receiver");
  return { bySeverity, receivers, ...(typeof fallback === "string" ? { fallback } : {}) };
}

function severitiesIn(service: ServiceSubject, region: string): Set<string> | undefined {
  const rules = ofType(service, KUBE.prometheusRule, region).map(alertingRules);
  if (rules.some((r) => r === undefined)) return undefined;
  return new Set(
    rules
      .flat()
      .map((r) => label(r ?? {}, ALERT_LABELS.severity))
      .filter((s): s is string => typeof s === "string"),
  );
}

/** Every severity the service's alerts use routes to a receiver that exists. */
export const alertsRouted = serviceRule("alerts", {
  name: "alerts-routed",
  fix: "Set spec.alerting.page.receiver and ticket.receiver to receivers configured in reliability:prometheus.receivers (or the stack's defaultReceivers).",
  anchor: "SRE workbook (alerting on SLOs): an alert that no receiver gets is no alert.",
  description:
    "Every severity a service's alerts use is routed by its AlertmanagerConfig to a receiver that the config defines.",
  config: z.object({ exemptTiers: exempt }),
  check: (service, config) => {
    if (config.exemptTiers.includes(service.tier)) return [];
    return service.regions.flatMap((region): Finding[] => {
      const severities = severitiesIn(service, region);
      if (!severities || severities.size === 0) return [];
      const amc = ofType(service, ALERTMANAGER_CONFIG, region)[0];
      if (!amc)
        return [
          {
            service: service.service,
            path: "spec.alerting",
            message: must(
              `Service ${service.service} in ${region}`,
              "route its alerts with an AlertmanagerConfig (spec.alerting)",
              "alerts nobody receives do not shorten an outage",
            ),
          },
        ];
      const r = routes(amc);
      if (!r) return [];
      return [...severities].flatMap((sev): Finding[] => {
        const receiver = r.bySeverity.get(sev) ?? r.fallback;
        if (receiver !== undefined && r.receivers.has(receiver)) return [];
        return [
          {
            resource: amc.key,
            path: "spec.alerting",
            message: must(
              describe(amc),
              `route severity=${sev} to a defined receiver, got ${receiver ?? "no route"}`,
              "an alert routed to an undefined receiver is dropped",
            ),
          },
        ];
      });
    });
  },
});

/** Objectives declared unmeasured (`indicators.none`, annotated on the PrometheusRule) are reported with their reason. */
export const objectivesMeasured = resourceRule("alerts", {
  name: "objectives-measured",
  fix: "Write spec.indicators (availability errors/total queries, and latency good/total) instead of indicators.none.",
  anchor: "SRE workbook (implementing SLOs): an objective no query measures can never alert.",
  description:
    "Every service measures its objectives with indicators; one that declares indicators.none is reported with its reason.",
  types: [KUBE.prometheusRule],
  config: z.object({}),
  check: (subject) => {
    const annotations = at(subject.props, "metadata.annotations");
    const reason = isObject(annotations) ? annotations[UNMEASURED_ANNOTATION] : undefined;
    if (typeof reason !== "string") return [];
    return [
      {
        resource: subject.key,
        path: "spec.indicators.none",
        message: must(
          describe(subject),
          `come with indicators that measure the service's objectives (declared unmeasured: ${JSON.stringify(reason)})`,
          "an objective nothing measures never pages or opens a ticket, however badly it is missed",
        ),
      },
    ];
  },
});

/** The alert rules. */
export const ALERT_RULES = [burnRateAlerts, alertMetadata, alertsRouted, objectivesMeasured];
