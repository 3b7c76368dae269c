import { describe, it } from "vitest";
import type { Plan } from "../../components/core/plan/types.js";
import * as alerts from "../../components/domains/alerts/rules.js";
import * as budget from "../../components/domains/budget/rules.js";
import * as chaos from "../../components/domains/chaos/rules.js";
import * as db from "../../components/domains/database/rules.js";
import * as dns from "../../components/domains/dns/rules.js";
import * as stack from "../../policies/stack.js";
import { RULES } from "../../policies/registry.js";
import { expectBaselineClean, expectOffline, expectPack, expectUnknownTolerated, type RuleCase } from "./cases.js";
import { dropResources, resource, setProp } from "./support.js";

const RULE = "checkout/us-east-1/PrometheusRule";
const AMC = "checkout/us-east-1/AlertmanagerConfig";
const KILL = "checkout/us-east-1/Schedule/kill-one-pod";
const INJECT = "spec.workflow.templates.2.podChaos";
const GATE = "spec.workflow.templates.0";
const base = { level: "mandatory", inPack: true } as const;

type Loose = Record<string, unknown>;

/** Edits every alerting rule of a PrometheusRule. */
function editAlerts(plan: Plan, key: string, edit: (rule: Loose) => Loose | undefined): void {
  const groups = (resource(plan, key).props as unknown as { spec: { groups: { rules: Loose[] }[] } }).spec.groups;
  for (const g of groups)
    g.rules = g.rules.flatMap((r): Loose[] =>
      r["alert"] === undefined ? [r] : [edit(r)].filter((x): x is Loose => x !== undefined),
    );
}

function setBudget(plan: Plan, what: "rto" | "rpo", worstMs: number): void {
  const service = plan.services.find((s) => s.service === "checkout");
  const verdict = service?.analysis.budget?.[what];
  if (!verdict) throw new Error("no budget");
  Object.assign(verdict, { worstMs, marginMs: verdict.objectiveMs - worstMs, status: "FAIL" });
}

