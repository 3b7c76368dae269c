import { describe, expect, it } from "vitest";
import { levelOf, type PoliciesConfig } from "../../components/core/policy/severity.js";
import { SpecError } from "../../components/core/spec/errors.js";
import { parseStackConfig } from "../../components/spec/stack.js";
import { applyExemptions, EXPIRED_EXEMPTION } from "../../policies/exemptions.js";
import { RULES } from "../../policies/registry.js";
import { checkPlan } from "../../policies/run.js";
import { checkPolicyNames } from "../../policies/stack-policies.js";
import { cachedBaseline, setProp } from "./support.js";

const LATEST = "ghcr.io/acme/checkout:latest";

/** The prod example plan with checkout's images tagged latest: image-pinned, mandatory for a critical service. */
function unpinned(policies?: PoliciesConfig) {
  const { plan, facts } = cachedBaseline("prod");
  for (const region of ["us-east-1", "eu-west-1"])
    setProp(plan, `checkout/${region}/Deployment`, "spec.template.spec.containers.0.image", LATEST);
  return checkPlan(plan, { facts, ...(policies ? { policies } : {}) }).filter((v) => v.policy === "image-pinned");
}

describe("the severity model", () => {
  it.each([
    ["critical-in-production", "prod", "critical", "mandatory"],
    ["critical-in-production", "prod", "standard", "advisory"],
    ["critical-in-production", "staging", "critical", "advisory"],
    ["production", "prod", "best-effort", "mandatory"],
    ["production", "staging", "critical", "advisory"],
    ["always", "dev", "best-effort", "mandatory"],
    ["advisory", "prod", "critical", "advisory"],
    ["critical-in-production", "prod", "", "advisory"],
  ] as const)("gives a %s rule in %s for tier %j the level %s", (enforcement, environment, tier, level) => {
    expect(levelOf({ environment, tier }, enforcement)).toBe(level);
  });

  it.each([
    ["disabled", "critical", "disabled"],
    [{ standard: "mandatory" }, "standard", "mandatory"],
    [{ standard: "mandatory" }, "critical", "advisory"],
  ] as const)("lets a stack override %j for tier %s to %s", (override, tier, level) => {
    expect(levelOf({ environment: "staging", tier }, "critical-in-production", override)).toBe(level);
  });
});

describe("reliability:policies in a check", () => {
  it("keeps the model's level without an override", () => {
    expect(unpinned().map((v) => v.level)).toEqual(["mandatory", "mandatory"]);
  });

  it("reports a rule the stack makes advisory as advisory, and drops a disabled one", () => {
    expect(unpinned({ rules: { "image-pinned": "advisory" } }).map((v) => v.level)).toEqual(["advisory", "advisory"]);
    expect(unpinned({ rules: { "image-pinned": "disabled" } })).toEqual([]);
  });

  it("sets aside the findings of an exemption in force and lists it with what it set aside", () => {
    const exemption = {
      service: "checkout",
      rule: "image-pinned",
      owner: "payments",
      reason: "r",
      expires: "2026-12-31",
    };
    const judged = applyExemptions(unpinned(), [exemption], "2026-12-31");
    expect(judged.violations).toEqual([]);
    expect(judged.exemptions.map((e) => [e.exemption.owner, e.violations.length])).toEqual([["payments", 2]]);
  });

  it("reports an expired exemption as a mandatory finding at its line, with a fix, and sets nothing aside", () => {
    const exemption = {
      service: "checkout",
      rule: "image-pinned",
      owner: "payments",
      reason: "r",
      expires: "2026-01-31",
    };
    const judged = applyExemptions(unpinned(), [exemption], "2026-02-01", () => ({
      file: "stacks/Pulumi.prod.yaml",
      line: 9,
      col: 18,
    }));
    const expired = judged.violations.filter((v) => v.policy === EXPIRED_EXEMPTION);
    expect(expired.map((v) => [v.level, v.service, v.file, v.line])).toEqual([
      ["mandatory", "checkout", "stacks/Pulumi.prod.yaml", 9],
    ]);
    expect(expired[0]?.message).toContain("expired on 2026-01-31");
    expect(expired[0]?.fix).toContain("reliability:policies.exemptions[0]");
    expect(judged.violations.filter((v) => v.policy === "image-pinned")).toHaveLength(2);
    expect(judged.exemptions).toEqual([]);
  });
});

describe("validating reliability:policies", () => {
  const base = cachedBaseline("prod");
  const stackValues = (policies: unknown): Record<string, unknown> => ({
    environment: "prod",
    regions: { "us-east-1": { kubernetes: { context: "c" }, ingress: { hostname: "ingress.acme.example" } } },
    chaosMesh: { installed: false },
    policies,
  });

  it.each([
    [
      { rules: { "image-pinned": "blocking" } },
      "policies.rules.image-pinned",
      "must be one of mandatory, advisory, disabled",
    ],
    [
      { exemptions: [{ service: "a", rule: "image-pinned", owner: "o", reason: "r", expires: "31/01/2027" }] },
      "policies.exemptions[0].expires",
      "YYYY-MM-DD",
    ],
    [
      { exemptions: [{ service: "a", rule: "image-pinned", reason: "r", expires: "2027-01-31" }] },
      "policies.exemptions[0].owner",
      "owns the exception",
    ],
  ])("refuses %j at %s", (policies, path, says) => {
    expect(base.plan.environment).toBe("prod");
    try {
      parseStackConfig("prod", stackValues(policies), "stacks/Pulumi.prod.yaml");
      expect.unreachable("the stack config was accepted");
    } catch (error) {
      expect(error).toBeInstanceOf(SpecError);
      const d = (error as SpecError).diagnostics[0];
      expect(d?.path).toBe(path);
      expect(d?.message).toContain(says);
    }
  });

  it("refuses a rule name the pack does not have, suggesting the closest one, at its line", () => {
    const at = () => ({ line: 12, col: 7 });
    expect(() =>
      checkPolicyNames({ rules: { "image-pined": "advisory" } }, RULES, "stacks/Pulumi.prod.yaml", at),
    ).toThrow(
      /stacks\/Pulumi.prod.yaml:12:7 reliability:policies.rules.image-pined: must name a policy of the pack \(did you mean image-pinned\?\), got "image-pined"/,
    );
  });
});

describe("fix advice", () => {
  it("every rule says how to fix its findings: a field to change and a value or action that passes", () => {
    for (const rule of RULES)
      expect(rule.fix, rule.name).toMatch(
        /\b(spec\.[a-z]|metadata\.|reliability:|input|override|transformation|resource)/,
      );
  });

  it("a budget finding names the dominant term and what would bring it under the objective", () => {
    const { plan, facts } = cachedBaseline("prod");
    const tight = new Map([...facts].map(([name, f]) => [name, name === "checkout" ? { ...f, rtoMs: 60_000 } : f]));
    const checkout = plan.services.find((s) => s.service === "checkout");
    const rto = checkout?.analysis.budget?.rto;
    if (!checkout || !rto) throw new Error("the example checkout has no RTO budget");
    Object.assign(checkout.analysis.budget ?? {}, { rto: { ...rto, objectiveMs: 60_000, status: "FAIL" } });
    const found = checkPlan(plan, { facts: tight }).filter((v) => v.policy === "failover-within-rto");
    expect(found).toHaveLength(1);
    expect(found[0]?.fix).toMatch(
      /^The dominant term is .+ \(.+, from .+\): (lower it to at most|no value of it alone).+, or raise spec\.objectives\.rto to at least /,
    );
  });
});
