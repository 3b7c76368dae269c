/**
 * Stack-level rules: every service has exactly the resources it is expected to have in each of
 * its regions, and nothing is left over, misplaced or pointing at a resource that does not exist.
 */

import { z } from "zod";
import { refKeys } from "../components/core/plan/types.js";
import { describe, must, ofType, serviceRule, stackRule } from "../components/core/policy/framework.js";
import { STATUS_NAMES } from "../components/core/conventions.js";
import { chaosRulesName } from "../components/core/chaos-conventions.js";
import { CHAOS_SCHEDULE } from "../components/domains/chaos/rules.js";
import { databases } from "../components/domains/database/rules.js";
import { ROUTE53_RECORD } from "../components/domains/dns/rules.js";
import { PROBE } from "../components/domains/status/rules.js";
import { isServiceWorkload, KUBE } from "../components/core/policy/kube.js";
import { FLEET_RULES } from "./fleet.js";
import type { Finding, ServiceSubject, Subject } from "../components/core/policy/types.js";
import { at, isUnknown, num } from "../components/core/policy/values.js";

/** Kubernetes kinds every service has exactly once in each region. */
export const PER_REGION_KINDS: readonly string[] = [
  KUBE.namespace,
  KUBE.serviceAccount,
  KUBE.deployment,
  KUBE.service,
  KUBE.pdb,
  KUBE.prometheusRule,
];

function kindName(type: string): string {
  return type.split(":").pop() ?? type;
}

function countFinding(service: ServiceSubject, region: string, type: string, expected: number, got: number): Finding {
  const want = expected === 1 ? "exactly one" : expected === 0 ? "no" : String(expected);
  return {
    service: service.service,
    path: "spec.regions",
    message: must(
      `Service ${service.service} in ${region}`,
      `have ${want} ${kindName(type)}, has ${got}`,
      "each region must run one complete, independent copy of the service and nothing the spec did not ask for",
    ),
  };
}

/**
 * How many objects of a per-region kind a service has in a region, leaving out the status domain's
 * endpoint PrometheusRule (planned when the service has endpoints, and checked against the analysis)
 * and the chaos domain's (planned when it runs experiments);
 * undefined when a PrometheusRule's name is not known yet.
 */
function counted(service: ServiceSubject, type: string, region: string): number | undefined {
  const all = ofType(service, type, region);
  if (type === KUBE.deployment || type === KUBE.service) {
    if (all.some((r) => isUnknown(at(r.props, "metadata.labels")))) return undefined;
    return all.filter(isServiceWorkload).length;
  }
  if (type !== KUBE.prometheusRule) return all.length;
  const names = all.map((r) => at(r.props, "metadata.name"));
  if (names.some(isUnknown)) return undefined;
  const others = new Set([STATUS_NAMES.rules(service.service), chaosRulesName(service.service)]);
  return names.filter((name) => typeof name !== "string" || !others.has(name)).length;
}

/** Exactly the expected Kubernetes objects per region; an HPA exactly when the Deployment leaves replicas to it. */
export const expectedResources = serviceRule("stack", {
  name: "expected-resources",
  fix: "Remove the transformation that adds or drops resources, so every region has exactly the planned set.",
  anchor: "Multi-region practice: each region runs one complete, independent copy of the service.",
  description:
    "Each service has exactly its expected resources in every region (Namespace, ServiceAccount, Deployment, Service, PodDisruptionBudget, PrometheusRule, an autoscaler when autoscaled, the kinds in perRegion) and, offline, exactly the Schedules, database regions, DNS records and status Probes its plan analysis lists.",
  config: z.object({
    perRegion: z
      .array(z.string())
      .default([])
      .describe("Further type tokens every service must have exactly once per region."),
  }),
  check: (service, config) => {
    const out: Finding[] = [];
    for (const region of service.regions) {
      for (const type of [...PER_REGION_KINDS, ...config.perRegion]) {
        const got = counted(service, type, region);
        if (got !== undefined && got !== 1) out.push(countFinding(service, region, type, 1, got));
      }
      const deployment = ofType(service, KUBE.deployment, region)[0];
      const replicas = deployment ? num(deployment.props, "spec.replicas") : UNKNOWN_REPLICAS;
      if (isUnknown(replicas) || replicas === UNKNOWN_REPLICAS) continue;
      const hpas = ofType(service, KUBE.hpa, region).length;
      const want = replicas === undefined ? 1 : 0;
      if (hpas !== want) out.push(countFinding(service, region, KUBE.hpa, want, hpas));
    }
    return [...out, ...plannedAsAnalysed(service)];
  },
});

