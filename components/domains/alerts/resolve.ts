/**
 * Resolution of `spec.objectives`, `spec.indicators` and `spec.alerting`: tier defaults, durations
 * in milliseconds, and the stack's default receivers for a spec without `alerting`. Pure.
 */

import { DEFAULTS, TIER_DEFAULTS, type TierDefaults } from "../../core/defaults.js";
import type { ResolveContext } from "../../core/module.js";
import { parseDuration } from "../../core/units.js";
import type { ResolvedSections, ServiceInput } from "../../core/spec/service.js";
import type { ResolvedAlerting, ResolvedIndicators, ResolvedObjectives } from "./resolved.js";
import type { AlertingInput, IndicatorsInput, ObjectivesInput } from "./schema.js";

/** The receivers of a service whose spec has no `alerting` (the stack's `prometheus.defaultReceivers`). */
type DefaultReceivers = { readonly page: string; readonly ticket: string; readonly runbook?: string } | undefined;

/** The alerts domain's resolved sections. */
export function resolveAlertSections(
  input: ServiceInput,
  context: ResolveContext,
): Pick<ResolvedSections, "objectives" | "indicators" | "unmeasuredReason" | "alerting" | "sloAlerting"> {
  const { spec } = input;
  const tier = TIER_DEFAULTS[context.base.tier];
  return {
    objectives: resolveObjectives(spec.objectives, tier),
    ...resolveIndicators(spec.indicators),
    ...resolveAlerting(spec.alerting, defaultReceivers(context), tier),
    sloAlerting: {
      minFailedRequests: spec.alerting?.minFailedRequests ?? DEFAULTS.minFailedRequests,
      missingMetrics: tier.missingMetrics,
      burnRates: spec.objectives.burnRates ?? DEFAULTS.burnRateAlerts,
    },
  };
}

function defaultReceivers(context: ResolveContext): DefaultReceivers {
  const d =
    context.stack?.environment === context.base.environment ? context.stack.prometheus.defaultReceivers : undefined;
  return d ? { page: d.page, ticket: d.ticket, ...(d.runbook ? { runbook: d.runbook } : {}) } : undefined;
}

function resolveObjectives(o: ObjectivesInput, tier: TierDefaults): ResolvedObjectives {
  const ms = (text: string | undefined, fallback: number): number =>
    text === undefined ? fallback : (parseDuration(text) ?? fallback);
  return {
    availability: o.availability,
    ...(o.latency ? { latency: { thresholdMs: ms(o.latency.threshold, 0), percent: o.latency.percent } } : {}),
    windowMs: ms(o.window ?? DEFAULTS.window, 0),
    rtoMs: ms(o.rto, tier.rtoMs),
    rpoMs: ms(o.rpo, tier.rpoMs),
    declared: { rto: o.rto !== undefined, rpo: o.rpo !== undefined },
  };
}

function resolveIndicators(i: IndicatorsInput | undefined): {
  indicators?: ResolvedIndicators;
  unmeasuredReason?: string;
} {
  if (i?.none) return { unmeasuredReason: i.none.reason };
  if (!i?.availability) return {};
  const l = i.latency;
  const latency = l
    ? {
        latency: {
          total: l.total,
          ...(l.errors === undefined ? {} : { errors: l.errors }),
          ...(l.good === undefined ? {} : { good: l.good }),
        },
      }
    : {};
  const lowest = i.lowestRequestsPerSecond === undefined ? {} : { lowestRequestsPerSecond: i.lowestRequestsPerSecond };
  return { indicators: { availability: i.availability, ...latency, ...lowest } };
}

function resolveAlerting(
  a: AlertingInput | undefined,
  fallback: DefaultReceivers,
  tier: TierDefaults,
): { alerting?: ResolvedAlerting } {
  const receivers = a ? { page: a.page.receiver, ticket: a.ticket.receiver, runbook: a.runbook } : fallback;
  if (!receivers) return {};
  return {
    alerting: {
      pageReceiver: receivers.page,
      ticketReceiver: receivers.ticket,
      ...(receivers.runbook ? { runbook: receivers.runbook } : {}),
      groupWait: a?.groupWait ?? DEFAULTS.groupWait,
      repeatInterval: a?.repeatInterval ?? tier.repeatInterval,
      from: a ? "spec" : "stack",
    },
  };
}
