import { planExamples } from "../support/project.js";
import { describe, expect, it } from "vitest";
import { parameterFamily, supportsWriteForwarding } from "../../components/core/engines.js";
import { FAILOVER_TIER_DEFAULTS } from "../../components/core/defaults.js";
import { byKey, multiRegionSpec, ofType, planService } from "./fixtures.js";

const CLUSTER = "aws:rds/cluster:Cluster";
const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";

describe("the database planner", () => {
  it.each([
    {
      engine: "aurora-postgresql",
      version: "16.4",
      secondaries: ["eu-west-1"],
      types: {
        "aws:rds/globalCluster:GlobalCluster": 1,
        [CLUSTER]: 2,
        [CLUSTER_INSTANCE]: 4,
        "aws:rds/clusterParameterGroup:ClusterParameterGroup": 2,
        "aws:kms/key:Key": 2,
        "aws:cloudwatch/metricAlarm:MetricAlarm": 1,
      },
    },
    {
      engine: "aurora-mysql",
      version: "8.0.mysql_aurora.3.05.2",
      secondaries: ["eu-west-1"],
      types: { "aws:rds/globalCluster:GlobalCluster": 1, [CLUSTER]: 2, [CLUSTER_INSTANCE]: 4, "aws:kms/key:Key": 2 },
    },
    {
      engine: "aurora-postgresql",
      version: "16.4",
      secondaries: [],
      types: {
        "aws:rds/globalCluster:GlobalCluster": 0,
        [CLUSTER]: 1,
        [CLUSTER_INSTANCE]: 2,
        "aws:kms/key:Key": 1,
        "aws:cloudwatch/metricAlarm:MetricAlarm": 0,
      },
    },
    {
      engine: "postgres",
      version: "16.4",
      secondaries: ["eu-west-1"],
      types: {
        [INSTANCE]: 2,
        "aws:rds/parameterGroup:ParameterGroup": 2,
        "aws:kms/key:Key": 2,
        [CLUSTER]: 0,
        "aws:cloudwatch/metricAlarm:MetricAlarm": 1,
      },
    },
    {
      engine: "mysql",
      version: "8.0.36",
      secondaries: [],
      types: { [INSTANCE]: 1, "aws:kms/key:Key": 1, "aws:rds/globalCluster:GlobalCluster": 0 },
    },
  ])(
    "plans $engine with secondaries $secondaries as the expected resources",
    ({ engine, version, secondaries, types }) => {
      const service = planService(
        multiRegionSpec(
          {
            "spec.database.engine": engine,
            "spec.database.version": version,
            "spec.database.secondaryRegions": secondaries,
          },
          "standard",
        ),
      );
      for (const [type, count] of Object.entries(types)) expect(ofType(service, type), type).toHaveLength(count);
      expect(ofType(service, "aws:secretsmanager/secret:Secret")).toHaveLength(1);
    },
  );

  it("joins the secondary cluster to the global cluster after the primary's instances, with its own region's key and no credentials", () => {
    const service = planService(multiRegionSpec());
    const secondary = byKey(service, "orders/eu-west-1/Cluster");
    expect(secondary.region).toBe("eu-west-1");
    expect(secondary.props).toMatchObject({
      globalClusterIdentifier: { ref: "orders/us-east-1/GlobalCluster", attr: "id" },
      kmsKeyId: { ref: "orders/eu-west-1/KmsKey", attr: "arn" },
      storageEncrypted: true,
      dbSubnetGroupName: "prod-euw1-private",
    });
    expect(secondary.props).not.toHaveProperty("masterPassword");
    expect(secondary.props).not.toHaveProperty("masterUsername");
    expect(secondary.opts.dependsOn).toEqual([
      "orders/us-east-1/ClusterInstance/1",
      "orders/us-east-1/ClusterInstance/2",
    ]);
    expect(secondary.opts.ignoreChanges).toEqual(["replicationSourceIdentifier"]);
  });

  it("gives the primary cluster a secret reference as its password, never a value", () => {
    const primary = byKey(planService(multiRegionSpec()), "orders/us-east-1/Cluster");
    expect(primary.props["masterPassword"]).toEqual({
      secret: "orders-database-master-password",
      source: "generated-password",
      length: 32,
      specialCharacters: "!#$%&*()-_=+[]{}<>:?",
      protect: true,
    });
    expect(primary.opts.additionalSecretOutputs).toEqual(["masterPassword"]);
  });

  it("protects the password generator only in production, so a replacement never rotates the master password unplanned", () => {
    const dev = planExamples("dev")
      .plan.services.find((s) => s.service === "checkout")
      ?.resources.find((r) => r.type === "aws:rds/cluster:Cluster");
    expect(dev?.props["masterPassword"]).not.toHaveProperty("protect");
  });

  it("replicates the master secret to every secondary region with that region's key", () => {
    const secret = byKey(planService(multiRegionSpec()), "orders/us-east-1/Secret");
    expect(secret.props["replicas"]).toEqual([
      { region: "eu-west-1", kmsKeyId: { ref: "orders/eu-west-1/KmsKey", attr: "arn" } },
    ]);
  });

  it("makes an RDS cross-region replica from the primary's ARN, encrypted with the replica region's key", () => {
    const service = planService(multiRegionSpec({ "spec.database.engine": "postgres" }, "standard"));
    const replica = byKey(service, "orders/eu-west-1/Instance");
    expect(replica.props).toMatchObject({
      replicateSourceDb: { ref: "orders/us-east-1/Instance", attr: "arn" },
      kmsKeyId: { ref: "orders/eu-west-1/KmsKey", attr: "arn" },
      skipFinalSnapshot: true,
    });
    expect(replica.props).not.toHaveProperty("password");
    expect(byKey(service, "orders/us-east-1/Instance").props).toMatchObject({
      multiAz: true,
      engine: "postgres",
      engineVersion: "16.4",
    });
  });

  it.each([
    { stack: "prod", protect: true, deletionProtection: true, skipFinalSnapshot: false },
    { stack: "staging", protect: undefined, deletionProtection: false, skipFinalSnapshot: true },
  ])(
    "protects the data in $stack: protect=$protect, deletionProtection=$deletionProtection",
    ({ stack, protect, deletionProtection, skipFinalSnapshot }) => {
      const primary = byKey(planService(multiRegionSpec({}, "standard"), stack), "orders/us-east-1/Cluster");
      expect(primary.opts.protect).toBe(protect);
      expect(primary.opts.retainOnDelete).toBe(protect);
      expect(primary.props).toMatchObject({ deletionProtection, skipFinalSnapshot });
    },
  );

  it.each(["critical", "standard", "best-effort"] as const)(
    "applies the %s tier's instance count, backups, Performance Insights and monitoring",
    (tier) => {
      const spec = multiRegionSpec({ "spec.database.secondaryRegions": [] }, tier);
      const service = planService(spec, "staging");
      const d = FAILOVER_TIER_DEFAULTS[tier];
      const instances = ofType(service, CLUSTER_INSTANCE);
      expect(instances).toHaveLength(d.instances);
      expect(byKey(service, "orders/us-east-1/Cluster").props["backupRetentionPeriod"]).toBe(d.backupRetentionDays);
      expect(instances[0]?.props).toMatchObject({
        performanceInsightsEnabled: d.performanceInsights,
        monitoringInterval: d.monitoringIntervalSeconds,
      });
      expect(ofType(service, "aws:iam/role:Role")).toHaveLength(d.monitoringIntervalSeconds > 0 ? 1 : 0);
      if (d.monitoringIntervalSeconds > 0)
        expect(instances[0]?.props["monitoringRoleArn"]).toEqual({
          ref: "orders/us-east-1/MonitoringRole",
          attr: "arn",
        });
    },
  );

  it("turns on global write forwarding on the secondaries only", () => {
    const service = planService(multiRegionSpec({ "spec.database.writeForwarding": true }));
    expect(byKey(service, "orders/eu-west-1/Cluster").props["enableGlobalWriteForwarding"]).toBe(true);
    expect(byKey(service, "orders/us-east-1/Cluster").props).not.toHaveProperty("enableGlobalWriteForwarding");
  });

  it("summarises topology, identifiers and the secret in the analysis", () => {
    expect(planService(multiRegionSpec()).analysis.database).toMatchObject({
      topology: "aurora-global",
      globalIdentifier: "orders-prod",
      identifiers: { "us-east-1": "orders-prod-us-east-1", "eu-west-1": "orders-prod-eu-west-1" },
      secret: { name: "reliability-stack/prod/orders/database-master", regions: ["us-east-1", "eu-west-1"] },
    });
  });
});

