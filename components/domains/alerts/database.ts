/**
 * Replication and failover alerts from `spec.database` and `spec.dns`, on CloudWatch metrics as a
 * YACE-style exporter names them, matched to the service by the AWS tags in `AWS_TAGS`.
 * Thresholds come from `objectives.rpo` and `objectives.rto`.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.AuroraMonitoring.Metrics.html
 * @see https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-check-status.html
 */

import { DEFAULTS } from "../../core/defaults.js";
import type { ResolvedService } from "../../core/spec/service.js";
import { formatDuration } from "../../core/units.js";
import {
  ALERT_LABELS,
  ALERT_NAMES,
  AWS_TAGS,
  CLOUDWATCH_METRICS,
  cloudWatchTagLabel,
  DETAIL_LABELS,
  SEVERITY,
} from "../../core/conventions.js";
import { annotations } from "./slo.js";
import type { AlertingRule } from "./types.js";

const serviceMatcher = (service: ResolvedService): string =>
  `${cloudWatchTagLabel(AWS_TAGS.service)}="${service.name}"`;

/** The region whose Prometheus evaluates the alerts about `target`: the target itself when the service runs there. */
function evaluatedIn(service: ResolvedService, target: string): string {
  return service.regions.includes(target) ? target : (service.regions[0] ?? target);
}

/** Replication alerts of every secondary region, keyed by the region whose Prometheus evaluates them. */
export function replicationRules(
  service: ResolvedService,
  base: (region: string) => Record<string, string>,
): Map<string, AlertingRule[]> {
  const db = service.database;
  const out = new Map<string, AlertingRule[]>();
  if (!db) return out;
  const aurora = db.engine.startsWith("aurora-");
  const metric = aurora ? CLOUDWATCH_METRICS.auroraGlobalLag : CLOUDWATCH_METRICS.replicaLag;
  const rpoMs = service.objectives.rpoMs;
  const limit = aurora ? rpoMs / 2 : rpoMs / 2000;
  const unit = aurora ? "ms" : "s";
  const silence = formatDuration(Math.max(DEFAULTS.replicationSilenceMs, service.objectives.rtoMs));
  const severity = service.tier === "critical" ? SEVERITY.page : SEVERITY.ticket;
  for (const replica of db.secondaryRegions ?? []) {
    const region = evaluatedIn(service, replica);
    const series = `${metric}{${serviceMatcher(service)},region="${replica}"}`;
    const labels = { ...base(region), [DETAIL_LABELS.replicaRegion]: replica };
    const rules: AlertingRule[] = [
      {
        alert: ALERT_NAMES.replicationLag,
        expr: `${series} > ${limit}`,
        for: formatDuration(Math.max(60_000, service.objectives.rtoMs / 5)),
        labels: { ...labels, [ALERT_LABELS.severity]: severity },
        annotations: annotations(service, ALERT_NAMES.replicationLag, {
          summary: `${service.name}'s database replica in ${replica} lags by more than half its RPO`,
          description: `Replication to ${replica} lags {{ $value | humanize }}${unit}; the objective allows ${formatDuration(rpoMs)} of data loss, so a failover now would lose more than half of it.`,
        }),
      },
      {
        alert: ALERT_NAMES.replicaNotReplicating,
        expr: aurora
          ? `absent_over_time(${series}[${silence}])`
          : `absent_over_time(${series}[${silence}]) or ${series} < 0`,
        labels: { ...labels, [ALERT_LABELS.severity]: severity },
        annotations: annotations(service, ALERT_NAMES.replicaNotReplicating, {
          summary: `${service.name}'s database replica in ${replica} is not replicating`,
          description: `No replication lag was reported for ${replica} in ${silence} (or the replica reports replication stopped); a failover to it would lose every write since.`,
        }),
      },
    ];
    out.set(region, [...(out.get(region) ?? []), ...rules]);
  }
  return out;
}

/**
 * Health-check alerts: each region's Route 53 health check is watched from the service's other
 * regions (a region that is down cannot report itself), or from itself when it is the only one.
 */
export function healthCheckRules(
  service: ResolvedService,
  base: (region: string) => Record<string, string>,
): Map<string, AlertingRule[]> {
  const out = new Map<string, AlertingRule[]>();
  if (!service.dns) return out;
  const hc = service.dns.healthCheck;
  const detection = hc.intervalSeconds * hc.failureThreshold;
  for (const endpoint of service.regions) {
    const watchers = service.regions.length > 1 ? service.regions.filter((r) => r !== endpoint) : [endpoint];
    for (const region of watchers) {
      const rule: AlertingRule = {
        alert: ALERT_NAMES.healthCheckFailing,
        expr: `${CLOUDWATCH_METRICS.healthCheckStatus}{${serviceMatcher(service)},${cloudWatchTagLabel(AWS_TAGS.region)}="${endpoint}"} < 1`,
        for: formatDuration(detection * 1000),
        labels: { ...base(region), [DETAIL_LABELS.endpointRegion]: endpoint, [ALERT_LABELS.severity]: SEVERITY.page },
        annotations: annotations(service, ALERT_NAMES.healthCheckFailing, {
          summary: `${service.name} fails its Route 53 health check in ${endpoint}`,
          description: `Route 53 considers ${service.dns.name} in ${endpoint} unhealthy and routes traffic away; the objective allows ${formatDuration(service.objectives.rtoMs)} to recover.`,
        }),
      };
      out.set(region, [...(out.get(region) ?? []), rule]);
    }
  }
  return out;
}