const CASES: readonly RuleCase[] = [
  {
    ...base,
    resource: "",
    name: "a service without page burn-rate alerts",
    rule: alerts.burnRateAlerts,
    change: (p) =>
      editAlerts(p, RULE, (r) =>
        r["alert"] === "ErrorBudgetBurn" && (r["labels"] as Loose)["severity"] === "critical" ? undefined : r,
      ),
    unknownAt: [RULE, "spec.groups"],
    says: "have ErrorBudgetBurn alerts for availability/critical",
  },
  {
    ...base,
    resource: RULE,
    name: "an alert without a runbook_url",
    rule: alerts.alertMetadata,
    change: (p) => editAlerts(p, RULE, (r) => ({ ...r, annotations: {} })),
    unknownAt: [RULE, "spec.groups"],
    says: "have a runbook_url annotation",
  },
  {
    ...base,
    resource: RULE,
    name: "an alert with an unknown severity",
    rule: alerts.alertMetadata,
    change: (p) => editAlerts(p, RULE, (r) => ({ ...r, labels: { ...(r["labels"] as Loose), severity: "sev1" } })),
    says: "have a severity label of critical, warning, info",
  },
  {
    ...base,
    resource: AMC,
    name: "a severity routed to an undefined receiver",
    rule: alerts.alertsRouted,
    change: (p) => setProp(p, AMC, "spec.route.routes.0.receiver", "pager-nobody"),
    unknownAt: [AMC, "spec.route.routes"],
    says: "route severity=critical to a defined receiver, got pager-nobody",
  },
  {
    ...base,
    resource: RULE,
    name: "a service whose objectives are declared unmeasured",
    rule: alerts.objectivesMeasured,
    change: (p) =>
      setProp(p, RULE, "metadata.annotations", { "reliability-stack.io/objectives-unmeasured": "no metrics yet" }),
    unknownAt: [RULE, "metadata.annotations"],
    says: 'declared unmeasured: "no metrics yet"',
  },
  {
    ...base,
    resource: KILL,
    name: "an experiment selecting another namespace",
    rule: chaos.chaosSelectorConfined,
    change: (p) => setProp(p, KILL, `${INJECT}.selector.namespaces`, ["default"]),
    unknownAt: [KILL, `${INJECT}.selector.namespaces`],
    says: "select only namespace checkout",
  },
  {
    ...base,
    resource: KILL,
    name: "an experiment killing more pods than the PDB allows",
    rule: chaos.chaosBlastRadius,
    change: (p) => {
      setProp(p, KILL, `${INJECT}.mode`, "fixed");
      setProp(p, KILL, `${INJECT}.value`, "2");
    },
    unknownAt: [KILL, `${INJECT}.mode`],
    says: "hit at most 1 pod(s) (the PDB allowance at 3 replicas), hits 2",
  },
  ...(
    [
      [
        "a production experiment whose guard does not abort",
        (p: Plan) => setProp(p, KILL, "spec.workflow.templates.3.abortWithStatusCheck", false),
        "abortWithStatusCheck: true",
      ],
      [
        "a production experiment whose gate also injects on a failed check",
        (p: Plan) => setProp(p, KILL, `${GATE}.conditionalBranches.0.expression`, "exitCode != 1"),
        'expression "exitCode == 0"',
      ],
      [
        "a production experiment whose gate runs without its control ConfigMap",
        (p: Plan) => setProp(p, KILL, `${GATE}.task.volumes.0.configMap.optional`, true),
        "optional unset or false",
      ],
      [
        "a production experiment whose gate does not read the planned stops",
        (p: Plan) => setProp(p, KILL, `${GATE}.task.volumes.1.configMap.name`, "other"),
        "mount ConfigMap reliability-chaos-stops",
      ],
      [
        "a production experiment that starts by injecting",
        (p: Plan) => setProp(p, KILL, "spec.workflow.entry", "run"),
        "its entry must be a Task template",
      ],
    ] as const
  ).map(([name, change, says]): RuleCase => ({
    ...base,
    resource: KILL,
    name,
    rule: chaos.chaosFailClosedGate,
    change,
    unknownAt: [KILL, "spec.workflow.templates"],
    says,
  })),
  {
    ...base,
    inPack: false,
    resource: KILL,
    name: "an experiment scheduled on a weekend blackout",
    rule: chaos.chaosOutsideBlackouts,
    change: (p) => setProp(p, KILL, "spec.schedule", "CRON_TZ=Europe/Berlin 0 10 * * 6"),
    says: "not run inside blackout weekend",
  },
  {
    ...base,
    inPack: false,
    resource: KILL,
    name: "a freeze the gate's stops ConfigMap does not hold",
    rule: chaos.chaosOutsideBlackouts,
    change: (p) => setProp(p, "checkout/us-east-1/ChaosStops", "data.stops", ""),
    says: "not run inside blackout year-end-freeze",
  },
  {
    ...base,
    resource: "checkout/eu-west-1/Cluster",
    name: "an unencrypted database cluster",
    rule: db.databaseEncryption,
    change: (p) => setProp(p, "checkout/eu-west-1/Cluster", "storageEncrypted", false),
    unknownAt: ["checkout/eu-west-1/Cluster", "storageEncrypted"],
    says: "set storageEncrypted: true",
  },
  {
    ...base,
    inPack: false,
    resource: "checkout/eu-west-1/Cluster",
    name: "a cluster encrypted with another region's key",
    rule: db.databaseEncryption,
    change: (p) =>
      setProp(p, "checkout/eu-west-1/Cluster", "kmsKeyId", { ref: "checkout/us-east-1/KmsKey", attr: "arn" }),
    says: "own region eu-west-1, not us-east-1",
  },
  {
    ...base,
    resource: "checkout/us-east-1/Cluster",
    name: "a production cluster without deletion protection",
    rule: db.databaseDeletionProtection,
    change: (p) => setProp(p, "checkout/us-east-1/Cluster", "deletionProtection", false),
    unknownAt: ["checkout/us-east-1/Cluster", "deletionProtection"],
    says: "set deletionProtection: true in production",
  },
  {
    ...base,
    resource: "checkout/us-east-1/Cluster",
    name: "a critical database without a second region",
    rule: db.databaseSecondaries,
    change: (p) =>
      dropResources(p, (r) => r.service === "checkout" && r.region === "eu-west-1" && r.type.startsWith("aws:rds/")),
    says: "have a replica in a second region, has only us-east-1",
  },
  {
    ...base,
    resource: "checkout/us-east-1/Record/eu-west-1",
    name: "a failover record without a health check",
    rule: dns.dnsHealthChecked,
    change: (p) => setProp(p, "checkout/us-east-1/Record/eu-west-1", "healthCheckId", undefined),
    unknownAt: ["checkout/us-east-1/Record/eu-west-1", "failoverRoutingPolicies"],
    says: "have a healthCheckId",
  },
  {
    ...base,
    resource: "checkout/us-east-1/Record/us-east-1",
    name: "a health-checked record with a long TTL",
    rule: dns.dnsTtl,
    change: (p) => setProp(p, "checkout/us-east-1/Record/us-east-1", "ttl", 300),
    unknownAt: ["checkout/us-east-1/Record/us-east-1", "ttl"],
    says: "TTL of at most 60s, got 300s",
  },
  {
    ...base,
    resource: "checkout/us-east-1/Record/eu-west-1",
    name: "a DNS primary in the region without the database writer",
    rule: dns.dnsPrimaryIsDatabasePrimary,
    change: (p) => {
      setProp(p, "checkout/us-east-1/Record/us-east-1", "failoverRoutingPolicies.0.type", "SECONDARY");
      setProp(p, "checkout/us-east-1/Record/eu-west-1", "failoverRoutingPolicies.0.type", "PRIMARY");
    },
    unknownAt: ["checkout/us-east-1/Record/eu-west-1", "setIdentifier"],
    says: "make us-east-1 (the database writer) the PRIMARY, not eu-west-1",
  },
  {
    ...base,
    inPack: false,
    resource: "",
    name: "a worst-case failover longer than the RTO",
    rule: budget.failoverWithinRto,
    change: (p) => setBudget(p, "rto", 400_000),
    says: "at most the declared RTO of 5m, is 6m40s",
  },
  {
    ...base,
    inPack: false,
    resource: "",
    name: "a worst-case data loss larger than the RPO",
    rule: budget.dataLossWithinRpo,
    change: (p) => setBudget(p, "rpo", 60_000),
    says: "at most the declared RPO of 5s, is 1m",
  },
  {
    ...base,
    resource: "",
    name: "a region without its PodDisruptionBudget",
    rule: stack.expectedResources,
    change: (p) => dropResources(p, (r) => r.key === "checkout/eu-west-1/PodDisruptionBudget"),
    says: "in eu-west-1 must have exactly one PodDisruptionBudget, has 0",
  },
  {
    ...base,
    inPack: false,
    resource: "",
    name: "a planned Schedule missing from the resources",
    rule: stack.expectedResources,
    change: (p) => dropResources(p, (r) => r.key === "checkout/eu-west-1/Schedule/slow-database"),
    says: "missing checkout/eu-west-1/Schedule/slow-database",
  },
  {
    ...base,
    resource: "checkout/us-east-1/Service",
    name: "an object outside the service's namespace",
    rule: stack.noOrphans,
    change: (p) => setProp(p, "checkout/us-east-1/Service", "metadata.namespace", "default"),
    unknownAt: ["checkout/us-east-1/Service", "metadata.namespace"],
    says: "live in namespace checkout, not default",
  },
  {
    ...base,
    inPack: false,
    resource: "checkout/us-east-1/Secret",
    name: "a reference to a resource that is not planned",
    rule: stack.noOrphans,
    change: (p) =>
      setProp(p, "checkout/us-east-1/Secret", "kmsKeyId", { ref: "checkout/ap-south-1/KmsKey", attr: "arn" }),
    says: "refers to checkout/ap-south-1/KmsKey",
  },
];

describe("alert, chaos, database, DNS, budget and stack policies", () => {
  it.each(RULES.filter((r) => r.domain !== "workload").map((r) => [r.name, r] as const))(
    "%s passes the example prod plan, offline and in the pack",
    async (_name, rule) => {
      await expectBaselineClean(rule);
    },
  );
  it.each(CASES.map((k) => [k.name, k] as const))("%s is reported offline with rule, resource and level", (_name, k) =>
    expectOffline(k),
  );
  it.each(CASES.map((k) => [k.name, k] as const))(
    "%s is reported by the pack exactly when the pack can see it",
    async (_name, k) => expectPack(k),
  );
  it.each(CASES.filter((k) => k.unknownAt).map((k) => [k.name, k] as const))(
    "%s with the field unknown in a preview is not judged and does not crash",
    async (_name, k) => expectUnknownTolerated(k),
  );
});
