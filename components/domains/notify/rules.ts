/**
 * Alarms reach a person: in production every CloudWatch alarm notifies when it fires and when it
 * clears, and every SNS topic the plan creates for alarms has a subscriber.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html
 */

import { z } from "zod";
import { isRef } from "../../core/plan/types.js";
import { describe, must, ofType, serviceRule } from "../../core/policy/framework.js";
import { AWS_TYPES } from "../../core/policy/aws-constraint.js";
import type { Finding, ServiceSubject, Subject } from "../../core/policy/types.js";
import { isUnknown } from "../../core/policy/values.js";

/** The actions of one state: a non-empty list, unknown (cannot judge), or missing. */
function hasActions(value: unknown): boolean | undefined {
  if (isUnknown(value)) return undefined;
  return Array.isArray(value) && value.length > 0;
}

function silentAlarms(service: ServiceSubject): Finding[] {
  return ofType(service, AWS_TYPES.alarm).flatMap((r): Finding[] => {
    const missing = (["alarmActions", "okActions"] as const).filter((field) => hasActions(r.props[field]) === false);
    if (missing.length === 0) return [];
    return [
      {
        resource: r.key,
        message: must(
          describe(r),
          `notify an SNS topic in ${missing.join(" and ")}, has none`,
          "an alarm that notifies nobody leaves the outage it detects to be found by customers",
        ),
      },
    ];
  });
}

/** Topics no subscription points at; nothing when a subscription's topic is unknown (preview). */
function unheardTopics(service: ServiceSubject): Finding[] {
  const subscriptions = ofType(service, AWS_TYPES.subscription);
  if (subscriptions.some((s) => isUnknown(s.props["topic"]))) return [];
  const heard = new Set(subscriptions.map((s) => s.props["topic"]).map((t) => (isRef(t) ? t.ref : t)));
  return ofType(service, AWS_TYPES.topic)
    .filter((t: Subject) => !heard.has(t.key))
    .map((t) => ({
      resource: t.key,
      message: must(
        describe(t),
        "have at least one subscription (set reliability:alarms.subscriptions in the stack)",
        "the alarms that notify it would reach nobody",
      ),
    }));
}

/** In production, alarms notify and their topics have subscribers. */
export const alarmsNotify = serviceRule("alerts", {
  name: "alarms-notify",
  fix: "Configure reliability:alarms.topics for the region (or subscriptions for the topics the plan creates).",
  anchor: "AWS CloudWatch guidance: an alarm without actions notifies no one.",
  description:
    "In production, every CloudWatch alarm has alarm and OK actions, and every alarm topic the plan creates has a subscription.",
  config: z.object({}),
  enforcement: "production",
  check: (service) => [...silentAlarms(service), ...unheardTopics(service)],
});

/** The notification rules. */
export const NOTIFY_RULES = [alarmsNotify];
