import { describe, expect, it } from "vitest";
import { REPLACE_ON_CHANGE } from "../../components/core/aws/replacement.js";
import type { Plan, PlannedResource, Props, ServicePlan } from "../../components/core/plan/types.js";
import { diffPlans, MASKED, type PlanDiff } from "../../components/report/diff/index.js";
import { renderDiffMarkdown } from "../../components/report/diff/markdown.js";
import { renderDiffJson, renderDiffText } from "../../components/report/diff/text.js";
import { planExamples } from "../support/project.js";

const PROD = planExamples("prod").plan;
const DEV = planExamples("dev").plan;

/** A copy of `plan` with one resource's props or options changed. */
function editResource(plan: Plan, key: string, edit: (r: PlannedResource) => PlannedResource | undefined): Plan {
  const services = plan.services.map((s) => ({
    ...s,
    resources: s.resources.flatMap((r) => {
      if (r.key !== key) return [r];
      const next = edit(r);
      return next ? [next] : [];
    }),
  }));
  return { ...plan, services };
}

function setProps(plan: Plan, key: string, props: Props): Plan {
  return editResource(plan, key, (r) => ({ ...r, props: { ...r.props, ...props } }));
}

function editService(plan: Plan, name: string, edit: (s: ServicePlan) => ServicePlan): Plan {
  return { ...plan, services: plan.services.map((s) => (s.service === name ? edit(s) : s)) };
}

function resource(diff: PlanDiff, key: string) {
  return diff.services.flatMap((s) => s.resources).find((r) => r.key === key);
}

