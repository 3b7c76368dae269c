/**
 * CloudWatch alarm, SNS, KMS, Secrets Manager and tagging constraints on the resources the
 * planners create.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
 * @see https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
 * @see https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
 * @see https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
 * @see https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
 */

import {
  actionRegionLimit,
  ALARM_ACTIONS_MAX,
  alarmEvaluationLimit,
  alarmNameLimit,
  subscriptionEndpointLimit,
  topicNameLimit,
} from "../../core/aws/cloudwatch.js";
import {
  kmsDeletionWindowLimit,
  secretNameLimit,
  secretRecoveryWindowLimit,
  tagsLimits,
} from "../../core/aws/common.js";
import { HEALTH_CHECK_TAGS_MAX } from "../../core/aws/route53.js";
import type { ServiceSubject, Subject } from "../../core/policy/types.js";
import { isObject, isUnknown } from "../../core/policy/values.js";
import {
  AWS_TYPES,
  awsRule,
  breach,
  known,
  regionOf,
  type AwsConstraint,
  type Breach,
} from "../../core/policy/aws-constraint.js";

const { alarm, topic, subscription, kmsKey, secret, healthCheck } = AWS_TYPES;

const ACTION_FIELDS = ["alarmActions", "okActions", "insufficientDataActions"] as const;

/** Each state's actions: at most five, each a topic in the alarm's own region. */
function actions(r: Subject, service: ServiceSubject): Breach[] {
  return ACTION_FIELDS.flatMap((field): Breach[] => {
    const list = r.props[field];
    if (!Array.isArray(list)) return [];
    const tooMany =
      list.length > ALARM_ACTIONS_MAX
        ? breach({
            must: `have at most ${ALARM_ACTIONS_MAX} ${field}, has ${list.length}`,
            because: "CloudWatch runs at most five actions per alarm state",
          })
        : [];
    const elsewhere = list.flatMap((action) => {
      const region = isUnknown(action) ? undefined : regionOf(service, action);
      return region === undefined || r.region === ""
        ? []
        : breach(actionRegionLimit(r.region, region), typeof action === "string" ? action : region);
    });
    return [...tooMany, ...elsewhere];
  });
}

const alarmConstraints: AwsConstraint[] = [
  {
    id: "cloudwatch-alarm-name",
    types: [alarm],
    check: (r) => (known(r.props["name"]) ? breach(alarmNameLimit(r.props["name"]), r.props["name"]) : []),
  },
  {
    id: "cloudwatch-alarm-evaluation",
    types: [alarm],
    check: (r) => {
      const { period, evaluationPeriods, datapointsToAlarm } = r.props;
      if (period === undefined || !known([period, evaluationPeriods, datapointsToAlarm])) return [];
      return breach(alarmEvaluationLimit(period, evaluationPeriods, datapointsToAlarm), { period, evaluationPeriods });
    },
  },
  { id: "cloudwatch-alarm-actions", types: [alarm], check: actions },
  {
    id: "sns-topic-name",
    types: [topic],
    check: (r) =>
      r.props["name"] === undefined || !known(r.props["name"])
        ? []
        : breach(topicNameLimit(r.props["name"]), r.props["name"]),
  },
  {
    id: "sns-subscription-endpoint",
    types: [subscription],
    check: (r) => {
      const { protocol, endpoint } = r.props;
      return known([protocol, endpoint]) && (protocol === "https" || protocol === "email")
        ? breach(subscriptionEndpointLimit(protocol, endpoint), endpoint)
        : [];
    },
  },
];

const keyConstraints: AwsConstraint[] = [
  {
    id: "kms-deletion-window",
    types: [kmsKey],
    check: (r) =>
      known(r.props["deletionWindowInDays"])
        ? breach(kmsDeletionWindowLimit(r.props["deletionWindowInDays"]), r.props["deletionWindowInDays"])
        : [],
  },
  {
    id: "secret-name",
    types: [secret],
    check: (r) =>
      r.props["name"] === undefined || !known(r.props["name"])
        ? []
        : breach(secretNameLimit(r.props["name"]), r.props["name"]),
  },
  {
    id: "secret-recovery-window",
    types: [secret],
    check: (r) =>
      known(r.props["recoveryWindowInDays"])
        ? breach(secretRecoveryWindowLimit(r.props["recoveryWindowInDays"]), r.props["recoveryWindowInDays"])
        : [],
  },
];

/** Tags within AWS's limits; a Route 53 health check takes at most 10. */
function tags(r: Subject): Breach[] {
  const value = r.props["tags"];
  if (!isObject(value) || !known(value)) return [];
  return tagsLimits(value, r.type === healthCheck ? HEALTH_CHECK_TAGS_MAX : undefined).map((limit) => ({ limit }));
}

const TAGGED = [
  healthCheck,
  alarm,
  topic,
  kmsKey,
  secret,
  AWS_TYPES.globalCluster,
  AWS_TYPES.cluster,
  AWS_TYPES.clusterInstance,
  AWS_TYPES.instance,
  "aws:rds/parameterGroup:ParameterGroup",
  "aws:rds/clusterParameterGroup:ClusterParameterGroup",
  "aws:iam/role:Role",
];

/** CloudWatch alarms and SNS topics as PutMetricAlarm, CreateTopic and Subscribe accept them. */
export const awsAlarms = awsRule(
  "aws-cloudwatch-alarm",
  "Every CloudWatch alarm has a name of at most 255 characters, a period of 10, 20, 30 or a multiple of 60 seconds evaluated over at most a day (seven days from an hour's period), at most five actions per state, all in its own region; every SNS topic name and subscription endpoint is one SNS accepts.",
  alarmConstraints,
);

/** KMS keys and Secrets Manager secrets as their APIs accept them. */
export const awsKeysAndSecrets = awsRule(
  "aws-kms-and-secrets",
  "Every KMS key has a deletion window of 7 to 30 days; every Secrets Manager secret has a valid name and a recovery window of 0 or 7 to 30 days.",
  keyConstraints,
);

/** Tags as AWS accepts them. */
export const awsTags = awsRule(
  "aws-tags",
  "Every tagged AWS resource carries at most 50 tags (a Route 53 health check at most 10), keys of at most 128 and values of at most 256 allowed characters, and no key with the reserved aws: prefix.",
  [{ id: "tags", types: TAGGED, path: "metadata.labels", check: tags }],
);
