import { describe, expect, it } from "vitest";
import type { Plan } from "../../components/core/plan/types.js";
import {
  AWS_RULES,
  awsAlarms,
  awsKeysAndSecrets,
  awsRds,
  awsRoute53HealthCheck,
  awsRoute53Record,
  awsTags,
} from "../../components/domains/aws-limits/rules.js";
import { enforcementLevel } from "../../components/core/policy/framework.js";
import { cachedBaseline, offline, resource, sdkProxy, setProp, throughPack } from "../policies/support.js";
import { STACKS } from "../support/project.js";
import { expectCaught, type PlantedDefect } from "./support.js";

const HC = "checkout/us-east-1/HealthCheck/eu-west-1";
const ALIAS = "checkout/us-east-1/Record/eu-west-1";
const CLUSTER = "checkout/us-east-1/Cluster";
const WRITER = "checkout/us-east-1/ClusterInstance/1";
const LAG = "inventory/eu-west-1/ReplicationLagAlarm";
const TOPIC = "checkout/us-east-1/AlarmTopic";

/** Turns the alias record into a plain CNAME record with the given inputs. */
function plainRecord(plan: Plan, props: Record<string, unknown>): void {
  setProp(plan, ALIAS, "aliases", undefined);
  setProp(plan, ALIAS, "type", "CNAME");
  for (const [key, value] of Object.entries(props)) setProp(plan, ALIAS, key, value);
}

const base = { stack: "prod" } as const;
const hc = { ...base, rule: awsRoute53HealthCheck, resource: HC } as const;
const rec = { ...base, rule: awsRoute53Record, resource: ALIAS } as const;
const rds = { ...base, rule: awsRds } as const;

