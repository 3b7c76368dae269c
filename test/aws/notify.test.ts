import { describe, expect, it } from "vitest";
import { planStack } from "../../components/pipeline.js";
import type { Plan, PlannedResource } from "../../components/core/plan/types.js";
import { specFacts } from "../../components/domains/workload/facts.js";
import { alarmsNotify } from "../../components/domains/notify/rules.js";
import { checkPlan } from "../../policies/run.js";
import { multiRegionSpec, specProblems } from "../database/fixtures.js";
import { cachedBaseline, offline, setProp, throughPack } from "../policies/support.js";
import { exampleStack, ROOT, STACKS } from "../support/project.js";
import { stackWith } from "./support.js";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const DNS = { zone: "acme.example", name: "orders.acme.example", routing: "failover" };

function all(plan: Plan, type: string): PlannedResource[] {
  return plan.services.flatMap((s) => s.resources).filter((r) => r.type === type);
}

describe("CloudWatch alarm notifications", () => {
  it("every prod alarm notifies the stack's topic of its own region when it fires and when it clears", () => {
    const alarms = all(cachedBaseline("prod").plan, ALARM);
    expect(alarms.map((a) => a.key).sort()).toEqual([
      "checkout/eu-west-1/ReplicationLagAlarm",
      "checkout/us-east-1/HealthCheckAlarm/eu-west-1",
      "checkout/us-east-1/HealthCheckAlarm/us-east-1",
      "inventory/eu-west-1/ReplicationLagAlarm",
    ]);
    for (const alarm of alarms) {
      const topic = [`arn:aws:sns:${alarm.region}:111122223333:oncall-pagerduty`];
      expect(alarm.props).toMatchObject({ alarmActions: topic, okActions: topic });
    }
    expect(all(cachedBaseline("prod").plan, "aws:sns/topic:Topic")).toEqual([]);
  });

  it("lag alarms also notify on missing data, health-check alarms (missing data is breaching) do not", () => {
    const alarms = all(cachedBaseline("prod").plan, ALARM);
    expect(
      alarms
        .filter((a) => a.props["insufficientDataActions"] !== undefined)
        .map((a) => a.key)
        .sort(),
    ).toEqual(["checkout/eu-west-1/ReplicationLagAlarm", "inventory/eu-west-1/ReplicationLagAlarm"]);
  });

  it("in staging each alarm region gets an encrypted topic per service with the stack's subscriptions", () => {
    const { plan } = cachedBaseline("staging");
    const service = plan.services.find((s) => s.service === "checkout");
    const byKey = new Map(service?.resources.map((r) => [r.key, r]));
    expect(byKey.get("checkout/us-east-1/AlarmTopic")?.props).toMatchObject({
      name: "checkout-staging-alarms",
      kmsMasterKeyId: { ref: "checkout/us-east-1/AlarmTopicKey", attr: "arn" },
    });
    expect(byKey.get("checkout/us-east-1/AlarmSubscription/1")?.props).toEqual({
      topic: { ref: "checkout/us-east-1/AlarmTopic", attr: "arn" },
      protocol: "https",
      endpoint: "https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue",
      endpointAutoConfirms: true,
    });
    expect(byKey.get("checkout/us-east-1/AlarmSubscription/2")?.props).toEqual({
      topic: { ref: "checkout/us-east-1/AlarmTopic", attr: "arn" },
      protocol: "email",
      endpoint: "sre-staging@acme.example",
    });
    expect(byKey.get("checkout/us-east-1/HealthCheckAlarm/eu-west-1")?.props["alarmActions"]).toEqual([
      { ref: "checkout/us-east-1/AlarmTopic", attr: "arn" },
    ]);
    expect(byKey.get("checkout/eu-west-1/ReplicationLagAlarm")?.props["alarmActions"]).toEqual([
      { ref: "checkout/eu-west-1/AlarmTopic", attr: "arn" },
    ]);
  });

  it("encrypts each topic with a key CloudWatch of the stack's account may use, since CloudWatch cannot use the AWS-managed SNS key", () => {
    const key = all(cachedBaseline("staging").plan, "aws:kms/key:Key").find(
      (k) => k.key === "inventory/eu-west-1/AlarmTopicKey",
    );
    const policy = JSON.parse(String(key?.props["policy"])) as {
      Statement: { Principal: unknown; Action: unknown; Condition?: unknown }[];
    };
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*" }),
      expect.objectContaining({
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
      }),
    ]);
    expect(key?.props).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 7 });
  });

  it("rejects, at the spec fields that create them, alarms in a region where the stack names no topic and no account", () => {
    const stack = stackWith(exampleStack("prod"), (c) => delete c.alarms);
    expect(specProblems(multiRegionSpec({ "spec.dns": DNS }), stack)).toEqual([
      'spec.dns: must have somewhere to notify for its CloudWatch alarms in "us-east-1": set reliability:alarms.topics.<region> (existing SNS topics) or reliability:alarms.accountId (the plan then creates an encrypted topic with reliability:alarms.subscriptions) in stack prod, because an alarm nobody hears does not shorten an outage; got neither',
      'spec.database.secondaryRegions[0]: must have somewhere to notify for its CloudWatch alarms in "eu-west-1": set reliability:alarms.topics.<region> (existing SNS topics) or reliability:alarms.accountId (the plan then creates an encrypted topic with reliability:alarms.subscriptions) in stack prod, because an alarm nobody hears does not shorten an outage; got neither',
    ]);
  });
});

