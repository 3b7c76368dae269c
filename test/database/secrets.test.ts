import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { isSecretRef, type PropValue } from "../../components/core/plan/types.js";
import { secretValue } from "../../components/pulumi/secrets.js";
import { renderPlanFiles } from "../../components/render/index.js";
import { planExamples } from "../support/project.js";
import { runUnderMocks, type Registered } from "../support/pulumi.js";

/** Pulumi's wire marker of a secret value (`4dabf18193072939515e22adb298388d`). */
const SECRET_SIG = pulumi.runtime.specialSigKey;
const SECRET_VALUE = pulumi.runtime.specialSecretSig;

function isWireSecret(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG] === SECRET_VALUE;
}

function secretRefsOf(value: PropValue): string[] {
  if (isSecretRef(value)) return [value.secret];
  if (Array.isArray(value)) return value.flatMap((v: PropValue) => secretRefsOf(v));
  if (value !== null && typeof value === "object")
    return Object.values(value).flatMap((v) => secretRefsOf(v as PropValue));
  return [];
}

describe("database credentials", () => {
  it("appear in every rendered file only as a secret reference, never as a value", () => {
    const files = renderPlanFiles(planExamples("prod").plan);
    const text = files.map((f) => f.text).join("\n");
    expect(text).toContain('"source": "generated-password"');
    for (const match of text.matchAll(/"(masterPassword|password|secretString)":\s*("[^"]*"|\{[^}]*\})/g)) {
      expect(match[2], match[0]).toMatch(/^\{\s*"secret":/);
    }
  });

  describe("under the Pulumi mock engine (prod)", () => {
    let registered: Registered[] = [];
    const find = (type: string, name: string): Registered => {
      const found = registered.find((r) => r.type === type && r.name === name);
      if (!found) throw new Error(`${type} ${name} was not registered`);
      return found;
    };

    it("generate one password per secret the plan references, and pass it to RDS and Secrets Manager as a secret", async () => {
      registered = await runUnderMocks("prod");
      const { plan } = planExamples("prod");
      const planned = new Set(plan.services.flatMap((s) => s.resources.flatMap((r) => secretRefsOf(r.props))));
      const passwords = registered.filter((r) => r.type === "random:index/randomPassword:RandomPassword");
      expect(passwords.map((p) => p.name).sort()).toEqual([...planned].sort());
      expect(passwords[0]?.inputs).toMatchObject({
        length: 32,
        special: true,
        overrideSpecial: "!#$%&*()-_=+[]{}<>:?",
      });
      expect(isWireSecret(find("aws:rds/cluster:Cluster", "checkout-us-east-1-cluster").inputs["masterPassword"])).toBe(
        true,
      );
      expect(
        isWireSecret(
          find("aws:secretsmanager/secretVersion:SecretVersion", "checkout-us-east-1-secret-version").inputs[
            "secretString"
          ],
        ),
      ).toBe(true);
      expect(isWireSecret(find("aws:rds/instance:Instance", "inventory-us-east-1-instance").inputs["password"])).toBe(
        true,
      );
    }, 60_000);

    it("register the secondary cluster and replica with their region's provider and Route 53 alarms with us-east-1's", () => {
      expect(find("aws:rds/cluster:Cluster", "checkout-eu-west-1-cluster").provider).toBe("aws-eu-west-1");
      expect(find("aws:rds/cluster:Cluster", "checkout-us-east-1-cluster").provider).toBe("aws-us-east-1");
      expect(find("aws:rds/instance:Instance", "inventory-eu-west-1-instance").provider).toBe("aws-eu-west-1");
      expect(find("aws:kms/key:Key", "checkout-eu-west-1-kms-key").provider).toBe("aws-eu-west-1");
      expect(
        find("aws:cloudwatch/metricAlarm:MetricAlarm", "checkout-us-east-1-health-check-alarm-eu-west-1").provider,
      ).toBe("aws-us-east-1");
      expect(find("aws:route53/healthCheck:HealthCheck", "checkout-us-east-1-health-check-eu-west-1").provider).toBe(
        "aws-us-east-1",
      );
    });

    it("resolve the secondary cluster's references to the global cluster and its own region's key", () => {
      expect(find("aws:rds/cluster:Cluster", "checkout-eu-west-1-cluster").inputs).toMatchObject({
        globalClusterIdentifier: "checkout-us-east-1-global-cluster-id",
        kmsKeyId: "arn:aws:mock:::checkout-eu-west-1-kms-key",
      });
    });
  });
});

describe("the secret resolver", () => {
  it("refuses a secret reference without generator settings", () => {
    const resolve = secretValue(undefined as unknown as pulumi.Resource);
    expect(() => resolve({ secret: "x", source: "generated-password" })).toThrow(/no generator settings/);
  });
});