const DEFECTS: readonly (PlantedDefect & { readonly constraint: string })[] = [
  {
    ...hc,
    constraint: "route53-health-check-type",
    name: "a health check of an unknown type",
    change: (p) => setProp(p, HC, "type", "HTTPX"),
    says: 'must have type HTTP, HTTPS, HTTP_STR_MATCH, HTTPS_STR_MATCH, TCP, CALCULATED, CLOUDWATCH_METRIC, RECOVERY_CONTROL, got "HTTPX" because Route 53 rejects',
  },
  {
    ...hc,
    constraint: "route53-health-check-request-interval",
    name: "a 15-second health-check interval",
    change: (p) => setProp(p, HC, "requestInterval", 15),
    says: "must have requestInterval 10 or 30, got 15 because Route 53 rejects a health check whose request interval is anything else",
  },
  {
    ...hc,
    constraint: "route53-health-check-failure-threshold",
    name: "a failure threshold of 11",
    change: (p) => setProp(p, HC, "failureThreshold", 11),
    says: "must have failureThreshold between 1 and 10, got 11",
  },
  {
    ...hc,
    constraint: "route53-health-check-port",
    name: "health-check port 0",
    change: (p) => setProp(p, HC, "port", 0),
    says: "must have port between 1 and 65535, got 0",
  },
  {
    ...hc,
    constraint: "route53-health-check-resource-path",
    name: "a relative health-check path",
    change: (p) => setProp(p, HC, "resourcePath", "ready"),
    says: 'must have a resourcePath that starts with / and has at most 255 characters, got "ready"',
  },
  {
    ...hc,
    constraint: "route53-health-check-resource-path",
    name: "a 256-character health-check path",
    change: (p) => setProp(p, HC, "resourcePath", `/${"a".repeat(255)}`),
    says: "must have a resourcePath that starts with / and has at most 255 characters",
  },
  {
    ...hc,
    constraint: "route53-health-check-fqdn",
    name: "a 256-character health-check FQDN",
    change: (p) => setProp(p, HC, "fqdn", `${"a".repeat(252)}.com`),
    says: "must have an fqdn of 1 to 255 characters",
  },
  {
    ...hc,
    constraint: "route53-health-check-regions",
    name: "two health-checker regions",
    change: (p) => setProp(p, HC, "regions", ["us-east-1", "eu-west-1"]),
    says: 'must name at least 3 health-checker regions, each one of us-east-1, us-west-1, us-west-2, eu-west-1, ap-southeast-1, ap-southeast-2, ap-northeast-1, sa-east-1, got ["us-east-1","eu-west-1"]',
  },
  {
    ...hc,
    constraint: "route53-health-check-regions",
    name: "a region without health checkers",
    change: (p) => setProp(p, HC, "regions", ["us-east-1", "eu-west-1", "eu-central-1"]),
    says: "must name at least 3 health-checker regions, each one of",
  },
  {
    ...rec,
    constraint: "route53-record-shape",
    name: "an alias record with a TTL",
    change: (p) => setProp(p, ALIAS, "ttl", 60),
    says: "must not set ttl or records on an alias record because Route 53 answers an alias with its target's records and TTL and rejects both",
  },
  {
    ...rec,
    constraint: "route53-record-shape",
    name: "a plain record without a TTL",
    change: (p) => plainRecord(p, { records: ["ingress.euw1.prod.acme.example"] }),
    says: "must set ttl and records on a record that is not an alias",
  },
  {
    ...rec,
    constraint: "route53-record-shape",
    name: "a negative TTL",
    change: (p) => plainRecord(p, { records: ["ingress.euw1.prod.acme.example"], ttl: -1 }),
    says: "must have a ttl between 0 and 2147483647",
  },
  {
    ...rec,
    constraint: "route53-record-shape",
    name: "a failover record with a 129-character setIdentifier",
    change: (p) => setProp(p, ALIAS, "setIdentifier", "x".repeat(129)),
    says: "must have a setIdentifier of 1 to 128 characters because Route 53 tells the records of a failover set apart by it",
  },
  {
    ...rec,
    constraint: "route53-record-shape",
    name: "a latency record without a setIdentifier",
    change: (p) => {
      setProp(p, ALIAS, "failoverRoutingPolicies", undefined);
      setProp(p, ALIAS, "latencyRoutingPolicies", [{ region: "eu-west-1" }]);
      setProp(p, ALIAS, "setIdentifier", undefined);
    },
    says: "must have a setIdentifier of 1 to 128 characters because Route 53 tells the records of a latency set apart by it",
  },
  {
    ...rec,
    constraint: "route53-record-routing",
    name: "a failover type other than PRIMARY or SECONDARY",
    change: (p) => setProp(p, ALIAS, "failoverRoutingPolicies.0.type", "TERTIARY"),
    says: 'must have failover type PRIMARY or SECONDARY, got "TERTIARY"',
  },
  {
    ...rec,
    constraint: "route53-record-routing",
    name: "a latency record without a region",
    change: (p) => {
      setProp(p, ALIAS, "failoverRoutingPolicies", undefined);
      setProp(p, ALIAS, "latencyRoutingPolicies", [{}]);
    },
    says: "must name its AWS region in latencyRoutingPolicies because Route 53 rejects a latency record without a region",
  },
  {
    ...rec,
    constraint: "route53-alias-hosted-zone",
    name: "an NLB alias in the ALB/CLB hosted zone",
    change: (p) => setProp(p, ALIAS, "aliases.0.zoneId", "Z32O12XQLNTSW2"),
    says: 'must be Z2IFOLAFXWLO4F, the hosted zone of Network Load Balancers in eu-west-1 that dnsName names (Z32O12XQLNTSW2 is the zone of Application and Classic Load Balancers in eu-west-1), got "Z32O12XQLNTSW2" because Route 53 refuses an alias',
  },
  {
    ...rds,
    constraint: "rds-identifier",
    resource: CLUSTER,
    name: "a cluster identifier with two consecutive hyphens",
    change: (p) => setProp(p, CLUSTER, "clusterIdentifier", "checkout--prod-us-east-1"),
    says: 'must be 1 to 63 letters, digits or hyphens, starting with a letter, without two consecutive hyphens or a trailing hyphen (24 characters), got "checkout--prod-us-east-1" because RDS rejects any other identifier',
  },
  {
    ...rds,
    constraint: "rds-identifier",
    resource: WRITER,
    name: "a 64-character instance identifier",
    change: (p) => setProp(p, WRITER, "identifier", `a${"b".repeat(63)}`),
    says: "without two consecutive hyphens or a trailing hyphen (64 characters)",
  },
  {
    ...rds,
    constraint: "rds-identifier",
    resource: "checkout/us-east-1/GlobalCluster",
    name: "a global cluster identifier with a trailing hyphen",
    change: (p) => setProp(p, "checkout/us-east-1/GlobalCluster", "globalClusterIdentifier", "checkout-prod-"),
    says: 'got "checkout-prod-" because RDS rejects any other identifier',
  },
  {
    ...rds,
    constraint: "rds-identifier",
    resource: CLUSTER,
    name: "a final snapshot identifier starting with a digit",
    change: (p) => setProp(p, CLUSTER, "finalSnapshotIdentifier", "1-final"),
    says: 'got "1-final" because RDS rejects any other identifier',
  },
  {
    ...rds,
    constraint: "rds-backup-retention",
    resource: CLUSTER,
    name: "an Aurora cluster without backups",
    change: (p) => setProp(p, CLUSTER, "backupRetentionPeriod", 0),
    says: "must be an integer between 1 and 35 days, got 0 because RDS accepts 1 to 35 days for an Aurora cluster",
  },
  {
    ...rds,
    constraint: "rds-backup-retention",
    resource: CLUSTER,
    name: "36 days of backups",
    change: (p) => setProp(p, CLUSTER, "backupRetentionPeriod", 36),
    says: "must be an integer between 1 and 35 days, got 36",
  },
  {
    ...rds,
    inPack: false,
    constraint: "rds-backup-retention",
    resource: "inventory/us-east-1/Instance",
    name: "a replicated instance without backups",
    change: (p) => setProp(p, "inventory/us-east-1/Instance", "backupRetentionPeriod", 0),
    says: "got 0 because a read replica's source must keep automated backups",
  },
  {
    ...rds,
    constraint: "rds-enhanced-monitoring",
    resource: WRITER,
    name: "a 3-second monitoring interval",
    change: (p) => setProp(p, WRITER, "monitoringInterval", 3),
    says: "must set monitoringInterval to one of 0, 1, 5, 10, 15, 30, 60, got 3",
  },
  {
    ...rds,
    constraint: "rds-enhanced-monitoring",
    resource: WRITER,
    name: "monitoring without a role",
    change: (p) => setProp(p, WRITER, "monitoringRoleArn", undefined),
    says: "must set monitoringRoleArn when monitoringInterval is not 0, got 10 because RDS needs a role",
  },
  {
    ...rds,
    inPack: false,
    constraint: "rds-enhanced-monitoring",
    resource: WRITER,
    name: "a monitoring role without monitoring",
    change: (p) => setProp(p, WRITER, "monitoringInterval", 0),
    says: "must not set monitoringRoleArn when monitoringInterval is 0",
  },
  {
    ...rds,
    constraint: "rds-performance-insights-retention",
    resource: WRITER,
    name: "30 days of Performance Insights",
    change: (p) => setProp(p, WRITER, "performanceInsightsRetentionPeriod", 30),
    says: "must be 7, 31 × months (1 to 23 months, e.g. 93) or 731 days, got 30",
  },
  {
    ...rds,
    constraint: "rds-aurora-instance-class",
    resource: WRITER,
    name: "an instance class Aurora does not run on",
    change: (p) => setProp(p, WRITER, "instanceClass", "db.m5.large"),
    says: 'must be an instance class Aurora supports: db.r* or db.x2g (memory-optimized), or db.t3/db.t4g medium or large, got "db.m5.large"',
  },
  {
    ...rds,
    constraint: "rds-aurora-instance-class",
    resource: WRITER,
    name: "a burstable class in a global database",
    change: (p) => setProp(p, WRITER, "instanceClass", "db.t4g.medium"),
    says: 'must be a memory-optimized instance class (db.r* or db.x2g) for an Aurora global database, got "db.t4g.medium"',
  },
  {
    ...rds,
    constraint: "rds-windows",
    resource: CLUSTER,
    name: "a backup window in the wrong format",
    change: (p) => setProp(p, CLUSTER, "preferredBackupWindow", "3:00-3:30"),
    says: "must set preferredBackupWindow as hh24:mi-hh24:mi (UTC) spanning at least 30 minutes",
  },
  {
    ...rds,
    constraint: "rds-windows",
    resource: CLUSTER,
    name: "a 15-minute backup window",
    change: (p) => setProp(p, CLUSTER, "preferredBackupWindow", "03:00-03:15"),
    says: 'must set preferredBackupWindow as hh24:mi-hh24:mi (UTC) spanning at least 30 minutes, got "03:00-03:15"',
  },
  {
    ...rds,
    constraint: "rds-windows",
    resource: CLUSTER,
    name: "a maintenance window in the wrong format",
    change: (p) => setProp(p, CLUSTER, "preferredMaintenanceWindow", "monday:03:00-monday:04:00"),
    says: "must set preferredMaintenanceWindow as ddd:hh24:mi-ddd:hh24:mi (UTC) spanning at least 30 minutes",
  },
  {
    ...rds,
    constraint: "rds-windows",
    resource: CLUSTER,
    name: "overlapping backup and maintenance windows",
    change: (p) => {
      setProp(p, CLUSTER, "preferredBackupWindow", "03:30-04:30");
      setProp(p, CLUSTER, "preferredMaintenanceWindow", "sun:04:00-sun:05:00");
    },
    says: 'must keep preferredBackupWindow and preferredMaintenanceWindow apart, got "03:30-04:30 / sun:04:00-sun:05:00" because RDS rejects a backup window that overlaps the maintenance window',
  },
  {
    ...base,
    rule: awsAlarms,
    resource: LAG,
    constraint: "cloudwatch-alarm-name",
    name: "a 256-character alarm name",
    change: (p) => setProp(p, LAG, "name", "a".repeat(256)),
    says: "must have a name of 1 to 255 characters without control characters",
  },
  {
    ...base,
    rule: awsAlarms,
    resource: LAG,
    constraint: "cloudwatch-alarm-evaluation",
    name: "a 45-second alarm period",
    change: (p) => setProp(p, LAG, "period", 45),
    says: 'must have a period of 10, 20, 30 or a multiple of 60 seconds, got {"period":45,"evaluationPeriods":3}',
  },
  {
    ...base,
    rule: awsAlarms,
    resource: LAG,
    constraint: "cloudwatch-alarm-evaluation",
    name: "an evaluation range over a day",
    change: (p) => setProp(p, LAG, "evaluationPeriods", 1441),
    says: "must evaluate at most 86400 seconds (period 60 × evaluationPeriods 1441 is 86460)",
  },
  {
    ...base,
    rule: awsAlarms,
    resource: LAG,
    constraint: "cloudwatch-alarm-evaluation",
    name: "more datapoints to alarm than periods",
    change: (p) => setProp(p, LAG, "datapointsToAlarm", 4),
    says: "must have datapointsToAlarm between 1 and evaluationPeriods (3)",
  },
  {
    ...base,
    rule: awsAlarms,
    resource: LAG,
    constraint: "cloudwatch-alarm-actions",
    name: "six alarm actions",
    change: (p) =>
      setProp(
        p,
        LAG,
        "alarmActions",
        Array.from({ length: 6 }, (_, i) => `arn:aws:sns:eu-west-1:111122223333:t${i}`),
      ),
    says: "must have at most 5 alarmActions, has 6",
  },
  {
    ...base,
    rule: awsAlarms,
    resource: LAG,
    constraint: "cloudwatch-alarm-actions",
    name: "an alarm notifying a topic of another region",
    change: (p) => setProp(p, LAG, "okActions", ["arn:aws:sns:us-east-1:111122223333:oncall-pagerduty"]),
    says: 'must notify SNS topics in its own region eu-west-1, not us-east-1, got "arn:aws:sns:us-east-1:111122223333:oncall-pagerduty" because CloudWatch rejects alarm actions in another region',
  },
  {
    stack: "staging",
    inPack: false,
    rule: awsAlarms,
    resource: "checkout/eu-west-1/ReplicationLagAlarm",
    constraint: "cloudwatch-alarm-actions",
    name: "an alarm notifying a planned topic of another region",
    change: (p) => setProp(p, "checkout/eu-west-1/ReplicationLagAlarm", "alarmActions", [{ ref: TOPIC, attr: "arn" }]),
    says: "must notify SNS topics in its own region eu-west-1, not us-east-1",
  },
  {
    stack: "staging",
    rule: awsAlarms,
    resource: TOPIC,
    constraint: "sns-topic-name",
    name: "a topic name with spaces",
    change: (p) => setProp(p, TOPIC, "name", "checkout staging alarms"),
    says: 'must have a name of 1 to 256 ASCII letters, digits, hyphens or underscores, got "checkout staging alarms" because SNS rejects any other topic name',
  },
  {
    stack: "staging",
    rule: awsAlarms,
    resource: "checkout/us-east-1/AlarmSubscription/1",
    constraint: "sns-subscription-endpoint",
    name: "an https subscription to an http URL",
    change: (p) => setProp(p, "checkout/us-east-1/AlarmSubscription/1", "endpoint", "http://events.pagerduty.com/x"),
    says: "must be a URL that starts with https:// for the https protocol",
  },
  {
    stack: "staging",
    rule: awsAlarms,
    resource: "checkout/us-east-1/AlarmSubscription/2",
    constraint: "sns-subscription-endpoint",
    name: "an email subscription to a non-address",
    change: (p) => setProp(p, "checkout/us-east-1/AlarmSubscription/2", "endpoint", "sre-staging"),
    says: 'must be an email address for the email protocol, got "sre-staging"',
  },
  {
    ...base,
    rule: awsKeysAndSecrets,
    resource: "checkout/eu-west-1/KmsKey",
    constraint: "kms-deletion-window",
    name: "a 5-day key deletion window",
    change: (p) => setProp(p, "checkout/eu-west-1/KmsKey", "deletionWindowInDays", 5),
    says: "must have deletionWindowInDays between 7 and 30, got 5 because KMS schedules key deletion only within that window",
  },
  {
    ...base,
    rule: awsKeysAndSecrets,
    resource: "checkout/us-east-1/Secret",
    constraint: "secret-name",
    name: "a secret name with a space",
    change: (p) => setProp(p, "checkout/us-east-1/Secret", "name", "checkout master password"),
    says: 'must have a name of 1 to 512 ASCII letters, digits or /_+=.@-, got "checkout master password"',
  },
  {
    ...base,
    rule: awsKeysAndSecrets,
    resource: "checkout/us-east-1/Secret",
    constraint: "secret-recovery-window",
    name: "a 3-day secret recovery window",
    change: (p) => setProp(p, "checkout/us-east-1/Secret", "recoveryWindowInDays", 3),
    says: "must have recoveryWindowInDays 0 or between 7 and 30, got 3",
  },
  {
    ...base,
    rule: awsTags,
    resource: CLUSTER,
    constraint: "tags",
    name: "51 tags on a cluster",
    change: (p) =>
      setProp(p, CLUSTER, "tags", Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]))),
    says: "must carry at most 50 tags, has 51 because AWS rejects more tags on this resource",
  },
  {
    ...base,
    rule: awsTags,
    resource: HC,
    constraint: "tags",
    name: "11 tags on a health check",
    change: (p) => {
      for (const k of ["a", "b", "c"]) setProp(p, HC, `tags.${k}`, "x");
    },
    says: "must carry at most 10 tags, has 11",
  },
  {
    ...base,
    rule: awsTags,
    resource: CLUSTER,
    constraint: "tags",
    name: "a 129-character tag key",
    change: (p) => setProp(p, CLUSTER, `tags.${"k".repeat(129)}`, "v"),
    says: "must have tag keys of 1 to 128 letters, digits, spaces or _.:/=+-@",
  },
  {
    ...base,
    rule: awsTags,
    resource: CLUSTER,
    constraint: "tags",
    name: "a tag key with the aws: prefix",
    change: (p) => setProp(p, CLUSTER, "tags", { "aws:team": "payments" }),
    says: 'must not use the reserved aws: prefix in tag key "aws:team" because AWS reserves it for its own tags',
  },
  {
    ...base,
    rule: awsTags,
    resource: CLUSTER,
    constraint: "tags",
    name: "a 257-character tag value",
    change: (p) => setProp(p, CLUSTER, "tags", { team: "v".repeat(257) }),
    says: "must have tag values of at most 256 letters, digits, spaces or _.:/=+-@",
  },
];

