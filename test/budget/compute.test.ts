import { describe, expect, it } from "vitest";
import { computeBudget, detectionTerms, verdict, type BudgetInput } from "../../components/domains/budget/plan.js";
import type { DatabaseSettings } from "../../components/domains/database/settings.js";
import type { DnsSettings } from "../../components/domains/dns/settings.js";
import { FAILOVER_CONSTANTS as C } from "../../components/core/defaults.js";

const dns = (over: Partial<DnsSettings> = {}, hc: Partial<DnsSettings["healthCheck"]> = {}): DnsSettings => ({
  name: "orders.acme.example",
  zoneId: "Z0EXAMPLE",
  routing: "failover",
  primaryRegion: "us-east-1",
  ttlSeconds: 30,
  effectiveTtlSeconds: 30,
  clientCacheSeconds: 0,
  healthCheck: {
    protocol: "HTTPS",
    port: 443,
    path: "/ready",
    intervalSeconds: 10,
    failureThreshold: 3,
    measureLatency: false,
    ...hc,
  },
  targets: [
    { region: "us-east-1", hostname: "a.example", kind: "cname" },
    { region: "eu-west-1", hostname: "b.example", kind: "cname" },
  ],
  ...over,
});

const db = (over: Partial<DatabaseSettings> = {}): DatabaseSettings => ({
  engine: "aurora-postgresql",
  version: "16.4",
  instanceClass: "db.r6g.large",
  primaryRegion: "us-east-1",
  secondaryRegions: ["eu-west-1"],
  instances: 2,
  allocatedStorageGb: 100,
  backupRetentionDays: 7,
  writeForwarding: false,
  deletionProtection: true,
  performanceInsights: true,
  monitoringIntervalSeconds: 60,
  port: 5432,
  production: true,
  identifier: "orders-prod",
  ...over,
});

const input = (over: Partial<BudgetInput>): BudgetInput => ({
  objectives: { rtoMs: 300_000, rpoMs: 5_000 },
  regions: ["us-east-1", "eu-west-1"],
  enforced: true,
  ...over,
});

describe("the failover budget", () => {
  it.each([
    { interval: 10, threshold: 1, detection: 16_000 },
    { interval: 10, threshold: 3, detection: 36_000 },
    { interval: 30, threshold: 3, detection: 96_000 },
    { interval: 30, threshold: 10, detection: 306_000 },
  ] as const)(
    "detects in interval $interval s × threshold $threshold + 4 s + 2 s = $detection ms",
    ({ interval, threshold, detection }) => {
      expect(
        computeBudget(input({ dns: dns({}, { intervalSeconds: interval, failureThreshold: threshold }) })).detectionMs,
      ).toBe(detection);
    },
  );

  it("adds the TTL clients see and the client-cache allowance to detection for DNS failover", () => {
    expect(computeBudget(input({ dns: dns({ effectiveTtlSeconds: 60, clientCacheSeconds: 15 }) })).dnsFailoverMs).toBe(
      36_000 + 60_000 + 15_000,
    );
  });

  it("puts Aurora promotion before DNS failover in the RTO and the global lag bound in the RPO", () => {
    const budget = computeBudget(input({ dns: dns(), database: db() }));
    expect(budget.rto.worstMs).toBe(C.auroraGlobalPromotionMs + 36_000 + 30_000);
    expect(budget.rpo).toMatchObject({
      worstMs: C.auroraGlobalLagMs,
      marginMs: 5_000 - C.auroraGlobalLagMs,
      status: "PASS",
    });
    expect(budget.scenario).toBe("region");
  });

  it("uses the documented RDS replica assumptions for cross-region replicas", () => {
    const budget = computeBudget(
      input({ database: db({ engine: "postgres" }), objectives: { rtoMs: 3_600_000, rpoMs: 300_000 } }),
    );
    expect(budget.rto.worstMs).toBe(C.rdsReplicaPromotionMs);
    expect(budget.rpo.worstMs).toBe(C.rdsReplicaLagMs);
  });

  it("passes a worst case exactly equal to the objective with zero margin, and fails one a millisecond over", () => {
    const worst = C.auroraGlobalPromotionMs + 66_000;
    const at = computeBudget(
      input({ dns: dns(), database: db(), objectives: { rtoMs: worst, rpoMs: C.auroraGlobalLagMs } }),
    );
    expect(at.rto).toMatchObject({ status: "PASS", marginMs: 0 });
    expect(at.rpo).toMatchObject({ status: "PASS", marginMs: 0 });
    const over = computeBudget(
      input({ dns: dns(), database: db(), objectives: { rtoMs: worst - 1, rpoMs: C.auroraGlobalLagMs - 1 } }),
    );
    expect(over.rto).toMatchObject({ status: "FAIL", marginMs: -1 });
    expect(over.rpo).toMatchObject({ status: "FAIL", marginMs: -1 });
  });

  it("fails, unbounded, a multi-region service whose database has no secondary", () => {
    const budget = computeBudget(input({ dns: dns(), database: db({ secondaryRegions: [] }) }));
    expect(budget.rto).toMatchObject({ status: "FAIL", worstMs: null, marginMs: null });
    expect(budget.rpo.reason).toMatch(/no copy outside us-east-1/);
  });

  it("budgets a single-region database for a zone failure: in-region failover, no data loss", () => {
    const aurora = computeBudget(input({ regions: ["us-east-1"], database: db({ secondaryRegions: [] }) }));
    expect(aurora).toMatchObject({
      scenario: "zone",
      rto: { worstMs: C.auroraInRegionFailoverMs },
      rpo: { worstMs: 0, status: "PASS" },
    });
    const rds = computeBudget(
      input({ regions: ["us-east-1"], database: db({ engine: "mysql", secondaryRegions: [] }) }),
    );
    expect(rds.rto.worstMs).toBe(C.rdsMultiAzFailoverMs);
    const single = computeBudget(
      input({ regions: ["us-east-1"], database: db({ secondaryRegions: [], instances: 1 }) }),
    );
    expect(single.rto.status).toBe("FAIL");
  });

  it("marks RTO and RPO not applicable for a stateless service without DNS", () => {
    const budget = computeBudget(input({ regions: ["us-east-1"] }));
    expect(budget).toMatchObject({
      scenario: "none",
      detectionMs: null,
      dnsFailoverMs: null,
      rto: { status: "N/A" },
      rpo: { status: "N/A" },
    });
  });

  it("budgets a stateless multi-region service by its DNS failover alone", () => {
    const budget = computeBudget(input({ dns: dns() }));
    expect(budget.rto.worstMs).toBe(66_000);
    expect(budget.rpo.status).toBe("N/A");
  });

  it("lists every term it adds, each with its source", () => {
    expect(detectionTerms(dns()).map((t) => [t.ms, t.source])).toEqual([
      [30_000, "spec.dns.healthCheck (10 s × 3)"],
      [4_000, "Route 53 (4 s)"],
      [2_000, "Route 53 (2 s)"],
    ]);
    expect(
      verdict(
        10,
        [
          { name: "a", ms: 4, source: "x" },
          { name: "b", ms: 6, source: "y" },
        ],
        "r",
      ),
    ).toMatchObject({ worstMs: 10, marginMs: 0, status: "PASS" });
  });
});
