/**
 * Alert rules about what reaches a person: an error indicator that can tell failures from traffic,
 * pages delivered by a paging integration rather than a chat channel, and pages sent without delay.
 * @see https://sre.google/workbook/alerting-on-slos/
 * @see https://prometheus.io/docs/alerting/latest/configuration/#route
 */

import { z } from "zod";
import { ALERT_LABELS, eventRateRecord, isProduction, SEVERITY } from "../../core/conventions.js";
import { POLICY_LIMITS } from "../../core/defaults.js";
import { parseDuration } from "../../core/units.js";
import { describe, must, ofType, serviceRule } from "../../core/policy/framework.js";
import { KUBE } from "../../core/policy/kube.js";
import type { Finding, ServiceSubject, Subject } from "../../core/policy/types.js";
import { at, isObject, isUnknown, list, str } from "../../core/policy/values.js";
import { ALERTMANAGER_CONFIG } from "./rules.js";

/** Receiver integrations that reach a person at any hour; a receiver with only chat or e-mail does not. */
const PAGING_CONFIGS = ["pagerdutyConfigs", "opsgenieConfigs", "victoropsConfigs", "webhookConfigs", "pushoverConfigs"];

const squash = (expr: string): string => expr.replace(/\s+/g, "");

/** Recorded error and total rates of one SLO over one window, by `slo` label. */
function recordedPairs(rule: Subject): { slo: string; errors: string; total: string }[] {
  const rules = list(rule.props, "spec.groups");
  if (isUnknown(rules)) return [];
  const all = rules.filter(isObject).flatMap((g) => {
    const r = list(g, "rules");
    return isUnknown(r) ? [] : r.filter(isObject);
  });
  const expr = (record: string, slo: unknown): string | undefined => {
    const hit = all.find((r) => r["record"] === record && at(r, `labels.${ALERT_LABELS.slo}`) === slo);
    return typeof hit?.["expr"] === "string" ? hit["expr"] : undefined;
  };
  return all.flatMap((r) => {
    const record = r["record"];
    if (typeof record !== "string" || !record.startsWith(eventRateRecord("error", ""))) return [];
    const window = record.slice(eventRateRecord("error", "").length);
    const slo = at(r, `labels.${ALERT_LABELS.slo}`);
    const errors = typeof r["expr"] === "string" ? r["expr"] : undefined;
    const total = expr(eventRateRecord("total", window), slo);
    return errors === undefined || total === undefined ? [] : [{ slo: String(slo), errors, total }];
  });
}

/** The error query of an indicator differs from its total query. */
export const errorsDistinctFromTotal = serviceRule("alerts", {
  name: "errors-distinct-from-total",
  fix: 'Make spec.indicators.<slo>.errors (or good) select only the failed (or good) requests, e.g. add code=~"5.." to the selector.',
  anchor:
    "SRE workbook (implementing SLOs): an error query equal to the total is 100% errors, always paging or never meaningful.",
  description: "An indicator's error (or good) query is not its total query, so the error ratio can be below 100%.",
  config: z.object({}),
  check: (service) => {
    const seen = new Set<string>();
    return ofType(service, KUBE.prometheusRule).flatMap((rule) =>
      recordedPairs(rule).flatMap(({ slo, errors, total }): Finding[] => {
        const e = squash(errors);
        const t = squash(total);
        const same = e === t || e === `(${t})-(${t})`;
        if (!same || seen.has(slo)) return [];
        seen.add(slo);
        return [
          {
            resource: rule.key,
            path: `spec.indicators.${slo}`,
            message: must(
              `Indicator ${slo} of service ${service.service}`,
              `count failed (or good) requests with a query other than its total query ${JSON.stringify(total.trim())}, e.g. by adding a status-code matcher (code=~"5..")`,
              "the error ratio is then always 100% (or 0%): the burn-rate alerts page on every request or never",
            ),
          },
        ];
      }),
    );
  },
});

