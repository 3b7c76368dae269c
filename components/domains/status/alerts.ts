/**
 * The endpoint alerts of a service, on the blackbox exporter's metrics from every probing region:
 * EndpointDown (failing from at least the quorum of regions), EndpointDegraded (failing from fewer),
 * EndpointSlow and EndpointCertificateExpiring. Down fires at the failure threshold's check (`for` =
 * interval × (threshold − 1)), degraded one interval later, and both resolve at the success
 * threshold's (`keep_firing_for` = interval × (threshold − 1)); all but the certificate alert are
 * silent while a maintenance window is open. Pure.
 * @see https://prometheus.io/docs/prometheus/2.42/configuration/alerting_rules/
 */

import {
  ALERT_LABELS,
  ALERT_NAMES,
  BLACKBOX_METRICS,
  DETAIL_LABELS,
  STATUS_NAMES,
  SEVERITY,
} from "../../core/conventions.js";
import type { ResolvedService } from "../../core/spec/service.js";
import { formatDuration } from "../../core/units.js";
import { annotations } from "../alerts/slo.js";
import type { AlertingRule, RecordingRule } from "../alerts/types.js";
import { maintenanceExpr } from "./maintenance.js";
import type { ResolvedEndpoint, ResolvedStatus } from "./resolved.js";

/** An alerting rule that may keep firing after its condition clears (Prometheus ≥ 2.42). */
export interface EndpointAlert extends AlertingRule {
  /** How long the alert keeps firing after its condition stopped holding. */
  readonly keep_firing_for?: string;
}

/** The rule group of a service's endpoint alerts, as `PrometheusRule.spec.groups[]` holds it. */
export interface EndpointRuleGroup {
  /** Group name. */
  readonly name: string;
  /** The maintenance recording rule (when the service has windows), then the alerts. */
  readonly rules: readonly (RecordingRule | EndpointAlert)[];
}

/** Who probes and how many must agree: the probing regions and the quorum EndpointDown needs. */
export interface Vantage {
  /** Regions whose blackbox exporters probe each endpoint. */
  readonly regions: readonly string[];
  /** Failing regions that make an endpoint down (at most `regions.length`). */
  readonly quorum: number;
}

const checks = (n: number): string => `${n} consecutive check${n === 1 ? "" : "s"}`;

/** The endpoint rule group a region's Prometheus evaluates. */
export function endpointRules(
  service: ResolvedService,
  status: ResolvedStatus,
  vantage: Vantage,
  region: string,
): EndpointRuleGroup {
  const guard = maintenanceExpr(status.maintenance, status.timezone);
  const base = {
    [ALERT_LABELS.service]: service.name,
    [ALERT_LABELS.namespace]: service.namespace,
    [ALERT_LABELS.team]: service.team,
    [ALERT_LABELS.region]: region,
  };
  const silenced = (expr: string): string =>
    guard === undefined
      ? expr
      : `(${expr})\nunless on() ${STATUS_NAMES.maintenanceRecord}{${ALERT_LABELS.service}="${service.name}"}`;
  const record: RecordingRule[] =
    guard === undefined
      ? []
      : [{ record: STATUS_NAMES.maintenanceRecord, expr: guard, labels: { [ALERT_LABELS.service]: service.name } }];
  const alerts = status.endpoints.flatMap((e) => {
    const selector = `{${ALERT_LABELS.namespace}="${service.namespace}",${ALERT_LABELS.service}="${service.name}",${DETAIL_LABELS.endpoint}="${e.name}"}`;
    const labels = (severity: string) => ({
      ...base,
      [ALERT_LABELS.severity]: severity,
      [DETAIL_LABELS.component]: e.component,
    });
    return endpointAlerts({ service, status, vantage, e, selector, labels }).map((a) =>
      a.alert === ALERT_NAMES.certificateExpiring ? a : { ...a, expr: silenced(a.expr) },
    );
  });
  return { name: STATUS_NAMES.rules(service.name), rules: [...record, ...alerts] };
}

/**
 * Timing of the availability alerts: fire at the failure threshold's check (`wait` checks later:
 * EndpointDegraded waits one interval more, in which every region checks at least once, so an outage
 * all regions see becomes EndpointDown first) and resolve at the success threshold's.
 */
function timing(status: ResolvedStatus, wait = 0): Pick<EndpointAlert, "for" | "keep_firing_for"> {
  const forMs = status.intervalMs * (status.failureThreshold - 1 + wait);
  const keepMs = status.intervalMs * (status.successThreshold - 1);
  return {
    ...(forMs > 0 ? { for: formatDuration(forMs) } : {}),
    ...(keepMs > 0 ? { keep_firing_for: formatDuration(keepMs) } : {}),
  };
}

/** What the alerts of one endpoint share. */
interface Endpoint {
  readonly service: ResolvedService;
  readonly status: ResolvedStatus;
  readonly vantage: Vantage;
  readonly e: ResolvedEndpoint;
  /** The endpoint's series: `{namespace, service, endpoint}`. */
  readonly selector: string;
  /** The alert labels at a severity. */
  readonly labels: (severity: string) => Record<string, string>;
}

