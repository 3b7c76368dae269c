import { describe, expect, it, vi } from "vitest";
import type * as PolicySdk from "@pulumi/policy";
import type { PolicyPackArgs } from "@pulumi/policy";
import { UNKNOWN } from "../../components/core/policy/types.js";
import { plainProps, regionOf } from "../../policies/crossguard/subjects.js";
import { packLevel } from "../../policies/crossguard/policies.js";
import { RULES } from "../../policies/registry.js";
import { cachedBaseline, sdkProxy, throughPack } from "./support.js";

const constructed = vi.hoisted(() => [] as { name: string; args: PolicyPackArgs }[]);

vi.mock("@pulumi/policy", async (importOriginal) => {
  const actual = await importOriginal<typeof PolicySdk>();
  /** Records the construction instead of starting the policy server. */
  class PolicyPack {
    constructor(name: string, args: PolicyPackArgs) {
      constructed.push({ name, args });
    }
  }
  return { ...actual, PolicyPack };
});

describe("the CrossGuard pack", () => {
  it("policies/index.ts constructs exactly one PolicyPack holding one policy per rule", async () => {
    await import("../../policies/index.js");
    expect(constructed).toHaveLength(1);
    const pack = constructed[0];
    expect(pack?.name).toBe("reliability-stack");
    const names = pack?.args.policies.map((p) => p.name) ?? [];
    expect(names).toEqual(RULES.map((r) => r.name));
    for (const rule of RULES) {
      const mandatory = pack?.args.policies.find((p) => p.name === rule.name);
      expect(mandatory?.enforcementLevel).toBe(rule.enforcement === "advisory" ? "advisory" : "mandatory");
      expect(mandatory?.enforcementLevel).toBe(packLevel(rule));
      expect(mandatory?.configSchema?.properties).toHaveProperty("environment");
      expect(mandatory?.configSchema?.properties).toHaveProperty("levels");
      expect(mandatory?.configSchema?.properties).toHaveProperty("exemptions");
      expect(mandatory?.configSchema?.properties).not.toHaveProperty("enforcementLevel");
      expect("validateResource" in (mandatory ?? {}) || "validateStack" in (mandatory ?? {})).toBe(true);
    }
  });

  it("every rule name is kebab-case and every description is one sentence", () => {
    for (const rule of RULES) {
      expect(rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.description).toMatch(/^[A-Z].*\.$/);
    }
  });

  it("rule config schemas accept an empty config and turn it into the documented defaults", () => {
    for (const rule of RULES) expect(() => rule.config.parse({})).not.toThrow();
    const grace = RULES.find((r) => r.name === "grace-covers-drain");
    expect(grace?.config.parse({})).toEqual({ marginSeconds: 1 });
  });

  it("reads unknown values behind the SDK's proxy as UNKNOWN without throwing", () => {
    const props = sdkProxy.unknownCheckingProxy({
      a: sdkProxy.unknownStringValue,
      b: [1, sdkProxy.unknownObjectValue],
      c: { d: "x" },
    });
    expect(() => (props as { a: unknown }).a).toThrow(/can't be known during preview/);
    expect(plainProps(props)).toEqual({ a: UNKNOWN, b: [1, UNKNOWN], c: { d: "x" } });
  });

  it("takes the region from the provider's logical name", () => {
    expect(regionOf("kubernetes-eu-west-1")).toBe("eu-west-1");
    expect(regionOf("aws-us-east-1")).toBe("us-east-1");
    expect(regionOf(undefined)).toBe("");
  });

  it("reports nothing on the example prod plan previewed with every reference unknown", async () => {
    const { plan } = cachedBaseline();
    for (const rule of RULES) expect(await throughPack(plan, rule)).toEqual([]);
  });

  it("never crashes when every resource's metadata and spec are unknown, and then judges nothing it cannot see", async () => {
    const { plan } = cachedBaseline();
    for (const s of plan.services)
      for (const r of s.resources)
        Object.assign(r, {
          props: { ...r.props, metadata: sdkProxy.unknownObjectValue, spec: sdkProxy.unknownObjectValue },
        });
    for (const rule of RULES) expect(await throughPack(plan, rule)).toEqual([]);
  });
});
