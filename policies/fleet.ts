/**
 * Stack-wide rules about services colliding with each other or with the cluster: a service named
 * like a system namespace, two services planning records for one DNS name, and too many services'
 * chaos runs starting in the same minute in one cluster.
 */

import { z } from "zod";
import { SYSTEM_NAMESPACES } from "../components/core/conventions.js";
import { parseCron, splitZonedCron } from "../components/core/cron.js";
import { POLICY_LIMITS } from "../components/core/defaults.js";
import { must, ofType, stackRule } from "../components/core/policy/framework.js";
import type { Finding, StackSubject } from "../components/core/policy/types.js";
import { at, isUnknown, str } from "../components/core/policy/values.js";
import { firingTimes } from "../components/domains/chaos/calendar.js";
import { CHAOS_SCHEDULE } from "../components/domains/chaos/rules.js";
import { ROUTE53_RECORD } from "../components/domains/dns/rules.js";

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** No service is named like a namespace the cluster's own components use. */
export const serviceNameNotSystem = stackRule("stack", {
  name: "service-name-not-system",
  fix: "Rename metadata.name so it is not a system namespace (e.g. checkout-api instead of monitoring).",
  anchor:
    "Kubernetes multi-tenancy guidance: a service in kube-system, monitoring or chaos-mesh shares that namespace's privileges and quotas.",
  description: `No service is named like (or placed in) a system namespace: ${SYSTEM_NAMESPACES.join(", ")}.`,
  config: z.object({}),
  enforcement: "always",
  reads: () => undefined,
  check: (stack) =>
    stack.services
      .filter((s) => SYSTEM_NAMESPACES.includes(s.service) || SYSTEM_NAMESPACES.includes(s.namespace))
      .map((s) => ({
        service: s.service,
        path: "metadata.name",
        message: must(
          `Service ${s.service}`,
          `have a name that is not a system namespace (${SYSTEM_NAMESPACES.join(", ")}), e.g. ${s.service}-app`,
          "its namespace, quotas, network policies and chaos experiments would land among the cluster's own components, and deleting the service would delete them",
        ),
      })),
});

/** One DNS name is planned by one service. */
export const dnsNameOwnedOnce = stackRule("stack", {
  name: "dns-name-owned-once",
  fix: "Give spec.dns.name a name no other service claims, or remove spec.dns from one of the services.",
  anchor: "Route 53 record ownership: two stacks writing one record overwrite each other's failover.",
  description: "No two services plan Route 53 records for the same DNS name.",
  config: z.object({}),
  enforcement: "always",
  reads: (r) => (r.type === ROUTE53_RECORD ? { ...r, props: { name: r.props["name"] } } : undefined),
  check: (stack) => {
    const owners = new Map<string, Set<string>>();
    for (const s of stack.services)
      for (const r of ofType(s, ROUTE53_RECORD)) {
        const name = str(r.props, "name");
        if (name === undefined || isUnknown(name)) continue;
        const key = name.replace(/\.$/, "").toLowerCase();
        owners.set(key, (owners.get(key) ?? new Set()).add(s.service));
      }
    return [...owners].flatMap(([name, services]): Finding[] => {
      if (services.size < 2) return [];
      const [first, ...rest] = [...services].sort();
      return rest.map((service) => ({
        service,
        path: "spec.dns.name",
        message: must(
          `Service ${service}`,
          `plan records for a DNS name no other service uses (spec.dns.name), got ${name}, already planned by ${first ?? ""}`,
          "the two services' records overwrite each other on every update and traffic goes to whichever applied last",
        ),
      }));
    });
  },
});

/** Minutes (epoch minute) at which each service's chaos runs start in each region. */
function chaosStarts(stack: StackSubject, from: number, until: number): Map<string, Map<number, Set<string>>> {
  const byRegion = new Map<string, Map<number, Set<string>>>();
  for (const s of stack.services)
    for (const schedule of ofType(s, CHAOS_SCHEDULE)) {
      const text = str(schedule.props, "spec.schedule");
      if (text === undefined || isUnknown(text)) continue;
      const { timezone, cron } = splitZonedCron(text);
      if (!parseCron(cron).ok) continue;
      const minutes = byRegion.get(schedule.region) ?? new Map<number, Set<string>>();
      byRegion.set(schedule.region, minutes);
      for (const t of firingTimes(cron, timezone, from, until)) {
        const minute = Math.floor(t / MINUTE_MS);
        minutes.set(minute, (minutes.get(minute) ?? new Set()).add(s.service));
      }
    }
  return byRegion;
}

/** Few services' chaos runs start at once in one cluster. */
export const chaosStartsSpread = stackRule("stack", {
  name: "chaos-starts-spread",
  fix: 'Move spec.chaos.experiments[].schedule to another minute (e.g. "17 10 * * 2") so fewer services start in the same minute of a cluster.',
  anchor:
    "Principles of chaos engineering (minimize blast radius): simultaneous experiments in one cluster compound and cannot be told apart.",
  description: `At most ${POLICY_LIMITS.maxChaosStartsPerMinute} services' chaos runs start in the same minute in one cluster (region), within horizonDays from \`from\`.`,
  enforcement: "production",
  reads: (r) =>
    r.type === CHAOS_SCHEDULE ? { ...r, props: { spec: { schedule: at(r.props, "spec.schedule") } } } : undefined,
  config: z.object({
    from: z
      .string()
      .default("2026-01-01T00:00:00Z")
      .describe(
        "Start of the checked range (ISO 8601); `reliability check` passes the start of the current hour (UTC).",
      ),
    horizonDays: z.number().int().min(7).max(400).default(28).describe("Days checked from `from`."),
  }),
  check: (stack, config) => {
    const from = new Date(config.from).getTime();
    const max = POLICY_LIMITS.maxChaosStartsPerMinute;
    const out: Finding[] = [];
    for (const [region, minutes] of chaosStarts(stack, from, from + config.horizonDays * DAY_MS)) {
      const crowded = [...minutes].find(([, services]) => services.size > max);
      if (!crowded) continue;
      const [minute, services] = crowded;
      const names = [...services].sort();
      const at = new Date(minute * MINUTE_MS).toISOString().slice(0, 16);
      out.push({
        service: names[names.length - 1] ?? "",
        path: "spec.chaos.experiments",
        message: must(
          `The chaos runs of ${names.join(", ")} in ${region}`,
          `start at most ${max} services in one minute, got ${names.length} at ${at}Z; move one experiment's schedule (spec.chaos.experiments[].schedule) by at least a minute`,
          "simultaneous faults in one cluster overlap in its shared nodes, DNS and ingress: a joint outage no single experiment was sized for, whose cause cannot be told apart",
        ),
      });
    }
    return out;
  },
});

/** The stack-wide collision rules. */
export const FLEET_RULES = [serviceNameNotSystem, dnsNameOwnedOnce, chaosStartsSpread];
