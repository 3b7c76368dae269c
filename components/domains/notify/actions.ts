/**
 * Where a CloudWatch alarm notifies: the SNS topics the stack names for the alarm's region
 * (`reliability:alarms.topics.<region>`), else the topic planned for the service in that region.
 * CloudWatch only notifies topics of the alarm's own region.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html
 */

import type { ResolvedService } from "../../core/spec/service.js";
import { stackAlarmTopics } from "./settings.js";
import type { StackConfig } from "../../core/stack/config.js";
import { ALARM_NOTIFY_KINDS, resourceKey } from "../../core/conventions.js";
import type { PropValue, Ref } from "../../core/plan/types.js";

/** The ARN of the alarm topic planned for a service in a region. */
export function plannedAlarmTopic(service: string, region: string): Ref {
  return { ref: resourceKey(service, region, ALARM_NOTIFY_KINDS.topic), attr: "arn" };
}

/**
 * The action inputs of an alarm in `region`: `alarmActions` and `okActions` always (the on-call hears
 * when it fires and when it clears), `insufficientDataActions` when missing data means the alarm can no
 * longer tell (its metric stopped).
 */
export function alarmNotifications(
  service: ResolvedService,
  stack: StackConfig,
  region: string,
  onInsufficientData: boolean,
): Record<string, PropValue> {
  const actions: PropValue[] = [...(stackAlarmTopics(stack, region) ?? [plannedAlarmTopic(service.name, region)])];
  return {
    alarmActions: actions,
    okActions: actions,
    ...(onInsufficientData ? { insufficientDataActions: actions } : {}),
  };
}
