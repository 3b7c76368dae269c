/**
 * Runs catalogue scenarios through a rule set and reduces each timeline to what the scenario
 * measures. Minutes in an outcome are relative: to the errors' start, or (reset) to their end.
 */

import { declaredSlos, type Slo } from "../../../components/domains/alerts/slo.js";
import type { ResolvedService } from "../../../components/core/spec/service.js";
import { planExamples } from "../../support/project.js";
import { plannedRules } from "./promtool.js";
import { isAlertingRule, type RuleGroup } from "../../../components/domains/alerts/types.js";
import { formatDuration } from "../../../components/core/units.js";
import { scenarioSeries, type Scenario } from "./catalogue.js";
import { firstMatch, firstPage, firstTicket, isFiring, named, pageEpisodes, pageReset } from "./measures.js";
import { alertNames, type AlertFilter } from "./rulesets.js";
import { alertTimeline, type Timeline } from "./timeline.js";

/** The first alert that fired, relative to the scenario start. */
export interface FirstAlert {
  /** Minutes after the start. */
  readonly after: number;
  /** Alert name. */
  readonly alertname: string;
  /** Its `severity` label (empty when it has none). */
  readonly severity: string;
}

/** What one rule set did in one scenario. */
export interface ScenarioOutcome {
  /** The scenario. */
  readonly scenario: Scenario;
  /** Why it was not run (the rule set has none of the alerts the scenario measures). */
  readonly skipped?: string;
  /** Minutes from the start to the first page. */
  readonly page?: number;
  /** Minutes from the start to the first ticket. */
  readonly ticket?: number;
  /** Minutes from the errors' end to the first minute without a page (after one fired). */
  readonly reset?: number;
  /** Separate page episodes from the start to the last minute. */
  readonly episodes?: number;
  /** The first alert of any kind at or after the start. */
  readonly firstAlert?: FirstAlert;
  /** Minutes from the start to the first firing of a budget-exhausted alert. */
  readonly exhausted?: number;
  /** The timeline it was measured on. */
  readonly timeline?: Timeline;
}

/** Reduces a timeline to a scenario's measures. */
export function measure(scenario: Scenario, t: Timeline): ScenarioOutcome {
  const { start, end } = scenario;
  const rel = (m: number | undefined, from = start): number | undefined => (m === undefined ? undefined : m - from);
  const first = firstMatch(t, isFiring, start);
  const exhausted = (scenario.alerts ?? [])
    .map((a) => firstMatch(t, named(a), start)?.minute)
    .filter((m): m is number => m !== undefined);
  return {
    scenario,
    ...opt("page", rel(firstPage(t, start))),
    ...opt("ticket", rel(firstTicket(t, start))),
    ...opt("reset", rel(pageReset(t, end, start), end)),
    episodes: pageEpisodes(t, start),
    ...(first
      ? {
          firstAlert: {
            after: first.minute - start,
            alertname: first.alert.alertname,
            severity: first.alert.labels.severity ?? "",
          },
        }
      : {}),
    ...opt("exhausted", exhausted.length > 0 ? Math.min(...exhausted) - start : undefined),
    timeline: t,
  };
}

function opt<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

/** The alerts a scenario evaluates: by name and by severity, when it says. */
export function scenarioFilter(scenario: Scenario): AlertFilter {
  const { alerts, severities } = scenario;
  return (rule) =>
    (!alerts || alerts.includes(rule.alert)) && (!severities || severities.includes(rule.labels.severity ?? ""));
}

