/**
 * `kms-key-rotation-enabled` (AWSGuard cmk-backing-key-rotation-enabled): the planned customer-managed
 * keys rotate, and a plan whose key stops rotating is refused, offline and through the pack.
 */

import { describe, expect, it } from "vitest";
import { kmsKeyRotation } from "../../components/domains/database/rules-keys.js";
import { expectBaselineClean, itReportsEachCase, type RuleCase } from "./cases.js";
import type { Plan } from "../../components/core/plan/types.js";
import { cachedBaseline, hitsAfter, setProp } from "./support.js";

const KEY = "checkout/us-east-1/KmsKey";
const base = { rule: kmsKeyRotation, resource: KEY, level: "mandatory", inPack: true } as const;

const CASES: readonly RuleCase[] = [
  {
    ...base,
    name: "a database key with rotation turned off",
    change: (p) => setProp(p, KEY, "enableKeyRotation", false),
    unknownAt: [KEY, "enableKeyRotation"],
    says: "set enableKeyRotation: true (remove the override), got false",
  },
  {
    ...base,
    name: "a database key whose rotation input was removed",
    change: (p) => setProp(p, KEY, "enableKeyRotation", undefined),
    says: "got none",
  },
];

const hits = (stack: string, change: (plan: Plan) => void): string[][] => hitsAfter(stack, kmsKeyRotation, change);

describe("kms-key-rotation-enabled", () => {
  it("passes the example prod plan, offline and in the pack", async () => {
    await expectBaselineClean(kmsKeyRotation);
  });

  it.each(["dev", "staging", "prod"])("finds every planned key of the examples rotating in %s", (stack) => {
    const { plan } = cachedBaseline(stack);
    const keys = plan.services.flatMap((s) => s.resources).filter((r) => r.type === "aws:kms/key:Key");
    expect(keys.length).toBeGreaterThan(0);
    expect(hits(stack, () => undefined)).toEqual([]);
  });

  itReportsEachCase(CASES);

  it("is mandatory for a standard-tier service's key in production too", () => {
    const key = "inventory/eu-west-1/KmsKey";
    expect(hits("prod", (p) => setProp(p, key, "enableKeyRotation", false))).toEqual([[key, "mandatory"]]);
  });

  it("advises outside production", () => {
    const key = "checkout/us-east-1/KmsKey";
    expect(hits("dev", (p) => setProp(p, key, "enableKeyRotation", false))).toEqual([[key, "advisory"]]);
  });

  it.each(["keySpec", "customerMasterKeySpec"])(
    "leaves an asymmetric key (%s RSA_3072), which KMS cannot rotate, alone",
    (field) => {
      expect(
        hits("prod", (p) => {
          setProp(p, KEY, "enableKeyRotation", false);
          setProp(p, KEY, field, "RSA_3072");
        }),
      ).toEqual([]);
    },
  );
});
