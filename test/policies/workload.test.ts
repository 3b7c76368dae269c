import { describe, it } from "vitest";
import * as c from "../../components/domains/workload/rules/containers.js";
import * as s from "../../components/domains/workload/rules/scaling.js";
import { WORKLOAD_RULES } from "../../components/domains/workload/rules/index.js";
import { expectBaselineClean, expectOffline, expectPack, expectUnknownTolerated, type RuleCase } from "./cases.js";
import { resource, setProp } from "./support.js";

const DEPLOY = "checkout/us-east-1/Deployment";
const C0 = "spec.template.spec.containers.0";
const mandatory = { level: "mandatory", resource: DEPLOY, inPack: true } as const;

const CASES: readonly RuleCase[] = [
  {
    ...mandatory,
    name: "a container without a readiness probe",
    rule: c.probesPresent,
    change: (p) => setProp(p, DEPLOY, `${C0}.readinessProbe`, undefined),
    unknownAt: [DEPLOY, "spec.template.spec.containers"],
    says: "declare a readinessProbe",
  },
  {
    ...mandatory,
    name: "a container without a liveness probe",
    rule: c.probesPresent,
    change: (p) => setProp(p, DEPLOY, `${C0}.livenessProbe`, undefined),
    unknownAt: [DEPLOY, "spec.template"],
    says: "declare a livenessProbe",
  },
  {
    ...mandatory,
    inPack: false,
    name: "a slow starter without a startup probe",
    rule: c.probesPresent,
    change: (p) => setProp(p, DEPLOY, `${C0}.startupProbe`, undefined),
    says: "may take 90s to start",
  },
  {
    ...mandatory,
    name: "a liveness probe identical to readiness",
    rule: c.livenessDistinct,
    change: (p) =>
      setProp(
        p,
        DEPLOY,
        `${C0}.livenessProbe`,
        structuredClone(
          (
            resource(p, DEPLOY).props as never as {
              spec: { template: { spec: { containers: { readinessProbe: unknown }[] } } };
            }
          ).spec.template.spec.containers[0]?.readinessProbe,
        ),
      ),
    unknownAt: [DEPLOY, `${C0}.livenessProbe.periodSeconds`],
    says: "failure window longer than readiness's 15s, got 15s",
  },
  {
    ...mandatory,
    inPack: false,
    name: "a liveness probe that calls a dependency's host",
    rule: c.livenessNotOnDependency,
    change: (p) => setProp(p, DEPLOY, `${C0}.livenessProbe.httpGet.host`, "api.payments.example"),
    says: "not probe dependency payments-gateway",
  },
  {
    ...mandatory,
    inPack: false,
    name: "a startup budget shorter than maxStartupSeconds",
    rule: c.startupCoversMaxStartup,
    change: (p) => setProp(p, DEPLOY, `${C0}.startupProbe.failureThreshold`, 2),
    says: "at least 90s in its startup probe, got 10s",
  },
  {
    ...mandatory,
    name: "a grace period shorter than the preStop drain",
    rule: c.graceCoversDrain,
    change: (p) => setProp(p, DEPLOY, "spec.template.spec.terminationGracePeriodSeconds", 10),
    unknownAt: [DEPLOY, "spec.template.spec.terminationGracePeriodSeconds"],
    says: "at least 16s (preStop drain 15s + 1s), got 10s",
  },
  {
    ...mandatory,
    name: "an image tagged latest",
    rule: c.imagePinned,
    change: (p) => setProp(p, DEPLOY, `${C0}.image`, "ghcr.io/acme/checkout:latest"),
    unknownAt: [DEPLOY, `${C0}.image`],
    says: 'got "ghcr.io/acme/checkout:latest"',
  },
  {
    ...mandatory,
    name: "an image without a tag",
    rule: c.imagePinned,
    change: (p) => setProp(p, DEPLOY, `${C0}.image`, "registry:5000/acme/checkout"),
    says: "pin its image",
  },
  {
    ...mandatory,
    name: "a container without limits",
    rule: c.resourcesSet,
    change: (p) => setProp(p, DEPLOY, `${C0}.resources.limits`, undefined),
    unknownAt: [DEPLOY, `${C0}.resources.limits`],
    says: "set resources limits.memory",
  },
  {
    ...mandatory,
    name: "a container allowed to escalate privileges",
    rule: c.securityContextRestrictive,
    change: (p) => setProp(p, DEPLOY, `${C0}.securityContext.allowPrivilegeEscalation`, true),
    unknownAt: [DEPLOY, `${C0}.securityContext.allowPrivilegeEscalation`],
    says: "allowPrivilegeEscalation: false",
  },
  {
    ...mandatory,
    name: "a critical service below its replica floor",
    rule: s.replicasAtTierFloor,
    change: (p) => setProp(p, DEPLOY, "spec.replicas", 2),
    unknownAt: [DEPLOY, "spec.replicas"],
    says: "at least 3 replicas (the critical floor), got 2",
  },
  {
    ...mandatory,
    resource: "checkout/us-east-1/PodDisruptionBudget",
    name: "a PDB that allows no disruption",
    rule: s.pdbAllowsDisruption,
    change: (p) => setProp(p, "checkout/us-east-1/PodDisruptionBudget", "spec.maxUnavailable", 0),
    unknownAt: ["checkout/us-east-1/PodDisruptionBudget", "spec.maxUnavailable"],
    says: "allow at least 1 disruption at 3 replicas, allows 0",
  },
  {
    level: "advisory",
    inPack: true,
    resource: "inventory/eu-west-1/HorizontalPodAutoscaler",
    name: "an autoscaler minimum equal to the PDB's minAvailable",
    rule: s.hpaMinAbovePdb,
    change: (p) => {
      setProp(p, "inventory/eu-west-1/PodDisruptionBudget", "spec.maxUnavailable", undefined);
      setProp(p, "inventory/eu-west-1/PodDisruptionBudget", "spec.minAvailable", 3);
    },
    unknownAt: ["inventory/eu-west-1/HorizontalPodAutoscaler", "spec.minReplicas"],
    says: "set minReplicas to at least 4 (PDB minAvailable 3 + 1), got 3",
  },
  {
    ...mandatory,
    name: "three replicas without zone spreading",
    rule: s.zoneSpread,
    change: (p) => setProp(p, DEPLOY, "spec.template.spec.topologySpreadConstraints", undefined),
    unknownAt: [DEPLOY, "spec.template.spec.topologySpreadConstraints"],
    says: "spread its 3+ replicas over topology.kubernetes.io/zone",
  },
];

describe("workload policies", () => {
  it.each(WORKLOAD_RULES.map((r) => [r.name, r] as const))(
    "%s passes the example prod plan, offline and in the pack",
    async (_name, rule) => {
      await expectBaselineClean(rule);
    },
  );
  it.each(CASES.map((k) => [k.name, k] as const))("%s is reported offline with rule, resource and level", (_name, k) =>
    expectOffline(k),
  );
  it.each(CASES.map((k) => [k.name, k] as const))(
    "%s is reported by the pack under the policy of its level",
    async (_name, k) => expectPack(k),
  );
  it.each(CASES.filter((k) => k.unknownAt).map((k) => [k.name, k] as const))(
    "%s with the field unknown in a preview is not judged and does not crash",
    async (_name, k) => expectUnknownTolerated(k),
  );
});
