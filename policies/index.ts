import { PolicyPack } from "@pulumi/policy";
import { toPolicies } from "./crossguard/policies.js";
import { RULES } from "./registry.js";

/**
 * The CrossGuard policy pack: `pulumi preview --policy-pack policies`. Constructing a PolicyPack
 * starts the policy server, so this is the only module that does it; everything else (the CLI,
 * tests) imports `policies/registry.ts` and runs the same rules offline.
 * @see https://www.pulumi.com/docs/iac/using-pulumi/crossguard/get-started/
 */
new PolicyPack("reliability-stack", {
  description:
    "Reliability policies: probes, disruption budgets, alerts, chaos, multi-region databases, DNS failover and the RTO/RPO budget.",
  policies: toPolicies(RULES),
});