describe("diffPlans", () => {
  it("finds no changes between a plan and itself", () => {
    const diff = diffPlans(PROD, PROD, "base");
    expect(diff.verdict).toBe("no-changes");
    expect(diff.services).toEqual([]);
    expect(diff.totals.services.unchanged).toBe(PROD.services.length);
  });

  const replacements = [
    {
      name: "a new engine replaces the protected Aurora cluster",
      key: "checkout/us-east-1/Cluster",
      props: { engine: "aurora-mysql" },
      reason: "engine cannot change in place",
    },
    {
      name: "a new cluster identifier replaces the protected cluster",
      key: "checkout/us-east-1/Cluster",
      props: { clusterIdentifier: "checkout-prod-use1-v2" },
      reason: "clusterIdentifier cannot change in place",
    },
    {
      name: "turning off storage encryption replaces the global cluster",
      key: "checkout/us-east-1/GlobalCluster",
      props: { storageEncrypted: false },
      reason: "storageEncrypted cannot change in place",
    },
    {
      name: "another global cluster identifier replaces the global cluster",
      key: "checkout/us-east-1/GlobalCluster",
      props: { globalClusterIdentifier: "checkout-prod-2" },
      reason: "globalClusterIdentifier cannot change in place",
    },
  ];
  it.each(replacements)("flags a protected replacement: $name", ({ key, props, reason }) => {
    const diff = diffPlans(PROD, setProps(PROD, key, props), "base");
    expect(resource(diff, key)).toMatchObject({ action: "replace", protected: true, reason });
    expect(diff.verdict).toBe("risky");
    expect(diff.risks).toContainEqual(expect.objectContaining({ kind: "protected-replacement", key }));
  });

  it("updates in place what the provider can change in place (an engine version, an instance class)", () => {
    const after = setProps(
      setProps(PROD, "checkout/us-east-1/Cluster", { engineVersion: "16.6" }),
      "checkout/us-east-1/ClusterInstance/1",
      {
        instanceClass: "db.r6g.xlarge",
      },
    );
    const diff = diffPlans(PROD, after, "base");
    expect(resource(diff, "checkout/us-east-1/Cluster")).toMatchObject({
      action: "update",
      fields: [{ path: "props.engineVersion", before: "16.4", after: "16.6" }],
    });
    expect(resource(diff, "checkout/us-east-1/ClusterInstance/1")?.action).toBe("update");
    expect(diff.verdict).toBe("changes");
  });

  it("replaces a cluster whose KMS key is replaced, since its kmsKeyId refers to the key", () => {
    const after = setProps(PROD, "checkout/us-east-1/KmsKey", { multiRegion: true });
    const diff = diffPlans(PROD, after, "base");
    expect(resource(diff, "checkout/us-east-1/KmsKey")?.action).toBe("replace");
    expect(resource(diff, "checkout/us-east-1/Cluster")).toMatchObject({
      action: "replace",
      reason: "kmsKeyId refers to checkout/us-east-1/KmsKey, which is replaced",
      fields: [],
    });
  });

  it("gives the same diff whatever order the base lists its services in, with services added, removed and replaced in cascade", () => {
    const after = editService(
      setProps(PROD, "checkout/us-east-1/KmsKey", { multiRegion: true }),
      PROD.services[1]!.service,
      (s) => ({ ...s, tier: "standard" }),
    );
    const base = { ...PROD, services: [...PROD.services.slice(1), PROD.services[0]!] };
    const fewer = { ...after, services: after.services.slice(0, -1) };
    for (const change of [after, fewer]) {
      const diff = diffPlans(base, change, "base");
      expect(diff).toEqual(diffPlans(PROD, change, "base"));
      const names = change.services.map((s) => s.service);
      const order = [...names, ...base.services.map((s) => s.service).filter((name) => !names.includes(name))];
      expect(diff.services.map((d) => d.service)).toEqual(
        order.filter((name) => diff.services.some((d) => d.service === name)),
      );
    }
    expect(resource(diffPlans(base, after, "base"), "checkout/us-east-1/Cluster")?.action).toBe("replace");
  });

  it("flags the removal of a protected resource, and not of an unprotected one", () => {
    const diff = diffPlans(
      PROD,
      editResource(PROD, "checkout/us-east-1/ClusterInstance/2", () => undefined),
      "base",
    );
    expect(diff.risks).toEqual([
      expect.objectContaining({ kind: "protected-removal", key: "checkout/us-east-1/ClusterInstance/2" }),
    ]);
    const alarm = diffPlans(
      PROD,
      editResource(PROD, "checkout/eu-west-1/ReplicationLagAlarm", () => undefined),
      "base",
    );
    expect(alarm.verdict).toBe("changes");
    expect(alarm.totals.resources.delete).toBe(1);
  });

  it("does not flag a replacement in a stack that protects nothing and keeps no data (dev instances)", () => {
    const key =
      DEV.services.flatMap((s) => s.resources).find((r) => r.type === "aws:rds/clusterInstance:ClusterInstance")?.key ??
      "";
    const diff = diffPlans(DEV, setProps(DEV, key, { identifier: "renamed-1" }), "base");
    expect(resource(diff, key)).toMatchObject({ action: "replace", protected: false });
    expect(diff.verdict).toBe("changes");
  });

  it("flags a generated password whose length changes as regenerated", () => {
    const key = "checkout/us-east-1/SecretVersion";
    const diff = diffPlans(
      PROD,
      editResource(PROD, key, (r) => ({
        ...r,
        props: { ...r.props, secretString: { ...(r.props.secretString as object), length: 40 } as Props[string] },
      })),
      "base",
    );
    expect(resource(diff, key)?.fields[0]).toMatchObject({
      path: "props.secretString",
      replaces: "random:index/randomPassword:RandomPassword",
    });
    expect(diff.risks[0]?.message).toContain("would be regenerated");
  });

  it("masks secret values and shows references by key", () => {
    const key = "checkout/us-east-1/Secret";
    const after = setProps(PROD, key, {
      apiToken: "s3cr3t",
      kmsKeyId: { ref: "checkout/eu-west-1/KmsKey", attr: "arn" },
      rotation: { user: "app", password: "s3cr3t" },
    });
    const fields = resource(diffPlans(PROD, after, "base"), key)?.fields ?? [];
    expect(fields).toContainEqual({ path: "props.apiToken", after: MASKED });
    expect(fields).toContainEqual({ path: "props.rotation", after: { user: "app", password: MASKED } });
    expect(fields).toContainEqual({
      path: "props.kmsKeyId",
      before: "ref:checkout/us-east-1/KmsKey.arn",
      after: "ref:checkout/eu-west-1/KmsKey.arn",
    });
    expect(JSON.stringify(diffPlans(PROD, after, "base"))).not.toContain("s3cr3t");
  });

  it("reports tier, objectives, chaos moves, alerts and budgets per service", () => {
    const after = editService(PROD, "checkout", (s) => {
      const budget = s.analysis.budget;
      const chaos = s.analysis.chaos;
      if (!budget || !chaos) throw new Error("checkout has a budget and chaos experiments");
      return {
        ...s,
        tier: "standard",
        resources: s.resources.filter((r) => !r.key.endsWith("/PrometheusRule/endpoints")),
        analysis: {
          ...s.analysis,
          budget: { ...budget, rto: { ...budget.rto, objectiveMs: 120_000, status: "FAIL" } },
          chaos: { ...chaos, experiments: chaos.experiments.slice(1).map((e) => ({ ...e, regions: [] })) },
        },
      };
    });
    const checkout = diffPlans(PROD, after, "base").services.find((s) => s.service === "checkout");
    expect(checkout?.values).toContainEqual({ name: "tier", before: "critical", after: "standard" });
    expect(checkout?.values).toContainEqual({ name: "rto", before: "5m", after: "2m" });
    expect(checkout?.chaos.removed).toEqual(["kill-one-pod"]);
    expect(checkout?.chaos.moved.map((m) => m.name)).toEqual(["slow-database"]);
    expect(checkout?.alerts.removed.map((a) => a.alert)).toContain(
      'EndpointDown{component="Checkout API",severity="critical"}',
    );
    expect(checkout?.budget).toEqual([expect.objectContaining({ measure: "rto", newlyFails: true, enforced: true })]);
  });

  it("lists a new service as added with its resources to create", () => {
    const before = { ...PROD, services: PROD.services.filter((s) => s.service !== "inventory") };
    const diff = diffPlans(before, PROD, "base");
    expect(diff.totals.services).toMatchObject({ added: 1, unchanged: 2 });
    expect(diff.services[0]).toMatchObject({ service: "inventory", status: "added" });
    expect(diff.services[0]?.resources.every((r) => r.action === "create")).toBe(true);
  });

  it("renders the same diff as text, stable JSON and Markdown", () => {
    const diff = diffPlans(PROD, setProps(PROD, "checkout/us-east-1/Cluster", { engine: "aurora-mysql" }), "git main");
    expect(renderDiffText(diff)).toContain("Stack prod (prod) against git main: RISKY CHANGE");
    expect(renderDiffText(diff)).toContain('props.engine: "aurora-postgresql" → "aurora-mysql" (forces replacement)');
    expect(JSON.parse(renderDiffJson(diff))).toEqual(JSON.parse(JSON.stringify(diff)));
    expect(Object.keys(JSON.parse(renderDiffJson(diff)) as object)).toEqual([
      "stack",
      "environment",
      "base",
      "verdict",
      "risks",
      "totals",
      "services",
    ]);
    expect(renderDiffMarkdown(diff)).toContain("| ♻️ replace 🛑 protected | `checkout/us-east-1/Cluster` |");
  });

  it("notes the source of every replace-on-change list", () => {
    for (const [token, facts] of Object.entries(REPLACE_ON_CHANGE)) {
      expect(facts.source, token).toMatch(/^https:\/\//);
      expect(facts.properties.length, token).toBeGreaterThan(0);
    }
  });
});
