/**
 * Cross-field rules for `spec.dns`: TTLs that keep failover fast, names inside the zone, routing
 * that fits the regions, and DNS following the database's primary.
 */

import { FAILOVER_DEFAULTS } from "../../core/defaults.js";
import { quote } from "../../core/spec/errors.js";
import type { PathSegment } from "../../core/spec/positions.js";
import type { SpecCheck, SpecIssue } from "../../core/spec/checks.js";

const DNS: PathSegment[] = ["spec", "dns"];

const dnsTtlAndTargets: SpecCheck = ({ service, input }) => {
  const dns = input.spec.dns;
  if (!dns) return [];
  const issues: SpecIssue[] = [];
  const max = FAILOVER_DEFAULTS.maxHealthCheckedTtl;
  if (dns.ttl !== undefined && dns.ttl > max)
    issues.push({
      path: [...DNS, "ttl"],
      message: `must be at most ${max} seconds because every record is health-checked and clients must follow a failover quickly, got ${dns.ttl}`,
    });
  if (dns.name !== dns.zone && !dns.name.endsWith(`.${dns.zone}`))
    issues.push({
      path: [...DNS, "name"],
      message: `must be ${quote(dns.zone)} or a name under it, got ${quote(dns.name)}`,
    });
  if (dns.routing === "failover" && service.regions.length !== 2) {
    issues.push({
      path: [...DNS, "routing"],
      message: `must be latency unless the service runs in exactly 2 regions (failover has one PRIMARY and one SECONDARY record), got failover with ${service.regions.length} region(s)`,
    });
  }
  if (dns.healthCheck?.protocol === "TCP" && dns.healthCheck.path !== undefined) {
    issues.push({
      path: [...DNS, "healthCheck", "path"],
      message: `must not be set with protocol TCP (a TCP check requests no path), got ${quote(dns.healthCheck.path)}`,
    });
  }
  return issues;
};

const dnsFollowsDatabase: SpecCheck = ({ service, input, stack }) => {
  const dns = input.spec.dns;
  if (!dns) return [];
  const issues: SpecIssue[] = [];
  const db = input.spec.database;
  if (dns.primaryRegion !== undefined && db && dns.primaryRegion !== db.primaryRegion) {
    issues.push({
      path: [...DNS, "primaryRegion"],
      message: `must equal spec.database.primaryRegion (${quote(db.primaryRegion)}) so traffic goes where writes are accepted, got ${quote(dns.primaryRegion)}`,
    });
  } else if (dns.primaryRegion !== undefined && !service.regions.includes(dns.primaryRegion)) {
    issues.push({
      path: [...DNS, "primaryRegion"],
      message: `must be one of the service's regions (${quote(service.regions)}), got ${quote(dns.primaryRegion)}`,
    });
  }
  if (stack && !stack.route53)
    issues.push({
      path: DNS,
      message: `must not be set while stack ${stack.stack} has no reliability:route53.hostedZoneId (the zone the records go in); set it or use dns: null for ${stack.environment}; got dns for ${quote(dns.name)}`,
    });
  if (stack && dns.name === dns.zone && service.regions.some((r) => !stack.regions[r]?.ingress.loadBalancer)) {
    issues.push({
      path: [...DNS, "name"],
      message: `must be below the zone apex when a region has no load balancer (a CNAME cannot sit at ${quote(dns.zone)}), got ${quote(dns.name)}`,
    });
  }
  return issues;
};

/** Every DNS check. */
export const dnsChecks: readonly SpecCheck[] = [dnsTtlAndTargets, dnsFollowsDatabase];