function endpointAlerts(at: Endpoint): EndpointAlert[] {
  return [
    downAlert(at),
    ...(at.vantage.quorum > 1 ? [degradedAlert(at)] : []),
    ...(at.e.latencyMs === undefined ? [] : [slowAlert(at)]),
    ...(at.e.tls ? [certificateAlert(at)] : []),
  ];
}

const failing = (at: Endpoint): string => `${BLACKBOX_METRICS.success}${at.selector} == 0`;
const failingQuorum = (at: Endpoint): string =>
  `count by (${DETAIL_LABELS.endpoint}) (${failing(at)}) >= ${at.vantage.quorum}`;
const regions = (v: Vantage): string =>
  `${v.regions.length} region${v.regions.length === 1 ? "" : "s"} (${v.regions.join(", ")})`;

/** EndpointDown: failing from at least the quorum of probing regions. */
function downAlert(at: Endpoint): EndpointAlert {
  const { service, status, vantage, e } = at;
  return {
    alert: ALERT_NAMES.endpointDown,
    expr: failingQuorum(at),
    ...timing(status),
    labels: at.labels(SEVERITY[status.downSeverity]),
    annotations: annotations(service, ALERT_NAMES.endpointDown, {
      summary: `${e.component} is down: ${e.url} fails from {{ $value }} of ${regions(vantage)}`,
      description: `${e.url} (endpoint ${e.name} of ${service.name}) failed ${checks(status.failureThreshold)} from at least ${vantage.quorum} of the ${regions(vantage)} that probe it; it is up again after ${checks(status.successThreshold)} pass.`,
    }),
  };
}

/** EndpointDegraded: failing from some regions, fewer than the quorum, one alert per failing region. */
function degradedAlert(at: Endpoint): EndpointAlert {
  const { service, status, vantage, e } = at;
  const where = `{{ $labels.${DETAIL_LABELS.probeRegion} }}`;
  return {
    alert: ALERT_NAMES.endpointDegraded,
    expr: `max by (${DETAIL_LABELS.endpoint}, ${DETAIL_LABELS.probeRegion}) (${failing(at)})\nunless on(${DETAIL_LABELS.endpoint}) (${failingQuorum(at)})`,
    ...timing(status, 1),
    labels: at.labels(SEVERITY.ticket),
    annotations: annotations(service, ALERT_NAMES.endpointDegraded, {
      summary: `${e.component} is degraded: ${e.url} fails from ${where}`,
      description: `${e.url} (endpoint ${e.name} of ${service.name}) failed ${checks(status.failureThreshold + 1)} from ${where} while fewer than ${vantage.quorum} regions saw it fail: a regional network, DNS or routing problem, not an outage.`,
    }),
  };
}

/** EndpointSlow: every passing check from a region over `slowChecks` intervals took longer than the latency bound. */
function slowAlert(at: Endpoint): EndpointAlert {
  const { service, status, e, selector } = at;
  const bound = e.latencyMs ?? 0;
  const window = formatDuration(status.intervalMs * status.slowChecks);
  const where = `{{ $labels.${DETAIL_LABELS.probeRegion} }}`;
  return {
    alert: ALERT_NAMES.endpointSlow,
    expr: `max by (${DETAIL_LABELS.endpoint}, ${DETAIL_LABELS.probeRegion}) (${BLACKBOX_METRICS.duration}${selector} > ${bound / 1000} and ${BLACKBOX_METRICS.success}${selector} == 1)`,
    for: window,
    labels: at.labels(SEVERITY.ticket),
    annotations: annotations(service, ALERT_NAMES.endpointSlow, {
      summary: `${e.component} is slow from ${where}: checks of ${e.url} take {{ $value | humanizeDuration }}`,
      description: `Every passing check of ${e.url} (endpoint ${e.name} of ${service.name}) from ${where} for ${window} took longer than ${formatDuration(bound)}, the endpoint's latency bound.`,
    }),
  };
}

/** EndpointCertificateExpiring: the earliest certificate of the endpoint's chain expires within the warning days. */
function certificateAlert(at: Endpoint): EndpointAlert {
  const { service, status, e, selector } = at;
  return {
    alert: ALERT_NAMES.certificateExpiring,
    expr: `min by (${DETAIL_LABELS.endpoint}) (${BLACKBOX_METRICS.certificateExpiry}${selector}) - time() < ${status.certificateExpiryDays * 86_400}`,
    labels: at.labels(SEVERITY.ticket),
    annotations: annotations(service, ALERT_NAMES.certificateExpiring, {
      summary: `The TLS certificate of ${e.url} expires in {{ $value | humanizeDuration }}`,
      description: `A certificate of the chain ${e.url} (endpoint ${e.name} of ${service.name}) serves expires in {{ $value | humanizeDuration }}, within ${status.certificateExpiryDays} days; renew it before clients refuse the connection.`,
    }),
  };
}
