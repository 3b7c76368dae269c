import { describe, expect, it } from "vitest";
import { planExamples } from "../support/project.js";

function service(stack: string, name: string) {
  const found = planExamples(stack).plan.services.find((s) => s.service === name);
  if (!found) throw new Error(`${name} not planned for ${stack}`);
  return found;
}

describe("the examples", () => {
  it("give checkout in prod a global database, per-region keys, health checks, failover records and alarms", () => {
    const types = service("prod", "checkout")
      .resources.filter((r) => r.provider === "aws")
      .map((r) => `${r.region} ${r.type}`);
    expect(types).toEqual(
      expect.arrayContaining([
        "us-east-1 aws:rds/globalCluster:GlobalCluster",
        "us-east-1 aws:kms/key:Key",
        "eu-west-1 aws:kms/key:Key",
        "eu-west-1 aws:rds/cluster:Cluster",
        "us-east-1 aws:route53/healthCheck:HealthCheck",
        "us-east-1 aws:route53/record:Record",
        "us-east-1 aws:cloudwatch/metricAlarm:MetricAlarm",
      ]),
    );
  });

  it("give checkout in dev a single-region database and no failover", () => {
    const checkout = service("dev", "checkout");
    expect(new Set(checkout.resources.filter((r) => r.provider === "aws").map((r) => r.region))).toEqual(
      new Set(["us-east-1"]),
    );
    expect(
      checkout.resources.some(
        (r) => r.type.startsWith("aws:route53/") || r.type === "aws:rds/globalCluster:GlobalCluster",
      ),
    ).toBe(false);
    expect(checkout.analysis.database?.topology).toBe("aurora");
    expect(checkout.analysis.runbook).toBeUndefined();
  });

  it("write checkout's failover and failback runbook in order: DNS detects, the global cluster fails over, then switches back", () => {
    const runbook = service("prod", "checkout").analysis.runbook;
    expect(runbook).toMatchObject({ from: "us-east-1", to: "eu-west-1" });
    expect(runbook?.failover.map((s) => s.step)).toEqual([1, 2, 3, 4, 5]);
    expect(runbook?.failover[0]).toMatchObject({ automatic: true });
    expect(runbook?.failover.find((s) => s.command?.includes("failover-global-cluster"))?.command).toContain(
      "--global-cluster-identifier checkout-prod --allow-data-loss",
    );
    expect(runbook?.failback.find((s) => s.command?.includes("switchover-global-cluster"))?.command).toContain(
      "--db-cluster-identifier checkout-prod-us-east-1",
    );
  });

  it("give inventory a promote-read-replica runbook", () => {
    const runbook = service("prod", "inventory").analysis.runbook;
    expect(runbook?.failover.map((s) => s.command).filter(Boolean)[0]).toBe(
      "aws rds promote-read-replica --region eu-west-1 --db-instance-identifier inventory-prod-eu-west-1",
    );
  });
});