/** Runs one scenario of an SLO through a rule set (with `cacheDir`, reusing timelines computed before). */
export async function runScenario(
  groups: readonly RuleGroup[],
  slo: Slo,
  scenario: Scenario,
  cacheDir?: string,
): Promise<ScenarioOutcome> {
  if (scenario.alerts) {
    const present = alertNames(groups);
    if (!scenario.alerts.some((a) => present.has(a)))
      return { scenario, skipped: `no ${scenario.alerts.join("/")} alert` };
  }
  const t = await alertTimeline({
    groups,
    series: scenarioSeries(slo, scenario),
    minutes: scenario.minutes,
    from: Math.max(0, scenario.start - scenario.evaluationMinutes),
    evaluationMinutes: scenario.evaluationMinutes,
    ...(scenario.sampleEveryMinutes ? { sampleEveryMinutes: scenario.sampleEveryMinutes } : {}),
    ...(scenario.sampledAlerts ? { sampledAlerts: true } : {}),
    keep: scenarioFilter(scenario),
    ...(cacheDir ? { cacheDir } : {}),
  });
  return measure(scenario, t);
}

/**
 * The rules of one SLO out of a service's rule groups: the alerts labelled `slo="<kind>"` and the
 * recordings not labelled for another SLO (workload and database alerts are left out: their
 * metrics are not part of the scenarios).
 */
export function sloGroups(groups: readonly RuleGroup[], kind: string): RuleGroup[] {
  return groups
    .map((g) => ({
      ...g,
      rules: g.rules.filter((r) =>
        isAlertingRule(r) ? r.labels.slo === kind : r.labels.slo === undefined || r.labels.slo === kind,
      ),
    }))
    .filter((g) => g.rules.some(isAlertingRule));
}

/** Runs async jobs with at most `limit` at a time, keeping their order. */
export async function limited<T>(jobs: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < jobs.length; i = next++) results[i] = await (jobs[i] as () => Promise<T>)();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, jobs.length)) }, worker));
  return results;
}

/** A duration in minutes as people read it (`+4m`, `+1h2m`, `+1d18h`). */
export function minutesText(minutes: number): string {
  return minutes === 0 ? "+0m" : `+${formatDuration(minutes * 60_000)}`;
}

/** ` (hourly samples)` when the alert conditions were only queried every so often. */
function sampledNote(o: ScenarioOutcome): string {
  const every = o.scenario.sampleEveryMinutes;
  return o.scenario.sampledAlerts && every ? ` (sampled every ${formatDuration(every * 60_000)})` : "";
}

/** One table cell: the scenario's measures for a rule set. */
export function outcomeText(o: ScenarioOutcome): string {
  if (o.skipped) return `n/a (${o.skipped})`;
  const never = (v: number | undefined): string => (v === undefined ? "never" : minutesText(v));
  const parts = o.scenario.measures.map((m): string => {
    switch (m) {
      case "page":
        return `page ${never(o.page)}`;
      case "ticket":
        return `ticket ${never(o.ticket)}`;
      case "reset":
        return `page resets ${o.reset === undefined ? "never" : `${minutesText(o.reset)} after stop`}`;
      case "episodes":
        return `${o.episodes ?? 0} page episode${o.episodes === 1 ? "" : "s"}`;
      case "firstAlert":
        return o.firstAlert
          ? `${o.firstAlert.alertname} (${o.firstAlert.severity || "no severity"}) ${minutesText(o.firstAlert.after)}`
          : "no alert";
      case "exhausted":
        return o.exhausted === undefined ? "silent" : `fires ${minutesText(o.exhausted)}${sampledNote(o)}`;
    }
  });
  return parts.join(", ");
}

/** One SLO of an example service, with our rules for it (from the service's first region). */
export interface ServiceSlo {
  /** The resolved service. */
  readonly service: ResolvedService;
  /** The SLO. */
  readonly slo: Slo;
  /** Our rule groups for that SLO alone. */
  readonly ours: readonly RuleGroup[];
}

/** Every SLO of the example services as planned for `stack`. */
export function exampleSlos(stack: string): ServiceSlo[] {
  const { plan, services } = planExamples(stack);
  const rules = plannedRules(plan);
  return services.flatMap((service) => {
    const groups = rules.find((r) => r.service === service.name && r.region === service.regions[0])?.groups ?? [];
    return declaredSlos(service).map((slo) => ({ service, slo, ours: sloGroups(groups, slo.kind) }));
  });
}
