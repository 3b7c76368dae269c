/**
 * The JSON Schema of the spec, generated from the zod schema the loader validates with and annotated
 * with every domain's field documentation: a description, the default per tier (`x-tier-defaults`,
 * or `x-default-note` for a field without one) and what the field drives (`x-drives`). Editors read
 * it through the `# yaml-language-server: $schema=...` line; `reliability explain` reads the same.
 * @see https://json-schema.org/draft/2020-12/json-schema-core
 */

import { z } from "zod";
import { tierDefaults, type FieldDoc, type FieldDocs } from "../../core/spec/field-docs.js";
import { API_VERSION, TIERS } from "../../core/spec/service.js";
import { DOMAINS } from "../../domains/index.js";
import { OVERLAY_SECTIONS, serviceSchema } from "../schema/index.js";
import { SERVICE_FIELD_DOCS } from "./service-docs.js";
import { eachField, overlaySchema, type JsonSchema } from "./walk.js";

export { eachField, type JsonSchema } from "./walk.js";

/** Where the schema is published in the repository, from the spec's `apiVersion` (`schema/reliability-stack.v1.json`). */
export const SCHEMA_PATH = `schema/${API_VERSION.replace("/", ".")}.json`;

/** The `$id` of the schema: stable for one `apiVersion`. */
export const SCHEMA_ID = `https://reliability-stack.dev/${SCHEMA_PATH}`;

/** Every field's documentation, by full path (`spec.workload.replicas`). */
export function fieldDocs(): FieldDocs {
  const sections = DOMAINS.map((d) =>
    Object.fromEntries(Object.entries(d.fieldDocs ?? {}).map(([path, value]) => [`spec.${path}`, value])),
  );
  return Object.assign({}, SERVICE_FIELD_DOCS, ...sections) as FieldDocs;
}

/** The generated schema and how its fields and the documentation line up. */
export interface GeneratedSchema {
  /** The JSON Schema. */
  readonly schema: JsonSchema;
  /** Paths of schema fields without documentation. */
  readonly undocumented: readonly string[];
  /** Documented paths the schema has no field for. */
  readonly stale: readonly string[];
}

/** Generates the annotated JSON Schema of the spec. */
export function generateSchema(): GeneratedSchema {
  const base = structuredClone(z.toJSONSchema(serviceSchema, { io: "input", target: "draft-2020-12" })) as JsonSchema;
  const schema: JsonSchema = {
    $schema: base["$schema"],
    $id: SCHEMA_ID,
    title: `${API_VERSION} Service`,
    description: "One reliability spec per service: workload, objectives, alerting, chaos, database, DNS and status.",
    ...withoutKey(base, "$schema"),
  };
  const environments = addEnvironments(schema);
  const docs = fieldDocs();
  const seen = new Set<string>();
  const undocumented = new Set<string>();
  eachField(schema, (path, node) => {
    const d = docs[path];
    seen.add(path);
    if (isForbidden(node)) node["description"] = "Not read by this variant; setting it is an error.";
    else if (d) annotate(node, d);
    else undocumented.add(path);
  });
  environments["additionalProperties"] = overlayOf(schema);
  const stale = Object.keys(docs).filter((p) => !seen.has(p));
  return { schema, undocumented: [...undocumented], stale };
}

function specSections(schema: JsonSchema): Record<string, JsonSchema> {
  const spec = (schema["properties"] as Record<string, JsonSchema>)["spec"] as JsonSchema;
  return spec["properties"] as Record<string, JsonSchema>;
}

/** Adds `spec.environments` (its overlays are filled in by {@link overlayOf} once the sections are documented). */
function addEnvironments(schema: JsonSchema): JsonSchema {
  const environments: JsonSchema = { type: "object" };
  specSections(schema)["environments"] = environments;
  return environments;
}

/** One environment's overlay: the sections it may set, every field optional and nullable. */
function overlayOf(schema: JsonSchema): JsonSchema {
  const sections = specSections(schema);
  return {
    type: "object",
    properties: Object.fromEntries(OVERLAY_SECTIONS.map((s) => [s, overlaySchema(sections[s] ?? {})])),
    additionalProperties: false,
  };
}

/** Adds a field's documentation to its schema node. */
function annotate(node: JsonSchema, d: FieldDoc): void {
  const defaults = tierDefaults(d.default);
  node["description"] = d.description;
  if (defaults) {
    node["x-tier-defaults"] = defaults;
    const values = TIERS.map((t) => JSON.stringify(defaults[t]));
    if (values.every((v) => v === values[0])) node["default"] = defaults[TIERS[0]];
  } else if (d.default.kind === "none") node["x-default-note"] = d.default.note;
  if (d.drives !== undefined) node["x-drives"] = d.drives;
  node["markdownDescription"] = markdown(d);
}

/** What an editor shows on hover: the meaning, the default per tier and what the field drives. */
function markdown(d: FieldDoc): string {
  const defaults = tierDefaults(d.default);
  const line = defaults
    ? `Default: ${TIERS.map((t) => `${t} \`${JSON.stringify(defaults[t])}\``).join(", ")}.`
    : d.default.kind === "none" && `Default: none (${d.default.note}).`;
  return [d.description, line, d.drives && `Drives: ${d.drives}.`].filter(Boolean).join("\n\n");
}

/** A field one branch of a union refuses (`{ not: {} }`): another branch's field. */
function isForbidden(node: JsonSchema): boolean {
  const not = node["not"];
  return typeof not === "object" && not !== null && Object.keys(not).length === 0;
}

function withoutKey(o: JsonSchema, key: string): JsonSchema {
  return Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
}
