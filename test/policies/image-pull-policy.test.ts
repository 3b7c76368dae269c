/**
 * `image-pull-policy-explicit` (kube-score container-image-pull-policy, Polaris pullPolicyNotAlways,
 * read for reliability): the planner states every container's pull policy from what its image pins,
 * and a plan whose policy is missing or does not fit the reference is refused.
 */

import { describe, expect, it } from "vitest";
import { imagePin, imageTag, pullPolicyFor } from "../../components/core/images.js";
import { imagePullPolicy } from "../../components/domains/workload/rules/images.js";
import { checkPlan } from "../../policies/run.js";
import { expectBaselineClean, itReportsEachCase, type RuleCase } from "./cases.js";
import type { Plan } from "../../components/core/plan/types.js";
import { cachedBaseline, hitsAfter, setProp } from "./support.js";

const DEPLOY = "checkout/us-east-1/Deployment";
const C0 = "spec.template.spec.containers.0";
const DIGEST = `ghcr.io/acme/checkout@sha256:${"a".repeat(64)}`;
const base = { rule: imagePullPolicy, resource: DEPLOY, level: "mandatory", inPack: true } as const;

describe("image references", () => {
  it.each([
    ["ghcr.io/acme/checkout:1.8.2", "1.8.2", "tag", "IfNotPresent"],
    ["registry:5000/acme/checkout:2.0", "2.0", "tag", "IfNotPresent"],
    [DIGEST, "", "digest", "IfNotPresent"],
    [`ghcr.io/acme/checkout:1.8.2@sha256:${"b".repeat(64)}`, "1.8.2", "digest", "IfNotPresent"],
    ["ghcr.io/acme/checkout:latest", "latest", "mutable", "Always"],
    ["registry:5000/acme/checkout", "", "mutable", "Always"],
    ["checkout", "", "mutable", "Always"],
  ])("%s has tag %j, pins by %s and is pulled %s", (image, tag, pin, policy) => {
    expect(imageTag(image)).toBe(tag);
    expect(imagePin(image)).toBe(pin);
    expect(pullPolicyFor(image)).toBe(policy);
  });
});

describe("the planned pull policy", () => {
  it.each(["dev", "staging", "prod"])("is stated on every container of every Deployment in %s", (stack) => {
    const { plan } = cachedBaseline(stack);
    const deployments = plan.services
      .flatMap((s) => s.resources)
      .filter((r) => r.type === "kubernetes:apps/v1:Deployment");
    expect(deployments.length).toBeGreaterThan(0);
    for (const d of deployments) {
      const containers = (d.props as { spec: { template: { spec: { containers: Record<string, string>[] } } } }).spec
        .template.spec.containers;
      for (const c of containers)
        expect([d.key, c["imagePullPolicy"]]).toEqual([d.key, pullPolicyFor(c["image"] ?? "")]);
    }
  });
});

const CASES: readonly RuleCase[] = [
  {
    ...base,
    name: "a container without imagePullPolicy",
    change: (p) => setProp(p, DEPLOY, `${C0}.imagePullPolicy`, undefined),
    unknownAt: [DEPLOY, `${C0}.image`],
    says: 'set imagePullPolicy: IfNotPresent for an image pinned by a version tag ("ghcr.io/acme/checkout:1.8.2"), got none',
  },
  {
    ...base,
    name: "a version-tagged image pulled Always",
    change: (p) => setProp(p, DEPLOY, `${C0}.imagePullPolicy`, "Always"),
    unknownAt: [DEPLOY, `${C0}.imagePullPolicy`],
    says: "got Always because every container start then needs the registry",
  },
  {
    ...base,
    name: "a digest-pinned image pulled Always",
    change: (p) => {
      setProp(p, DEPLOY, `${C0}.image`, DIGEST);
      setProp(p, DEPLOY, `${C0}.imagePullPolicy`, "Always");
    },
    says: "for an image pinned by digest",
  },
  {
    ...base,
    name: "a pinned image never pulled",
    change: (p) => setProp(p, DEPLOY, `${C0}.imagePullPolicy`, "Never"),
    says: "ErrImageNeverPull",
  },
  {
    ...base,
    name: "a latest image reused from the node",
    change: (p) => {
      setProp(p, DEPLOY, `${C0}.image`, "ghcr.io/acme/checkout:latest");
      setProp(p, DEPLOY, `${C0}.imagePullPolicy`, "IfNotPresent");
    },
    says: "set imagePullPolicy: Always for a mutable image reference",
  },
  {
    ...base,
    name: "an untagged image never pulled",
    change: (p) => {
      setProp(p, DEPLOY, `${C0}.image`, "registry:5000/acme/checkout");
      setProp(p, DEPLOY, `${C0}.imagePullPolicy`, "Never");
    },
    says: "keeps starting that old image",
  },
];

const hits = (stack: string, change: (plan: Plan) => void): string[][] => hitsAfter(stack, imagePullPolicy, change);

describe("image-pull-policy-explicit", () => {
  it("passes the example prod plan, offline and in the pack", async () => {
    await expectBaselineClean(imagePullPolicy);
  });

  itReportsEachCase(CASES);

  it("accepts a mutable image pulled Always (image-pinned refuses the reference itself)", () => {
    const { plan, facts } = cachedBaseline("prod");
    setProp(plan, DEPLOY, `${C0}.image`, "ghcr.io/acme/checkout:latest");
    setProp(plan, DEPLOY, `${C0}.imagePullPolicy`, "Always");
    const found = checkPlan(plan, { facts }).filter((v) => v.resource === DEPLOY);
    expect(found.map((v) => v.policy)).toEqual(["image-pinned"]);
  });

  it("advises for a standard-tier service in production", () => {
    const key = "inventory/us-east-1/Deployment";
    expect(hits("prod", (p) => setProp(p, key, `${C0}.imagePullPolicy`, "Always"))).toEqual([[key, "advisory"]]);
  });
});
