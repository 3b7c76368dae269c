/**
 * A service's topology for diagrams: regions, the DNS name in front of them and the database
 * replication between them, read from the planners' analysis and the planned resources.
 */

import type { PlannedResource, ServicePlan } from "../core/plan/types.js";

/** What the diagram shows of one service. */
export interface Topology {
  /** Service name. */
  readonly service: string;
  /** Regions it runs in. */
  readonly regions: readonly string[];
  /** Replica count (`3` or `3-12`). */
  readonly replicas: string;
  /** DNS in front of the regions, when planned. */
  readonly dns?: {
    readonly name: string;
    readonly routing: string;
    /** The TTL the spec declares (`spec.dns.ttl`), seconds. */
    readonly ttl: number;
    /** The TTL clients see: the longest of the declared TTL and an alias target's, seconds. */
    readonly effectiveTtl: number;
    readonly targets: readonly { readonly region: string; readonly role?: string; readonly healthChecked: boolean }[];
  };
  /** The database, when planned. */
  readonly database?: {
    readonly engine: string;
    readonly replication: string;
    readonly regions: readonly { readonly region: string; readonly role: "primary" | "replica" }[];
  };
}

/** Reads the topology of a planned service. */
export function serviceTopology(service: ServicePlan): Topology {
  const dns = dnsTopology(service);
  const database = databaseTopology(service);
  return {
    service: service.service,
    regions: service.regions,
    replicas: service.analysis.workload.replicas,
    ...(dns ? { dns } : {}),
    ...(database ? { database } : {}),
  };
}

/** The type of the DNS records the topology reads (whether each region's record is health checked). */
const DNS_RECORD = "aws:route53/record:Record";

/** Whether a report reads `resource` beside the services' analysis: only the DNS records of the topology. */
export function readByReport(resource: PlannedResource): boolean {
  return resource.type === DNS_RECORD;
}

function dnsTopology(service: ServicePlan): Topology["dns"] {
  const dns = service.analysis.dns;
  if (!dns) return undefined;
  const checked = new Set(
    service.resources
      .filter((r) => readByReport(r) && r.props["healthCheckId"] !== undefined)
      .map((r) => r.key.split("/").pop()),
  );
  const targets = dns.targets.map((t) => ({ region: t.region, role: t.role, healthChecked: checked.has(t.region) }));
  return { name: dns.name, routing: dns.routing, ttl: dns.ttlSeconds, effectiveTtl: dns.effectiveTtlSeconds, targets };
}

function databaseTopology(service: ServicePlan): Topology["database"] {
  const db = service.analysis.database;
  if (!db) return undefined;
  return {
    engine: `${db.engine} ${db.version}`,
    replication: db.topology.startsWith("aurora") ? "Aurora global replication" : "asynchronous replica",
    regions: [
      { region: db.primaryRegion, role: "primary" },
      ...db.secondaryRegions.map((region) => ({ region, role: "replica" as const })),
    ],
  };
}