describe("the alarms-notify policy", () => {
  it.each(STACKS.map((s) => [s]))("passes the %s example plan", async (stack) => {
    const { plan, facts } = cachedBaseline(stack);
    expect(offline(plan, facts, alarmsNotify)).toEqual([]);
    expect(await throughPack(plan, alarmsNotify)).toEqual([]);
  });

  it.each([
    { stack: "prod", level: "mandatory" },
    { stack: "staging", level: "advisory" },
  ] as const)(
    "reports a $stack alarm without alarm actions as $level, whatever the tier, offline and through the pack",
    async ({ stack, level }) => {
      const { plan, facts } = cachedBaseline(stack);
      setProp(plan, "inventory/eu-west-1/ReplicationLagAlarm", "alarmActions", []);
      const found = offline(plan, facts, alarmsNotify);
      expect(found.map((v) => [v.level, v.resource, v.message])).toEqual([
        [
          level,
          "inventory/eu-west-1/ReplicationLagAlarm",
          "MetricAlarm inventory/eu-west-1/ReplicationLagAlarm must notify an SNS topic in alarmActions, has none because an alarm that notifies nobody leaves the outage it detects to be found by customers",
        ],
      ]);
      expect((await throughPack(plan, alarmsNotify)).map((v) => [v.policy, v.level])).toEqual([
        ["alarms-notify", level],
      ]);
    },
  );

  it("reports, in production, a planned alarm topic nobody subscribes to", () => {
    const stack = stackWith(exampleStack("prod"), (c) => Object.assign(c, { alarms: { accountId: "111122223333" } }));
    const { plan, services } = planStack(stack, "services/*.yaml", ROOT);
    const found = checkPlan(plan, {
      facts: new Map(services.map((s) => [s.name, specFacts(s)])),
      rules: [alarmsNotify],
    });
    expect(found.map((v) => [v.level, v.resource])).toEqual([
      ["mandatory", "checkout/us-east-1/AlarmTopic"],
      ["mandatory", "checkout/eu-west-1/AlarmTopic"],
      ["mandatory", "inventory/eu-west-1/AlarmTopic"],
    ]);
    expect(found[0]?.message).toBe(
      "Topic checkout/us-east-1/AlarmTopic must have at least one subscription (set reliability:alarms.subscriptions in the stack) because the alarms that notify it would reach nobody",
    );
  });
});
