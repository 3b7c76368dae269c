import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TIERS } from "../../components/core/spec/service.js";
import { eachField, generateSchema, SCHEMA_PATH, type JsonSchema } from "../../components/spec/json-schema/index.js";
import { schemaText } from "../../components/spec/json-schema/publish.js";
import { readRepoFile, ROOT } from "../support/project.js";
import { checkYaml } from "./json-schema.js";

const yamlFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => `${dir}/${f}`);

/**
 * Why each invalid fixture is invalid: `schema` (the JSON Schema refuses it too) or a check the JSON
 * Schema cannot express — the YAML itself, a refinement of a value (a duration's range, a date that
 * exists, a pinned tag, a list without repeats), a rule across fields, or across files and stacks.
 */
const INVALID: Readonly<Record<string, "schema" | "yaml" | "refinement" | "cross-field" | "fleet">> = {
  "allowed-hours-from-equals-to": "cross-field",
  "autoscaling-min-above-max": "cross-field",
  "availability-100": "schema",
  "availability-too-many-nines": "cross-field",
  "bad-duration": "schema",
  "bad-region-name": "schema",
  "bad-runbook-url": "schema",
  "blackout-impossible-date": "refinement",
  "chaos-action-typo": "schema",
  "critical-max-unavailable-all": "cross-field",
  "dns-routing-typo": "schema",
  "duplicate-region": "refinement",
  "duplicate-service-name": "fleet",
  "duplicate-yaml-key": "yaml",
  "empty-file": "schema",
  "env-value-not-string": "schema",
  "http-path-relative": "schema",
  "image-upper-case": "schema",
  "image-without-tag": "refinement",
  "liveness-faster-than-readiness": "cross-field",
  "memory-quantity": "schema",
  "missing-objectives": "schema",
  "missing-port": "schema",
  "no-probe-handler": "cross-field",
  "not-a-mapping": "schema",
  "overlay-not-a-mapping": "schema",
  "overlay-unknown-field": "schema",
  "overlay-wrong-type": "schema",
  "period-not-a-number": "schema",
  "period-out-of-range": "schema",
  "port-wrong-type": "schema",
  "probe-timeout-above-period": "cross-field",
  "region-not-in-stack": "fleet",
  "replicas-and-autoscaling": "cross-field",
  "replicas-fraction": "schema",
  "rpo-zero-async-replication": "cross-field",
  "rto-longer-than-window": "cross-field",
  "rto-shorter-than-startup": "cross-field",
  "service-name-upper-case": "schema",
  "several-mistakes": "schema",
  "shutdown-grace-70-minutes": "cross-field",
  "tier-typo": "schema",
  "two-probe-handlers": "cross-field",
  "unknown-field-typo": "schema",
  "unknown-top-level-field": "schema",
  "window-out-of-range": "refinement",
  "wrong-api-version": "schema",
  "wrong-kind": "schema",
  "yaml-syntax-error": "yaml",
  "yaml-unknown-alias": "yaml",
};

const invalid = yamlFiles("test/fixtures/invalid");
const nameOf = (file: string): string => file.replace(/^.*\//, "").replace(/\.yaml$/, "");

describe("the published JSON Schema", () => {
  it("is the one the zod schema and the field documentation generate (run npm run schema after a change)", () => {
    expect(readRepoFile(SCHEMA_PATH)).toBe(schemaText());
  });

  it("is published under the spec's apiVersion", () => {
    expect(SCHEMA_PATH).toBe("schema/reliability-stack.v1.json");
    expect(JSON.parse(readRepoFile(SCHEMA_PATH))).toMatchObject({
      properties: { apiVersion: { const: "reliability-stack/v1" } },
    });
  });

  it("documents every field and documents no field that does not exist", () => {
    const { undocumented, stale } = generateSchema();
    expect({ undocumented, stale }).toEqual({ undocumented: [], stale: [] });
  });

  it("gives every field a description and a default for each tier or the reason it has none", () => {
    const schema = JSON.parse(readRepoFile(SCHEMA_PATH)) as JsonSchema;
    const missing: string[] = [];
    let fields = 0;
    eachField(schema, (path, node) => {
      fields += 1;
      if ("not" in node) return;
      const defaults = node["x-tier-defaults"] as Record<string, unknown> | undefined;
      const perTier = defaults !== undefined && TIERS.every((t) => t in defaults);
      const note = typeof node["x-default-note"] === "string";
      if (typeof node["description"] !== "string" || node["description"] === "" || perTier === note) missing.push(path);
    });
    expect(fields).toBeGreaterThan(200);
    expect(missing).toEqual([]);
  });

  it.each([
    ["spec.workload.replicas", { critical: 3, standard: 2, "best-effort": 1 }],
    ["spec.objectives.rto", { critical: "15m", standard: "1h", "best-effort": "1d" }],
    ["spec.database.backupRetentionDays", { critical: 14, standard: 7, "best-effort": 1 }],
    ["spec.chaos.enabled", { critical: true, standard: true, "best-effort": false }],
  ])("states the tier defaults of %s", (path, expected) => {
    const schema = JSON.parse(readRepoFile(SCHEMA_PATH)) as JsonSchema;
    const found: unknown[] = [];
    eachField(schema, (p, node) => p === path && found.push(node["x-tier-defaults"]));
    expect(found).toEqual([expected]);
  });
});

describe("the JSON Schema and the loader", () => {
  it.each([...yamlFiles("services"), ...yamlFiles("test/fixtures/valid"), ...yamlFiles("test/fixtures/unsafe")])(
    "both accept %s",
    (file) => {
      expect(checkYaml(readRepoFile(file))).toEqual({ valid: true, errors: [] });
    },
  );

  it("classify every invalid fixture", () => {
    expect(invalid.map(nameOf)).toEqual(Object.keys(INVALID).sort());
  });

  it.each(invalid.filter((f) => INVALID[nameOf(f)] === "schema"))("both refuse %s", (file) => {
    expect(checkYaml(readRepoFile(file)).valid).toBe(false);
  });

  it.each(invalid.filter((f) => INVALID[nameOf(f)] === "cross-field" || INVALID[nameOf(f)] === "fleet"))(
    "leave %s, valid field by field, to the loader's checks",
    (file) => {
      expect(checkYaml(readRepoFile(file)).errors).toEqual([]);
    },
  );
});
