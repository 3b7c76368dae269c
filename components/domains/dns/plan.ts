/**
 * The DNS planner: `spec.dns` → per region a Route 53 health check on the region's ingress, a failover
 * or latency record that uses it, and a CloudWatch alarm on its status. Pure.
 * @see https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-configuring.html
 */

import { FAILOVER_DEFAULTS } from "../../core/defaults.js";
import type { ResolvedService } from "../../core/spec/service.js";
import type { StackConfig } from "../../core/stack/config.js";
import { CLOUDWATCH_ALARMS, dnsSetIdentifier } from "../../core/conventions.js";
import { ROUTE53_REGION } from "../../core/aws/route53.js";
import { awsResource, ref } from "../../core/plan/aws.js";
import type { DomainPlanner } from "../../core/module.js";
import { alarmNotifications } from "../notify/actions.js";
import type { PlannedResource } from "../../core/plan/types.js";
import { dnsSettings, type DnsSettings, type DnsTarget } from "./settings.js";
import type { DnsSummary } from "./types.js";

const ORIGIN = "spec.dns";

export const dnsPlanner: DomainPlanner = (service, stack) => {
  const dns = dnsSettings(service, stack);
  if (!dns) return { resources: [] };
  const resources = dns.targets.flatMap((target, i) => {
    const check = healthCheck(service, dns, target);
    return [check, record(service, dns, target, check, i === 0), alarm(service, stack, target.region, check)];
  });
  return { resources, analysis: { dns: summarizeDns(dns) } };
};

/** @see https://www.pulumi.com/registry/packages/aws/api-docs/route53/healthcheck/ */
function healthCheck(service: ResolvedService, dns: DnsSettings, target: DnsTarget): PlannedResource {
  const hc = dns.healthCheck;
  return awsResource(
    service,
    {
      region: ROUTE53_REGION,
      kind: "HealthCheck",
      type: "aws:route53/healthCheck:HealthCheck",
      suffix: target.region,
      origin: ORIGIN,
      servesRegion: target.region,
    },
    {
      type: hc.protocol,
      fqdn: target.hostname,
      port: hc.port,
      ...(hc.path ? { resourcePath: hc.path } : {}),
      ...(hc.protocol === "HTTPS" ? { enableSni: true } : {}),
      requestInterval: hc.intervalSeconds,
      failureThreshold: hc.failureThreshold,
      measureLatency: hc.measureLatency,
      ...(hc.regions ? { regions: hc.regions } : {}),
    },
  );
}

/** @see https://www.pulumi.com/registry/packages/aws/api-docs/route53/record/ */
function record(
  service: ResolvedService,
  dns: DnsSettings,
  target: DnsTarget,
  check: PlannedResource,
  primary: boolean,
): PlannedResource {
  const routing =
    dns.routing === "failover"
      ? { failoverRoutingPolicies: [{ type: primary ? "PRIMARY" : "SECONDARY" }] }
      : { latencyRoutingPolicies: [{ region: target.region }] };
  const answer =
    target.kind === "alias"
      ? { type: "A", aliases: [{ name: target.dnsName, zoneId: target.hostedZoneId, evaluateTargetHealth: true }] }
      : { type: "CNAME", ttl: dns.ttlSeconds, records: [target.hostname] };
  return awsResource(
    service,
    {
      region: ROUTE53_REGION,
      kind: "Record",
      type: "aws:route53/record:Record",
      suffix: target.region,
      origin: ORIGIN,
      servesRegion: target.region,
    },
    {
      zoneId: dns.zoneId,
      name: dns.name,
      setIdentifier: dnsSetIdentifier(service.name, target.region),
      healthCheckId: ref(check, "id"),
      ...routing,
      ...answer,
    },
    false,
  );
}

/**
 * Alarm when Route 53 reports a region's endpoint unhealthy (`HealthCheckStatus` is 1 healthy, 0 unhealthy).
 * @see https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-check-status.html
 */
function alarm(service: ResolvedService, stack: StackConfig, region: string, check: PlannedResource): PlannedResource {
  return awsResource(
    service,
    {
      region: ROUTE53_REGION,
      kind: "HealthCheckAlarm",
      type: "aws:cloudwatch/metricAlarm:MetricAlarm",
      suffix: region,
      origin: ORIGIN,
      servesRegion: region,
    },
    {
      name: CLOUDWATCH_ALARMS.healthCheck(service.name, service.environment, region),
      alarmDescription: `${service.name}: Route 53 health check of ${region} reports the endpoint unhealthy; DNS routes around it`,
      namespace: "AWS/Route53",
      metricName: "HealthCheckStatus",
      dimensions: { HealthCheckId: ref(check, "id") },
      statistic: "Minimum",
      period: FAILOVER_DEFAULTS.alarmPeriodSeconds,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: "LessThanThreshold",
      treatMissingData: "breaching",
      ...alarmNotifications(service, stack, ROUTE53_REGION, false),
    },
  );
}

/** DNS facts for `plan.json`, the budget and the policies. */
export function summarizeDns(dns: DnsSettings): DnsSummary {
  return {
    name: dns.name,
    zoneId: dns.zoneId,
    routing: dns.routing,
    primaryRegion: dns.primaryRegion,
    ttlSeconds: dns.ttlSeconds,
    effectiveTtlSeconds: dns.effectiveTtlSeconds,
    clientCacheSeconds: dns.clientCacheSeconds,
    healthCheck: dns.healthCheck,
    targets: dns.targets.map((t, i) => ({
      region: t.region,
      role: dns.routing === "failover" ? (i === 0 ? "PRIMARY" : "SECONDARY") : "LATENCY",
      record: t.kind === "alias" ? "alias" : "cname",
      target: t.kind === "alias" ? t.dnsName : t.hostname,
    })),
  };
}

export { dnsSettings, type DnsSettings } from "./settings.js";
export type { DnsSummary } from "./types.js";
