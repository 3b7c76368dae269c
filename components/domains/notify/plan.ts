/**
 * The notification planner: in every region where a service has CloudWatch alarms and the stack
 * names no SNS topic, one topic for the service, encrypted with its own KMS key (CloudWatch cannot
 * use the AWS-managed SNS key), with the stack's `reliability:alarms.subscriptions`. Pure.
 * @see https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html
 */

import { FAILOVER_DEFAULTS } from "../../core/defaults.js";
import type { ResolvedService } from "../../core/spec/service.js";
import type { StackConfig } from "../../core/stack/config.js";
import { ALARM_NOTIFY_KINDS, alarmTopicName, isProduction } from "../../core/conventions.js";
import { partitionOf } from "../../core/aws/cloudwatch.js";
import { awsResource, ref } from "../../core/plan/aws.js";
import type { DomainPlanner } from "../../core/module.js";
import type { PlannedResource } from "../../core/plan/types.js";
import { alarmRegions, stackAlarmTopics, type AlarmRegion } from "./settings.js";

const ORIGIN = "spec.dns";
const DATABASE_ORIGIN = "spec.database.secondaryRegions";

/** Plans the alarm topics, their keys and subscriptions of a service, where the stack names no topic. */
export const notifyPlanner: DomainPlanner = (service, stack) => {
  const regions = alarmRegions(service).filter((r) => !stackAlarmTopics(stack, r.region));
  return { resources: regions.flatMap((r) => alarmTopic(service, stack, r)) };
};

/** The topic of one region, its key and its subscriptions. */
function alarmTopic(service: ResolvedService, stack: StackConfig, at: AlarmRegion): PlannedResource[] {
  const origin = at.path.length > 2 ? DATABASE_ORIGIN : ORIGIN;
  const key = topicKey(service, stack, at.region, origin);
  const topic = awsResource(
    service,
    { region: at.region, kind: ALARM_NOTIFY_KINDS.topic, type: "aws:sns/topic:Topic", origin },
    {
      name: alarmTopicName(service.name, service.environment),
      displayName: `${service.name} ${service.environment} alarms`,
      kmsMasterKeyId: ref(key, "arn"),
    },
  );
  const subscriptions = (stack.alarms?.subscriptions ?? []).map((s, i) =>
    awsResource(
      service,
      {
        region: at.region,
        kind: ALARM_NOTIFY_KINDS.subscription,
        type: "aws:sns/topicSubscription:TopicSubscription",
        suffix: String(i + 1),
        origin,
      },
      {
        topic: ref(topic, "arn"),
        protocol: s.protocol,
        endpoint: s.endpoint,
        ...(s.protocol === "https" ? { endpointAutoConfirms: s.autoConfirms } : {}),
      },
      false,
    ),
  );
  return [key, topic, ...subscriptions];
}

/**
 * A customer-managed key for the topic: the account administers it, CloudWatch may encrypt
 * notifications with it (only for alarms of this account).
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
 */
function topicKey(service: ResolvedService, stack: StackConfig, region: string, origin: string): PlannedResource {
  const account = stack.alarms?.accountId;
  if (!account)
    throw new Error(
      `internal: stack ${stack.stack} has no reliability:alarms.accountId for the alarm topic of ${service.name} in ${region}`,
    );
  const policy = {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministers",
        Effect: "Allow",
        Principal: { AWS: `arn:${partitionOf(region)}:iam::${account}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "CloudWatchAlarmsPublish",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": account } },
      },
    ],
  };
  const production = isProduction(service.environment);
  return awsResource(
    service,
    { region, kind: ALARM_NOTIFY_KINDS.key, type: "aws:kms/key:Key", origin },
    {
      description: `${alarmTopicName(service.name, service.environment)} SNS topic encryption in ${region}`,
      enableKeyRotation: true,
      deletionWindowInDays: production
        ? FAILOVER_DEFAULTS.kmsDeletionWindowDaysProd
        : FAILOVER_DEFAULTS.kmsDeletionWindowDays,
      policy: JSON.stringify(policy),
    },
  );
}
