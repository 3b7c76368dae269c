/**
 * Cross-field rules for `spec.objectives`, `spec.indicators` and `spec.alerting`.
 * @see https://sre.google/workbook/alerting-on-slos/
 */

import { formatDuration, parseDuration } from "../../core/units.js";
import { DEFAULTS } from "../../core/defaults.js";
import { burnWindows, errorBudget, windowText, type BurnRatePair } from "../../core/windows.js";
import { quote } from "../../core/spec/errors.js";
import type { CheckContext, SpecCheck, SpecIssue } from "../../core/spec/checks.js";

const objectivesMeasured: SpecCheck = ({ input }) => {
  const { objectives, indicators } = input.spec;
  if (!indicators) {
    return [
      {
        path: ["spec", "indicators"],
        message: `must measure the objectives (availability ${objectives.availability}%${objectives.latency ? `, latency ${objectives.latency.percent}% under ${objectives.latency.threshold}` : ""}): set availability { errors, total }${objectives.latency ? " and latency" : ""} as PromQL with {{window}}, or none: { reason } to declare them unmeasured, because an objective nothing measures never alerts; got nothing`,
      },
    ];
  }
  if (indicators.none) return [];
  if (objectives.latency && !indicators.latency) {
    return [
      {
        path: ["spec", "indicators", "latency"],
        message: `must be set when objectives.latency is declared (${objectives.latency.percent}% under ${objectives.latency.threshold}), so the latency SLO can alert; got nothing`,
      },
    ];
  }
  if (!objectives.latency && indicators.latency) {
    return [
      {
        path: ["spec", "objectives", "latency"],
        message:
          "must be declared when indicators.latency is set (the indicator needs an objective to alert on), got nothing",
      },
    ];
  }
  return [];
};

const budgetHistoryRetained: SpecCheck = ({ service, stack }) => {
  const retention = stack?.prometheus.retention;
  if (!retention || !service.indicators) return [];
  const needed = service.objectives.windowMs + DEFAULTS.budgetHistoryMarginMs;
  const keptMs = parseDuration(retention) ?? 0;
  if (keptMs >= needed) return [];
  return [
    {
      path: ["spec", "objectives", "window"],
      message: `must fit in the Prometheus retention of stack ${stack.stack} (reliability:prometheus.retention ${retention}) with an hour to spare, because ErrorBudgetExhausted reads the whole window and would never fire; got ${formatDuration(service.objectives.windowMs)} (raise the retention to at least ${formatDuration(needed)} or shorten the window)`,
    },
  ];
};

const alertsRouted: SpecCheck = ({ service, stack }) => {
  if (!stack || service.alerting) return [];
  return [
    {
      path: ["spec", "alerting"],
      message: `must be set (page and ticket receivers and a runbook), or the stack ${stack.stack} must name reliability:prometheus.defaultReceivers, because alerts nobody routes go wherever the cluster's default route sends them; got nothing`,
    },
  ];
};

/** The burn-rate factor a total outage must reach to page, and the lowest objective at which it can. */
function pageReach(
  windowMs: number,
  pairs: readonly BurnRatePair[],
): { factor: number; minPercent: number } | undefined {
  const top = Math.max(
    ...burnWindows(windowMs, pairs)
      .filter((w) => w.severity === "page")
      .map((w) => w.factor),
  );
  if (!Number.isFinite(top)) return undefined;
  return { factor: top, minPercent: Math.ceil((100 - 100 / top) * 1000) / 1000 };
}

const outageCanPage: SpecCheck = ({ service }) => {
  if (!service.indicators) return [];
  const reach = pageReach(service.objectives.windowMs, service.sloAlerting.burnRates);
  if (!reach) return [];
  const objectives: { percent: number; path: (string | number)[] }[] = [
    { percent: service.objectives.availability, path: ["spec", "objectives", "availability"] },
  ];
  if (service.objectives.latency)
    objectives.push({
      percent: service.objectives.latency.percent,
      path: ["spec", "objectives", "latency", "percent"],
    });
  return objectives.flatMap(({ percent, path }): SpecIssue[] =>
    errorBudget(percent) * reach.factor < 1
      ? []
      : [
          {
            path,
            message: `must be at least ${reach.minPercent} so that a total outage (100% errors) exceeds the fastest page burn rate of ${reach.factor}× the error budget, got ${percent}`,
          },
        ],
  );
};

