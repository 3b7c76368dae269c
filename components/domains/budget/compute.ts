/**
 * Worst-case arithmetic of a failover, from planned settings only. Pure; every constant is in
 * `FAILOVER_CONSTANTS` with its source.
 */

import { FAILOVER_CONSTANTS } from "../../core/defaults.js";
import type { ResolvedObjectives } from "../alerts/resolved.js";
import { isAurora } from "../../core/engines.js";
import type { DatabaseSettings } from "../database/settings.js";
import type { DnsSettings } from "../dns/settings.js";
import type { BudgetTerm, BudgetVerdict, FailoverBudget } from "./types.js";

const C = FAILOVER_CONSTANTS;

/** What the budget needs to know about a service. */
export interface BudgetInput {
  /** Objectives (milliseconds). */
  readonly objectives: Pick<ResolvedObjectives, "rtoMs" | "rpoMs">;
  /** Regions the service runs in. */
  readonly regions: readonly string[];
  /** Database settings, when the service has a database. */
  readonly database?: DatabaseSettings;
  /** DNS settings, when the service has DNS. */
  readonly dns?: DnsSettings;
  /** Whether FAILs are mandatory violations. */
  readonly enforced: boolean;
}

/** Route 53 detection terms: interval × failure threshold, then the checker's connect and response timeouts. */
export function detectionTerms(dns: DnsSettings): BudgetTerm[] {
  const hc = dns.healthCheck;
  return [
    {
      name: "health-check interval × failure threshold",
      ms: hc.intervalSeconds * hc.failureThreshold * 1000,
      source: `spec.dns.healthCheck (${hc.intervalSeconds} s × ${hc.failureThreshold})`,
    },
    { name: "checker TCP connect timeout", ms: C.route53ConnectTimeoutMs, source: "Route 53 (4 s)" },
    { name: "checker response timeout", ms: C.route53ResponseTimeoutMs, source: "Route 53 (2 s)" },
  ];
}

/** DNS failover terms: detection, then the TTL clients see, then the client-cache allowance. */
export function dnsFailoverTerms(dns: DnsSettings): BudgetTerm[] {
  const aliased = dns.targets.some((t) => t.kind === "alias");
  return [
    ...detectionTerms(dns),
    {
      name: "record TTL",
      ms: dns.effectiveTtlSeconds * 1000,
      source: aliased ? "longest of spec.dns.ttl and the load balancer's 60 s TTL (alias records)" : "spec.dns.ttl",
    },
    { name: "client cache allowance", ms: dns.clientCacheSeconds * 1000, source: "spec.dns.clientCacheSeconds" },
  ];
}

/** Computes the budget of one service. */
export function computeBudget(input: BudgetInput): FailoverBudget {
  const { database: db, dns } = input;
  const multiRegion = input.regions.length > 1 || (db?.secondaryRegions.length ?? 0) > 0;
  const dnsTerms = dns && dns.targets.length > 1 ? dnsFailoverTerms(dns) : [];
  const scenario = multiRegion ? "region" : db ? "zone" : "none";
  return {
    scenario,
    detectionMs: dns ? sum(detectionTerms(dns)) : null,
    dnsFailoverMs: dns ? sum(dnsFailoverTerms(dns)) : null,
    rto: rto(input, scenario, dnsTerms),
    rpo: rpo(input, scenario),
    enforced: input.enforced,
  };
}

function rto(input: BudgetInput, scenario: FailoverBudget["scenario"], dnsTerms: BudgetTerm[]): BudgetVerdict {
  const objective = input.objectives.rtoMs;
  const db = input.database;
  if (!db) {
    if (dnsTerms.length === 0) return notApplicable(objective, "no database and no DNS failover is planned");
    return verdict(objective, dnsTerms, "DNS moves clients to a healthy region");
  }
  if (scenario === "zone") {
    const aurora = isAurora(db.engine);
    if (aurora && db.instances < 2)
      return unbounded(
        objective,
        "a single Aurora instance has no replica to fail over to; Aurora must create a new one",
      );
    const term = aurora
      ? {
          name: "Aurora failover to a replica in the region",
          ms: C.auroraInRegionFailoverMs,
          source: "Aurora high availability (under 120 s)",
        }
      : { name: "RDS Multi-AZ failover", ms: C.rdsMultiAzFailoverMs, source: "RDS Multi-AZ (typically 60–120 s)" };
    return verdict(objective, [term], "the database fails over within its region");
  }
  if (db.secondaryRegions.length === 0)
    return unbounded(
      objective,
      `the database has no secondary region: losing ${db.primaryRegion} stops writes until it recovers`,
    );
  return verdict(
    objective,
    [promotionTerm(db), ...dnsTerms],
    dnsTerms.length > 0
      ? "promote the secondary, then DNS moves clients"
      : "promote the secondary (no DNS failover planned)",
  );
}

function rpo(input: BudgetInput, scenario: FailoverBudget["scenario"]): BudgetVerdict {
  const objective = input.objectives.rpoMs;
  const db = input.database;
  if (!db) return notApplicable(objective, "the service keeps no database state");
  if (scenario === "zone")
    return verdict(
      objective,
      [
        {
          name: "synchronous storage across zones",
          ms: 0,
          source: isAurora(db.engine) ? "Aurora storage (6 copies in 3 zones)" : "RDS Multi-AZ standby",
        },
      ],
      "no committed write is lost",
    );
  if (db.secondaryRegions.length === 0)
    return unbounded(objective, `the database has no copy outside ${db.primaryRegion}`);
  const term = isAurora(db.engine)
    ? {
        name: "Aurora global replication lag",
        ms: C.auroraGlobalLagMs,
        source: "Aurora Global Database (typically under 1 s)",
      }
    : {
        name: "RDS cross-region replica lag (assumed; alarmed)",
        ms: C.rdsReplicaLagMs,
        source: "assumption, watched by the ReplicaLag alarm",
      };
  return verdict(objective, [term], "writes not yet replicated are lost on an unplanned failover");
}

function promotionTerm(db: DatabaseSettings): BudgetTerm {
  return isAurora(db.engine)
    ? {
        name: "Aurora global failover (promote secondary)",
        ms: C.auroraGlobalPromotionMs,
        source: "Aurora Global Database (about 1 min)",
      }
    : {
        name: "promote RDS read replica (assumed)",
        ms: C.rdsReplicaPromotionMs,
        source: "assumption (AWS: several minutes or longer)",
      };
}

/** A verdict from its terms: PASS when the sum is at most the objective. */
export function verdict(objectiveMs: number, terms: readonly BudgetTerm[], reason: string): BudgetVerdict {
  const worstMs = sum(terms);
  return {
    objectiveMs,
    worstMs,
    marginMs: objectiveMs - worstMs,
    status: worstMs <= objectiveMs ? "PASS" : "FAIL",
    reason,
    terms,
  };
}

function unbounded(objectiveMs: number, reason: string): BudgetVerdict {
  return { objectiveMs, worstMs: null, marginMs: null, status: "FAIL", reason, terms: [] };
}

function notApplicable(objectiveMs: number, reason: string): BudgetVerdict {
  return { objectiveMs, worstMs: null, marginMs: null, status: "N/A", reason, terms: [] };
}

function sum(terms: readonly BudgetTerm[]): number {
  return terms.reduce((total, t) => total + t.ms, 0);
}
