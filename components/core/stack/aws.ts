/**
 * The AWS parts of the stack configuration that AWS itself judges: load balancers that Route 53
 * aliases, and where CloudWatch alarms notify (`reliability:alarms`). Checked when the stack
 * loads, so a bad value is reported at its line in `stacks/Pulumi.<stack>.yaml`.
 */

import { z } from "zod";
import {
  actionRegionLimit,
  ALARM_ACTIONS_MAX,
  parseTopicArn,
  SNS_TOPIC_ARN,
  subscriptionEndpointLimit,
  SUBSCRIPTION_PROTOCOLS,
} from "../aws/cloudwatch.js";
import { aliasTargetProblem } from "../aws/elb.js";
import { diagnostic } from "../aws/limit.js";
import { FAILOVER_DEFAULTS } from "../defaults.js";
import { awsRegion, bool, oneOf, pattern, text } from "../spec/fields.js";

/** A region's ingress load balancer, as configured. */
interface ConfiguredLoadBalancer {
  readonly dnsName: string;
  readonly hostedZoneId: string;
}

/** Reports every load balancer whose DNS name or hosted zone Route 53 would refuse as an alias target of its region. */
export function checkLoadBalancers(
  regions: Readonly<
    Record<string, { readonly ingress: { readonly loadBalancer?: ConfiguredLoadBalancer | undefined } }>
  >,
  ctx: z.RefinementCtx,
): void {
  for (const [region, config] of Object.entries(regions)) {
    const target = config.ingress.loadBalancer;
    const problem = target ? aliasTargetProblem(region, target) : undefined;
    if (!problem || !target) continue;
    ctx.addIssue({
      code: "custom",
      path: [region, "ingress", "loadBalancer", problem.field],
      input: target[problem.field],
      message: diagnostic(problem),
    });
  }
}

const topicArn = pattern(SNS_TOPIC_ARN, "must be an SNS topic ARN such as arn:aws:sns:us-east-1:111122223333:oncall");

const topicList = z
  .array(topicArn, { error: "must be a list of SNS topic ARNs" })
  .min(1, { error: "must list at least one SNS topic ARN" })
  .max(ALARM_ACTIONS_MAX, {
    error: `must list at most ${ALARM_ACTIONS_MAX} SNS topic ARNs because CloudWatch runs at most ${ALARM_ACTIONS_MAX} actions per alarm state`,
  });

/** Topics of each region must be in that region: CloudWatch only notifies topics of the alarm's own region. */
function checkTopicRegions(
  topics: Readonly<Record<string, readonly string[]>> | undefined,
  ctx: z.RefinementCtx,
): void {
  for (const [region, arns] of Object.entries(topics ?? {})) {
    arns.forEach((arn, i) => {
      const parsed = parseTopicArn(arn);
      const problem = parsed ? actionRegionLimit(region, parsed.region) : undefined;
      if (problem)
        ctx.addIssue({
          code: "custom",
          path: [region, i],
          input: arn,
          message: diagnostic({
            must: `be a topic in ${region}, the region it is configured under`,
            because: problem.because,
          }),
        });
    });
  }
}

/** An endpoint the planned alarm topics notify: a paging integration's HTTPS URL or an email address (`autoConfirms` resolved). */
const subscription = z
  .strictObject({
    protocol: oneOf(SUBSCRIPTION_PROTOCOLS),
    endpoint: text(2048, "a notification endpoint"),
    autoConfirms: bool().optional(),
  })
  .superRefine((s, ctx) => {
    const problem = subscriptionEndpointLimit(s.protocol, s.endpoint);
    if (problem) ctx.addIssue({ code: "custom", path: ["endpoint"], input: s.endpoint, message: diagnostic(problem) });
    if (s.autoConfirms !== undefined && s.protocol !== "https")
      ctx.addIssue({
        code: "custom",
        path: ["autoConfirms"],
        input: s.autoConfirms,
        message:
          "must be set only with protocol https because only an HTTPS endpoint (such as PagerDuty's) can confirm its own subscription",
      });
  })
  .transform((s) => ({ ...s, autoConfirms: s.autoConfirms ?? FAILOVER_DEFAULTS.alarmSubscriptionAutoConfirms }));

/**
 * `reliability:alarms`: where CloudWatch alarms notify. `topics` names existing SNS topics per
 * region; in a region without them the plan creates one topic per service, encrypted with a key
 * whose policy names `accountId`, and subscribes `subscriptions` to it.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html
 */
export const alarmsConfigSchema = z.strictObject({
  topics: z.record(awsRegion, topicList).superRefine(checkTopicRegions).optional(),
  subscriptions: z.array(subscription, { error: "must be a list of { protocol, endpoint } subscriptions" }).optional(),
  accountId: pattern(
    /^\d{12}$/,
    'must be the 12-digit AWS account id, quoted ("012345678901") so leading zeros survive',
  ).optional(),
});

/** `reliability:alarms` as validated. */
export type AlarmsConfig = z.output<typeof alarmsConfigSchema>;