/**
 * The smallest error budget the alerts can measure, in milliseconds: one scrape at
 * prometheus-operator's default `scrapeInterval` (30 s). A budget smaller than one scrape of
 * total outage is spent before a single sample can show it, so neither a burn-rate alert nor
 * ErrorBudgetExhausted can see it being spent.
 */
export const MIN_MEASURABLE_BUDGET_MS = 30_000;

/** The highest objective whose budget over `windowMs` is still measurable, rounded down to 5 decimals. */
function measurableCeiling(windowMs: number): number {
  return Math.floor((100 - (100 * MIN_MEASURABLE_BUDGET_MS) / windowMs) * 100_000) / 100_000;
}

const budgetMeasurable: SpecCheck = ({ service, input }) => {
  const windowMs = service.objectives.windowMs;
  const ceiling = measurableCeiling(windowMs);
  const window = input.spec.objectives.window;
  const related = window === undefined ? [] : [["spec", "objectives", "window"]];
  const objectives: { percent: number; path: (string | number)[] }[] = [
    { percent: service.objectives.availability, path: ["spec", "objectives", "availability"] },
    ...(service.objectives.latency
      ? [{ percent: service.objectives.latency.percent, path: ["spec", "objectives", "latency", "percent"] }]
      : []),
  ];
  return objectives.flatMap(({ percent, path }): SpecIssue[] =>
    percent <= ceiling
      ? []
      : [
          {
            path,
            related,
            message: `must be at most ${ceiling} for a ${windowText(windowMs)} window${window === undefined ? " (the default)" : ""}, so the error budget is at least ${formatDuration(MIN_MEASURABLE_BUDGET_MS)} of total outage (one scrape at prometheus-operator's default interval; a smaller budget is spent before one sample shows it and no alert can measure it); got ${percent}`,
          },
        ],
  );
};

const recoveryWithinWindow: SpecCheck = ({ service, input }) => {
  const { rtoMs, windowMs } = service.objectives;
  if (rtoMs < windowMs || input.spec.objectives.rto === undefined) return [];
  return [
    {
      path: ["spec", "objectives", "rto"],
      related: input.spec.objectives.window === undefined ? [] : [["spec", "objectives", "window"]],
      message: `must be shorter than the SLO window (${windowText(windowMs)}), because an outage as long as the RTO would take down the whole window and no availability objective could hold; got ${input.spec.objectives.rto}`,
    },
  ];
};

const receiversKnownToStack: SpecCheck = ({ service, stack }) => {
  if (!stack || service.alerting?.from !== "spec") return [];
  const known = Object.keys(stack.prometheus.receivers ?? {});
  const used: [string, string][] = [
    ["page", service.alerting.pageReceiver],
    ["ticket", service.alerting.ticketReceiver],
  ];
  return used.flatMap(([field, name]): SpecIssue[] =>
    known.includes(name)
      ? []
      : [
          {
            path: ["spec", "alerting", field, "receiver"],
            message: `must be a receiver the stack ${stack.stack} configures under reliability:prometheus.receivers (${known.length > 0 ? known.join(", ") : "none configured"}), because an AlertmanagerConfig may only route to receivers it defines itself; got ${quote(name)}`,
          },
        ],
  );
};

/** Every alerting check. */
export const alertChecks: readonly SpecCheck[] = [
  objectivesMeasured,
  outageCanPage,
  budgetMeasurable,
  recoveryWithinWindow,
  budgetHistoryRetained,
  alertsRouted,
  receiversKnownToStack,
];

export type { CheckContext };
