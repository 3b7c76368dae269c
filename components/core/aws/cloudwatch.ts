/**
 * What CloudWatch and SNS accept for alarms, their notification topics and subscriptions.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
 * @see https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
 * @see https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html
 */

import { intIn, type AwsLimit } from "./limit.js";

/** Longest alarm name. */
export const ALARM_NAME_MAX = 255;

/** Most actions per alarm state (alarmActions, okActions, insufficientDataActions). */
export const ALARM_ACTIONS_MAX = 5;

/** Longest evaluation range (period × evaluationPeriods) of an alarm whose period is under an hour, seconds. */
export const EVALUATION_RANGE_MAX_SHORT = 86_400;

/** Longest evaluation range of an alarm whose period is an hour or more, seconds. */
export const EVALUATION_RANGE_MAX = 604_800;

/** Alarm name: 1–255 characters without ASCII control characters. */
export function alarmNameLimit(name: unknown): AwsLimit | undefined {
  const ok =
    typeof name === "string" &&
    name.length >= 1 &&
    name.length <= ALARM_NAME_MAX &&
    ![...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  return ok
    ? undefined
    : {
        must: `have a name of 1 to ${ALARM_NAME_MAX} characters without control characters`,
        because: "CloudWatch rejects any other alarm name",
      };
}

/** Period 10, 20, 30 or a multiple of 60 seconds, and period × evaluationPeriods within a day (under an hour's period) or seven days. */
export function alarmEvaluationLimit(
  period: unknown,
  evaluationPeriods: unknown,
  datapointsToAlarm: unknown,
): AwsLimit | undefined {
  if (!(
    period === 10 ||
    period === 20 ||
    period === 30 ||
    (intIn(period, 60, Number.MAX_SAFE_INTEGER) && period % 60 === 0)
  )) {
    return {
      must: "have a period of 10, 20, 30 or a multiple of 60 seconds",
      because: "CloudWatch rejects any other alarm period",
    };
  }
  if (!intIn(evaluationPeriods, 1, Number.MAX_SAFE_INTEGER))
    return {
      must: "have evaluationPeriods of at least 1",
      because: "CloudWatch rejects an alarm that evaluates nothing",
    };
  const max = period < 3600 ? EVALUATION_RANGE_MAX_SHORT : EVALUATION_RANGE_MAX;
  if (period * evaluationPeriods > max) {
    return {
      must: `evaluate at most ${max} seconds (period ${period} × evaluationPeriods ${evaluationPeriods} is ${period * evaluationPeriods})`,
      because: `CloudWatch limits an alarm with a ${period < 3600 ? "period under an hour to one day" : "period of an hour or more to seven days"}`,
    };
  }
  if (datapointsToAlarm !== undefined && !intIn(datapointsToAlarm, 1, evaluationPeriods)) {
    return {
      must: `have datapointsToAlarm between 1 and evaluationPeriods (${evaluationPeriods})`,
      because: "CloudWatch counts breaching datapoints within the evaluated periods",
    };
  }
  return undefined;
}

/** The parts of an SNS topic ARN. */
export interface TopicArn {
  /** Region of the topic. */
  readonly region: string;
  /** Owning account. */
  readonly account: string;
  /** Topic name. */
  readonly name: string;
}

/** An SNS topic ARN in any partition (`arn:aws:sns:…`, `arn:aws-cn:sns:…`, `arn:aws-us-gov:sns:…`). */
export const SNS_TOPIC_ARN =
  /^arn:aws(?:-cn|-us-gov)?:sns:([a-z]{2}(?:-gov)?-[a-z]+-\d+):(\d{12}):([A-Za-z0-9_-]{1,256}(?:\.fifo)?)$/;

/** The AWS partition a region belongs to, as ARNs spell it. */
export function partitionOf(region: string): "aws" | "aws-cn" | "aws-us-gov" {
  if (region.startsWith("cn-")) return "aws-cn";
  return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

/** Reads an SNS topic ARN (`arn:aws:sns:<region>:<account>:<name>`); undefined for anything else. */
export function parseTopicArn(arn: string): TopicArn | undefined {
  const match = SNS_TOPIC_ARN.exec(arn);
  return match?.[1] && match[2] && match[3] ? { region: match[1], account: match[2], name: match[3] } : undefined;
}

/** An alarm action's topic must be in the alarm's region. */
export function actionRegionLimit(alarmRegion: string, topicRegion: string): AwsLimit | undefined {
  return topicRegion === alarmRegion
    ? undefined
    : {
        must: `notify SNS topics in its own region ${alarmRegion}, not ${topicRegion}`,
        because: "CloudWatch rejects alarm actions in another region",
      };
}

/** Topic name: 1–256 ASCII letters, digits, hyphens and underscores (`.fifo` ends a FIFO topic's name). */
export function topicNameLimit(name: unknown): AwsLimit | undefined {
  const ok =
    typeof name === "string" && /^[A-Za-z0-9_-]{1,256}$/.test(name.replace(/\.fifo$/, "")) && name.length <= 256;
  return ok
    ? undefined
    : {
        must: "have a name of 1 to 256 ASCII letters, digits, hyphens or underscores",
        because: "SNS rejects any other topic name",
      };
}

/** Subscription protocols the stack may configure for planned alarm topics. */
export const SUBSCRIPTION_PROTOCOLS = ["https", "email"] as const;

/** The endpoint fits its protocol: an `https://` URL or an email address. */
export function subscriptionEndpointLimit(protocol: unknown, endpoint: unknown): AwsLimit | undefined {
  if (protocol === "https")
    return typeof endpoint === "string" && /^https:\/\/[^\s/]+\S*$/.test(endpoint)
      ? undefined
      : {
          must: "be a URL that starts with https:// for the https protocol",
          because: "SNS delivers https notifications by POST to that URL",
        };
  if (protocol === "email")
    return typeof endpoint === "string" && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(endpoint)
      ? undefined
      : {
          must: "be an email address for the email protocol",
          because: "SNS sends email notifications to that address",
        };
  return {
    must: `use protocol ${SUBSCRIPTION_PROTOCOLS.join(" or ")}`,
    because: "the plan subscribes only endpoints people read",
  };
}