describe("engine facts", () => {
  it.each([
    ["aurora-postgresql", "16.4", "aurora-postgresql16"],
    ["aurora-mysql", "8.0.mysql_aurora.3.05.2", "aurora-mysql8.0"],
    ["postgres", "15.7", "postgres15"],
    ["mysql", "8.0.36", "mysql8.0"],
    ["postgres", "9.6.24", "postgres9.6"],
  ] as const)("names the parameter family of %s %s %s", (engine, version, family) => {
    expect(parameterFamily(engine, version)).toBe(family);
  });

  it.each([
    ["aurora-postgresql", "16.1", true],
    ["aurora-postgresql", "15.4", true],
    ["aurora-postgresql", "15.3", false],
    ["aurora-postgresql", "14.9", true],
    ["aurora-postgresql", "13.12", false],
    ["aurora-mysql", "5.7.mysql_aurora.2.08.1", true],
    ["aurora-mysql", "5.7.mysql_aurora.2.07.9", false],
    ["aurora-mysql", "8.0.mysql_aurora.3.04.0", true],
    ["aurora-mysql", "8.0.mysql_aurora.3.03.1", false],
    ["postgres", "16.4", false],
  ] as const)("knows whether %s %s supports global write forwarding (%s)", (engine, version, supported) => {
    expect(supportsWriteForwarding(engine, version)).toBe(supported);
  });
});
