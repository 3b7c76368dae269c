import { describe, expect, it } from "vitest";
import type { Plan } from "../../components/core/plan/types.js";
import type { Rule } from "../../components/core/policy/types.js";
import { checkPlan } from "../../policies/run.js";
import { RULES, ruleNamed } from "../../policies/registry.js";
import { cachedBaseline, throughPack } from "./support.js";

const DEPLOYMENT = "incident-bridge/us-east-1/Deployment";
const ORIGIN = "reliability:status.incidents";

/** The rule named `name`. @throws when there is none. */
function rule(name: string): Rule {
  const found = ruleNamed(name);
  if (!found) throw new Error(`no rule ${name}`);
  return found;
}

/** The example prod plan with `change` applied to the container of the shared incident bridge's Deployment. */
function withBridgeContainer(change: (container: Record<string, unknown>) => void): Plan {
  const { plan } = cachedBaseline("prod");
  const deployment = plan.shared?.resources.find((r) => r.key === DEPLOYMENT);
  const spec = deployment?.props as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
  const container = spec.spec.template.spec.containers[0];
  if (!container) throw new Error(`no container in ${DEPLOYMENT}`);
  change(container);
  return plan;
}

/** Findings on shared resources as `reliability check` reports them: level, resource, origin and message. */
function offlineOnShared(plan: Plan, rules: readonly Rule[]): string[] {
  return checkPlan(plan, { rules })
    .filter((v) => v.service === "")
    .map((v) => `[${v.level}] ${v.policy} ${v.resource} (${v.path}): ${v.message}. Fix: ${v.fix}`);
}

/** The same findings as the CrossGuard pack reports them (the message on the line after the description). */
async function packOnShared(plan: Plan, r: Rule): Promise<string[]> {
  return (await throughPack(plan, r))
    .filter((v) => v.message.includes("incident-bridge"))
    .map((v) => `[${v.level}] ${v.policy} ${v.message.split("\n")[1] ?? ""}`);
}

describe("policies on what the stack shares (the incident bridge)", () => {
  it("find nothing on the bridge of the example prod plan, offline and in the pack", async () => {
    const { plan } = cachedBaseline("prod");
    const resourceRules = RULES.filter((r) => r.scope === "resource");
    expect(offlineOnShared(plan, resourceRules)).toEqual([]);
    for (const r of resourceRules) expect(await packOnShared(plan, r), r.name).toEqual([]);
  });

  it.each([
    ["image-pinned", "an image tagged latest", (c: Record<string, unknown>) => (c["image"] = "ghcr.io/acme/rs:latest")],
    ["resources-set", "no resources", (c: Record<string, unknown>) => delete c["resources"]],
    ["probes-present", "no readiness probe", (c: Record<string, unknown>) => delete c["readinessProbe"]],
  ])("run %s on a bridge with %s offline exactly as the pack runs it", async (name, _what, change) => {
    const plan = withBridgeContainer(change);
    const offline = offlineOnShared(plan, [rule(name)]);
    expect(offline).toHaveLength(1);
    expect(offline[0]).toContain(`${name} ${DEPLOYMENT} (${ORIGIN})`);
    const pack = await packOnShared(plan, rule(name));
    // The pack knows a resource by its Pulumi name, the check by its plan key.
    const pulumiName = plan.shared?.resources.find((r) => r.key === DEPLOYMENT)?.name ?? "";
    expect(pack).toEqual(
      offline.map((line) => line.replace(` ${DEPLOYMENT} (${ORIGIN}):`, "").split(DEPLOYMENT).join(pulumiName)),
    );
  });
});
