/**
 * Where a service's CloudWatch alarms live and whom they notify: what the notification planner
 * plans topics for and the AWS checks validate.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html
 */

import { ROUTE53_REGION } from "../../core/aws/route53.js";
import type { PathSegment } from "../../core/spec/positions.js";
import type { ResolvedService } from "../../core/spec/service.js";
import type { StackConfig } from "../../core/stack/config.js";

/** The stack's topics for a region, when it names any. */
export function stackAlarmTopics(stack: StackConfig, region: string): readonly string[] | undefined {
  const topics = stack.alarms?.topics?.[region];
  return topics && topics.length > 0 ? topics : undefined;
}

/** A region where a service has CloudWatch alarms, and the spec field that puts them there. */
export interface AlarmRegion {
  /** AWS region of the alarms. */
  readonly region: string;
  /** Spec field whose alarms live there. */
  readonly path: readonly PathSegment[];
}

/**
 * Where the failover planners put a service's CloudWatch alarms: Route 53 health-check alarms in
 * us-east-1, replication-lag alarms in each database secondary region.
 */
export function alarmRegions(service: ResolvedService): AlarmRegion[] {
  const out: AlarmRegion[] = service.dns ? [{ region: ROUTE53_REGION, path: ["spec", "dns"] }] : [];
  (service.database?.secondaryRegions ?? []).forEach((region, i) => {
    if (!out.some((r) => r.region === region)) out.push({ region, path: ["spec", "database", "secondaryRegions", i] });
  });
  return out;
}