/** Offline, the analysis says what each planner decided: its Schedules, database regions, DNS targets and Probes must all exist, and no others. */
function plannedAsAnalysed(service: ServiceSubject): Finding[] {
  const a = service.analysis;
  if (!a) return [];
  const out: Finding[] = [];
  const compare = (what: string, path: string, expected: readonly string[], actual: readonly string[]): void => {
    const missing = expected.filter((x) => !actual.includes(x));
    const extra = actual.filter((x) => !expected.includes(x));
    if (missing.length === 0 && extra.length === 0) return;
    const diff = [
      missing.length > 0 ? `missing ${missing.join(", ")}` : "",
      extra.length > 0 ? `unexpected ${extra.join(", ")}` : "",
    ]
      .filter(Boolean)
      .join("; ");
    out.push({
      service: service.service,
      path,
      message: must(
        `${what} of ${service.service}`,
        `match the plan's analysis (${diff})`,
        "what reviewers, the calendar and the budget see must be exactly what is deployed",
      ),
    });
  };
  const schedules = (a.chaos?.experiments ?? []).flatMap((e) =>
    e.regions.flatMap((r) => r.schedules.map((x) => x.key)),
  );
  compare(
    "The chaos Schedules",
    "spec.chaos",
    schedules,
    ofType(service, CHAOS_SCHEDULE).map((r) => r.key),
  );
  const dbRegions = a.database ? [a.database.primaryRegion, ...a.database.secondaryRegions] : [];
  compare(
    "The database regions",
    "spec.database",
    dbRegions.sort(),
    [...new Set(databases(service).map((r) => r.region))].sort(),
  );
  const dnsRegions = (a.dns?.targets ?? []).map((t) => t.region);
  const records = ofType(service, ROUTE53_RECORD).map((r) => r.key.split("/").pop() ?? "");
  compare("The DNS records", "spec.dns", dnsRegions.sort(), records.sort());
  compare(
    "The status Probes",
    "spec.status",
    [...(a.status?.probes ?? [])].sort(),
    ofType(service, PROBE)
      .map((r) => r.key)
      .sort(),
  );
  const beside = (r: Subject): boolean =>
    (r.type === KUBE.deployment || r.type === KUBE.service) && !isServiceWorkload(r);
  compare(
    "The Deployments and Services beside the workload (the incident bridge)",
    "spec.status",
    (a.status?.incidents?.resources ?? []).filter((key) => /\/(Deployment|Service)\//.test(key)).sort(),
    service.resources
      .filter(beside)
      .map((r) => r.key)
      .sort(),
  );
  return out;
}

const UNKNOWN_REPLICAS = -1;

function isKube(r: Subject): boolean {
  return r.type.startsWith("kubernetes:");
}

/** What {@link misplaced} reads of a resource: its place, its name and namespace, and the keys it refers to. */
function placement(r: Subject): Subject {
  const metadata = { name: at(r.props, "metadata.name"), namespace: at(r.props, "metadata.namespace") };
  return { ...r, props: { metadata, refs: refKeys(r.props).map((ref) => ({ ref, attr: "" })) } };
}

/** Where a resource is misplaced: another region, another namespace, or a reference to nothing. */
function misplaced(service: ServiceSubject, r: Subject, keys: ReadonlySet<string>): string | undefined {
  if (isKube(r) && r.region !== "" && !service.regions.includes(r.region))
    return `run in one of the service's regions (${service.regions.join(", ")}), not ${r.region}`;
  const ns = r.type === KUBE.namespace ? at(r.props, "metadata.name") : at(r.props, "metadata.namespace");
  if (isKube(r) && typeof ns === "string" && ns !== service.namespace)
    return `live in namespace ${service.namespace}, not ${ns}`;
  const dangling = refKeys(r.props).find((key) => !keys.has(key));
  if (dangling !== undefined) return `refer only to planned resources, but refers to ${dangling}`;
  return undefined;
}

/** Nothing orphaned: no unowned managed resources, nothing outside its service's regions or namespace, no dangling references. */
export const noOrphans = stackRule("stack", {
  name: "no-orphans",
  fix: "Remove the resource or move it into its service's regions and namespace, and point references at resources that exist.",
  anchor: "Pulumi practice: orphaned resources and dangling references fail at deploy time or leak.",
  description:
    "Every resource belongs to a service, lives in that service's regions and namespace, and refers only to resources that exist.",
  config: z.object({}),
  reads: placement,
  check: (stack) => {
    const keys = new Set(stack.services.flatMap((s) => s.resources.map((r) => r.key)));
    const out: Finding[] = stack.strays.map((r) => ({
      resource: r.key,
      message: must(
        describe(r),
        "belong to a service of this stack",
        "a managed resource no spec declares is left running, unreviewed and unowned",
      ),
    }));
    for (const service of stack.services) {
      for (const r of service.resources) {
        const problem = misplaced(service, r, keys);
        if (problem)
          out.push({
            service: service.service,
            resource: r.key,
            message: must(
              describe(r),
              problem,
              "a misplaced resource is invisible to the service's owners and survives its removal",
            ),
          });
      }
    }
    return out;
  },
});

/** The stack-level rules. */
export const STACK_RULES = [expectedResources, noOrphans, ...FLEET_RULES];
