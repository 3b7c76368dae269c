/**
 * Alert rule about quiet hours: the low-traffic guard of the pages (at least `minFailedRequests`
 * failed requests within a pair's short window) must be reachable at the traffic the service declares
 * for its quietest hour, or the page cannot fire at night however badly the service fails.
 * @see https://sre.google/workbook/alerting-on-slos/
 */

import { z } from "zod";
import { ALERT_LABELS, ALERT_NAMES, SEVERITY } from "../../core/conventions.js";
import { describe, must, resourceRule } from "../../core/policy/framework.js";
import { KUBE } from "../../core/policy/kube.js";
import type { Finding, Subject } from "../../core/policy/types.js";
import { at, isObject } from "../../core/policy/values.js";
import { formatDuration } from "../../core/units.js";
import { alertingRules } from "./rules.js";
import {
  guardReachable,
  largestReachableGuard,
  LOWEST_TRAFFIC_ANNOTATION,
  pageGuards,
  type PageGuard,
} from "./traffic.js";

/** The declared lowest traffic of a PrometheusRule's service, requests per second; undefined when not declared or not known. */
function lowestTraffic(subject: Subject): number | undefined {
  const annotations = at(subject.props, "metadata.annotations");
  const raw = isObject(annotations) ? annotations[LOWEST_TRAFFIC_ANNOTATION] : undefined;
  const rps = typeof raw === "string" ? Number(raw) : Number.NaN;
  return Number.isFinite(rps) && rps > 0 ? rps : undefined;
}

const window = (g: PageGuard): string => formatDuration(g.shortSeconds * 1000);

/** The finding for one page alert whose guard cannot be met in some of its pairs at `rps`. */
function unreachable(subject: Subject, alert: Readonly<Record<string, unknown>>, rps: number): Finding[] {
  const expr = alert["expr"];
  if (typeof expr !== "string") return [];
  const guards = pageGuards(expr);
  const dead = guards.filter((g) => !guardReachable(g, rps));
  if (dead.length === 0) return [];
  const slo = String(at(alert, `labels.${ALERT_LABELS.slo}`) ?? "");
  const largest = largestReachableGuard(guards, rps);
  const needs = [
    ...new Set(
      dead.map(
        (g) => `${g.minFailed} within ${window(g)} (at most ${+(rps * g.shortSeconds).toFixed(2)} requests arrive)`,
      ),
    ),
  ];
  const outcome =
    dead.length === guards.length
      ? "no page can ever fire at the quietest hour"
      : `the page pairs confirmed over ${dead.map(window).join(", ")} can never fire then, so a fast burn at night pages late or not at all`;
  return [
    {
      resource: subject.key,
      path: "spec.alerting.minFailedRequests",
      message: must(
        `The ${slo} page (${ALERT_NAMES.burn}) of ${describe(subject)}`,
        `need no more failed requests than arrive at the declared lowest traffic of ${rps} requests/s (spec.indicators.lowestRequestsPerSecond), got ${needs.join(", ")}`,
        `even when every request fails, ${outcome}`,
      ),
      fix:
        largest > 0
          ? `Set spec.alerting.minFailedRequests to at most ${largest} (the largest guard every page pair reaches at ${rps} requests/s), or lengthen the short window of the page pairs in spec.objectives.burnRates.`
          : `Set spec.alerting.minFailedRequests: 0 (turns the guard off): fewer than one request arrives within the shortest page window at ${rps} requests/s.`,
    },
  ];
}

/** The pages' low-traffic guard is reachable at the service's declared quietest traffic. */
export const pageGuardReachable = resourceRule("alerts", {
  name: "page-guard-reachable",
  fix: "Lower spec.alerting.minFailedRequests to the largest guard the message names (0 turns it off), or lengthen the short window of the page pairs in spec.objectives.burnRates.",
  anchor:
    "SRE workbook (alerting on SLOs, low-traffic services): a minimum-failures guard above what the quietest hour can produce silences the page exactly when few people are watching.",
  description:
    "When a service declares its lowest traffic, every page pair's minimum of failed requests within its short window can be reached at that traffic.",
  types: [KUBE.prometheusRule],
  config: z.object({}),
  check: (subject) => {
    const rps = lowestTraffic(subject);
    const rules = rps === undefined ? undefined : alertingRules(subject);
    if (rps === undefined || rules === undefined) return [];
    return rules
      .filter((r) => r["alert"] === ALERT_NAMES.burn && at(r, `labels.${ALERT_LABELS.severity}`) === SEVERITY.page)
      .flatMap((r) => unreachable(subject, r, rps));
  },
});

/** The alert rules about traffic. */
export const TRAFFIC_RULES = [pageGuardReachable];
