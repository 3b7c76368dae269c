import { describe } from "vitest";
import type { Plan } from "../../components/core/plan/types.js";
import * as status from "../../components/domains/status/rules.js";
import * as stack from "../../policies/stack.js";
import { itReportsEachCase, type RuleCase } from "../policies/cases.js";
import { dropResources, resource, setProp } from "../policies/support.js";

const PROBE_EU = "checkout/us-east-1/Probe/public/eu-west-1";
const RULES = "checkout/us-east-1/PrometheusRule/endpoints";
const base = { level: "mandatory", inPack: true } as const;

type Loose = Record<string, unknown>;

/** Gives EndpointDown of a PrometheusRule a `for`. */
function waitBeforeDown(plan: Plan, key: string, wait: string): void {
  const groups = (resource(plan, key).props as unknown as { spec: { groups: { rules: Loose[] }[] } }).spec.groups;
  for (const g of groups) g.rules = g.rules.map((r) => (r["alert"] === "EndpointDown" ? { ...r, for: wait } : r));
}

const CASES: readonly RuleCase[] = [
  {
    ...base,
    resource: "",
    name: "a public critical service probed from one region only",
    rule: status.statusProbedFromRegions,
    change: (p) =>
      dropResources(p, (r) => r.type === status.PROBE && r.key.endsWith("/eu-west-1") && r.key.includes("/Probe/")),
    unknownAt: ["checkout/us-east-1/Probe/public/us-east-1", "spec.targets.staticConfig.labels.probe_region"],
    says: "Endpoint public of checkout must be probed from at least 2 regions, is probed from us-east-1",
  },
  {
    ...base,
    resource: "",
    name: "a public critical service without status Probes",
    rule: status.statusProbedFromRegions,
    change: (p) => dropResources(p, (r) => r.type === status.PROBE),
    says: "have status Probes of its public endpoint from at least 2 regions, has none",
  },
  {
    ...base,
    resource: PROBE_EU,
    name: "a Probe whose timeout equals its interval",
    rule: status.statusProbeTimeout,
    change: (p) => setProp(p, PROBE_EU, "spec.scrapeTimeout", "30s"),
    unknownAt: [PROBE_EU, "spec.scrapeTimeout"],
    says: "have a scrapeTimeout shorter than its interval 30s, got 30s",
  },
  {
    ...base,
    resource: RULES,
    name: "a critical EndpointDown that waits for a second failed check",
    rule: status.statusDownAtFirstFailure,
    change: (p) => waitBeforeDown(p, RULES, "30s"),
    unknownAt: [RULES, "spec.groups"],
    says: "fire at the first failed check (failure threshold 1), waits for 30s",
  },
  {
    ...base,
    inPack: false,
    resource: "",
    name: "a planned Probe missing from the resources",
    rule: stack.expectedResources,
    change: (p) => dropResources(p, (r) => r.key === PROBE_EU),
    says: `The status Probes of checkout must match the plan's analysis (missing ${PROBE_EU})`,
  },
  {
    ...base,
    resource: "",
    name: "a second PrometheusRule that is not the endpoint rules",
    rule: stack.expectedResources,
    change: (p) => setProp(p, RULES, "metadata.name", "checkout-extra"),
    says: "Service checkout in us-east-1 must have exactly one PrometheusRule, has 2",
  },
];

// Every status rule passing the example prod plan is checked with the other domains' rules (test/policies/domains.test.ts).
describe("status policies", () => {
  itReportsEachCase(CASES);
});