/** The route of one severity and the receiver it names, in one AlertmanagerConfig. */
function severityReceiver(
  config: Subject,
  severity: string,
): { name: string; body?: Record<string, unknown> } | undefined {
  const routes = list(config.props, "spec.route.routes");
  if (isUnknown(routes)) return undefined;
  const route = routes.filter(isObject).find((r) => {
    const matchers = list(r, "matchers");
    return (
      !isUnknown(matchers) &&
      matchers.some((m) => isObject(m) && m["name"] === ALERT_LABELS.severity && m["value"] === severity)
    );
  });
  const name = route?.["receiver"];
  if (typeof name !== "string") return undefined;
  const receivers = list(config.props, "spec.receivers");
  if (isUnknown(receivers)) return undefined;
  const body = receivers.filter(isObject).find((r) => r["name"] === name);
  return body ? { name, body: { ...body } } : { name };
}

/** Pages go to a receiver that can wake someone up. */
export const pagesToPagingReceiver = serviceRule("alerts", {
  name: "pages-to-paging-receiver",
  fix: "Set spec.alerting.page.receiver to a receiver with a PagerDuty, Opsgenie or webhook integration (e.g. pager-payments).",
  anchor: "SRE workbook (on-call): a page sent to chat wakes no one.",
  description:
    "In production, page-severity alerts are routed to a receiver with a paging integration (PagerDuty, Opsgenie, a webhook), not only chat.",
  config: z.object({}),
  enforcement: "production",
  check: (service) =>
    (isProduction(service.environment) ? ofType(service, ALERTMANAGER_CONFIG) : []).flatMap((config): Finding[] => {
      const hit = severityReceiver(config, SEVERITY.page);
      if (!hit?.body) return [];
      const integrations = Object.keys(hit.body).filter((k) => k.endsWith("Configs"));
      if (integrations.length === 0 || integrations.some((k) => PAGING_CONFIGS.includes(k))) return [];
      return [
        {
          resource: config.key,
          path: "spec.alerting.page.receiver",
          message: must(
            `${describe(config)}`,
            `route pages (spec.alerting.page.receiver) to a receiver with pagerduty, opsgenie or webhook in the stack's reliability:prometheus.receivers, got ${hit.name} (${integrations.join(", ")})`,
            "a chat message does not wake anyone at night, so a page would wait until someone reads the channel",
          ),
        },
      ];
    }),
});

/** Pages are sent within {@link POLICY_LIMITS.pageGroupWaitMaxMs}. */
export const pageGroupWaitBounded = serviceRule("alerts", {
  name: "page-group-wait-bounded",
  fix: "Set spec.alerting.groupWait to at most 1m (e.g. 30s).",
  anchor:
    "Alertmanager guidance / SRE workbook: a page held for minutes adds those minutes to every outage's detection time.",
  description:
    "The Alertmanager route of a paging service waits at most one minute before sending the first notification of a group.",
  config: z.object({}),
  check: (service: ServiceSubject) =>
    ofType(service, ALERTMANAGER_CONFIG).flatMap((config): Finding[] => {
      const wait = str(config.props, "spec.route.groupWait");
      if (wait === undefined || isUnknown(wait)) return [];
      const ms = parseDuration(wait);
      if (ms === undefined || ms <= POLICY_LIMITS.pageGroupWaitMaxMs) return [];
      return [
        {
          resource: config.key,
          path: "spec.alerting.groupWait",
          message: must(
            `${describe(config)}`,
            `wait at most ${POLICY_LIMITS.pageGroupWaitMaxMs / 1000}s before the first page of a group (spec.alerting.groupWait, e.g. 30s), got ${wait}`,
            "every page is delayed by the group wait, and the fast burn-rate alert exists to page within minutes",
          ),
        },
      ];
    }),
});

/** The alert rules about pages. */
export const PAGE_RULES = [errorsDistinctFromTotal, pagesToPagingReceiver, pageGroupWaitBounded];