describe("AWS constraints on the planned resources", () => {
  it.each(STACKS.flatMap((stack) => AWS_RULES.map((rule) => [stack, rule.name, rule] as const)))(
    "the %s example plan passes %s, offline and in the pack",
    async (stack, _name, rule) => {
      const { plan, facts } = cachedBaseline(stack);
      expect(offline(plan, facts, rule)).toEqual([]);
      expect(await throughPack(plan, rule)).toEqual([]);
    },
  );

  it("has a planted defect for every constraint of every AWS rule", () => {
    const ids = AWS_RULES.flatMap((r) => r.constraints.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...new Set(DEFECTS.map((d) => d.constraint))].sort()).toEqual([...ids].sort());
  });

  it.each(DEFECTS.map((d) => [d.name, d] as const))(
    "%s is caught as a mandatory violation naming the resource",
    async (_name, d) => {
      await expectCaught(d);
    },
  );

  it("reports AWS constraints as mandatory whatever the environment and tier", () => {
    expect(enforcementLevel({ environment: "dev", tier: "best-effort" }, "always")).toBe("mandatory");
    expect(enforcementLevel({ environment: "", tier: "" }, "always")).toBe("mandatory");
    const { plan, facts } = cachedBaseline("dev");
    setProp(plan, "inventory/us-east-1/KmsKey", "deletionWindowInDays", 3);
    expect(offline(plan, facts, awsKeysAndSecrets).map((v) => v.level)).toEqual(["mandatory"]);
  });

  it("judges nothing it cannot see while every input of every AWS resource is unknown in a preview", async () => {
    const { plan } = cachedBaseline("staging");
    for (const s of plan.services)
      for (const r of s.resources)
        if (r.provider === "aws")
          Object.assign(r, {
            props: Object.fromEntries(Object.keys(r.props).map((k) => [k, sdkProxy.unknownStringValue])),
          });
    for (const rule of AWS_RULES) expect(await throughPack(plan, rule)).toEqual([]);
    expect(resource(plan, HC).props["type"]).toBe(sdkProxy.unknownStringValue);
  });
});
