import { describe, expect, it } from "vitest";
import { FAILOVER_TIER_DEFAULTS, TIER_DEFAULTS } from "../../components/core/defaults.js";
import { fieldReference } from "../../components/spec/json-schema/reference.js";
import { run } from "../cli/harness.js";
import { ROOT } from "../support/project.js";

describe("reliability explain", () => {
  it("prints a field's meaning, type, allowed values, default per tier and what it drives", async () => {
    const replicas = (t: keyof typeof TIER_DEFAULTS) => TIER_DEFAULTS[t].replicas;
    const result = await run(ROOT, "explain", "workload.replicas");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "spec.workload.replicas",
        "  Fixed number of pods per region; exclusive with autoscaling.",
        "",
        "  type     integer",
        "  allowed  at least 1; at most 1000",
        `  default  critical ${replicas("critical")}, standard ${replicas("standard")}, best-effort ${replicas("best-effort")}`,
        "  drives   Deployment spec.replicas; PodDisruptionBudget; zone spread",
        "",
      ].join("\n"),
    );
  });

  it.each([
    ["spec.workload.replicas", "spec.workload.replicas"],
    ["workload.replicas", "spec.workload.replicas"],
    ["chaos.experiments[0].latency", "spec.chaos.experiments[].latency"],
    ["chaos.experiments.latency", "spec.chaos.experiments[].latency"],
    ["chaos.experiments.1.action", "spec.chaos.experiments[].action"],
    ["metadata.tier", "metadata.tier"],
  ])("finds %s as %s", async (query, path) => {
    const result = await run(ROOT, "explain", query, "--format", "json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ path });
  });

  it("gives the machine-readable field with --format json", async () => {
    const result = await run(ROOT, "explain", "database.backupRetentionDays", "--format", "json");
    expect(JSON.parse(result.stdout)).toEqual({
      path: "spec.database.backupRetentionDays",
      description: "Days of automated backups (point-in-time restore window).",
      type: "integer",
      allowed: ["at least 1", "at most 35"],
      defaults: {
        critical: FAILOVER_TIER_DEFAULTS.critical.backupRetentionDays,
        standard: FAILOVER_TIER_DEFAULTS.standard.backupRetentionDays,
        "best-effort": FAILOVER_TIER_DEFAULTS["best-effort"].backupRetentionDays,
      },
      drives: "backupRetentionPeriod; backup policy",
      fields: [],
    });
  });

  it("lists the allowed values of a choice and why a required field has no default", async () => {
    const result = await run(ROOT, "explain", "dns.routing");
    expect(result.stdout).toContain("  allowed  one of: failover, latency\n");
    expect(result.stdout).toContain("  default  none (required)\n");
  });

  it("names the fields of a section", async () => {
    const result = await run(ROOT, "explain", "objectives");
    expect(result.stdout).toContain("  fields   availability, latency, window, rto, rpo, burnRates\n");
  });

  it.each([
    ["workload.replica", "did you mean spec.workload.replicas"],
    ["probes.liveness.periodSecond", "did you mean spec.workload.probes.liveness.periodSeconds"],
    ["tier", "did you mean metadata.tier"],
    ["nothing.like.it", "the top-level fields are apiVersion, kind, metadata and spec"],
  ])("refuses the unknown field %s with exit 2: %s", async (query, hint) => {
    const result = await run(ROOT, "explain", query);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`unknown spec field "${query}"; ${hint}`);
  });

  it("knows every field of the schema, each with a description and a type", () => {
    const fields = [...fieldReference().values()];
    expect(fields.length).toBeGreaterThan(200);
    expect(fields.filter((f) => f.description === "" || f.type === "")).toEqual([]);
  });
});
