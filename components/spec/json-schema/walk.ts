/**
 * Walking a JSON Schema by field path, and deriving the schema of an environment overlay from the
 * schema of a section.
 */

import { joinPath } from "../../core/spec/field-docs.js";

/** A JSON Schema node. */
export type JsonSchema = { [keyword: string]: unknown };

const BRANCHES = ["anyOf", "oneOf", "allOf"] as const;

function isSchema(value: unknown): value is JsonSchema {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Calls `visit` with every named field of `schema` and its path (`spec.chaos.experiments[].name`):
 * the properties of objects, of list items and of every branch of a union (a field of several
 * branches is visited once per branch). Values of free-form mappings (labels, env) are not fields.
 */
export function eachField(schema: JsonSchema, visit: (path: string, node: JsonSchema) => void, path = ""): void {
  const properties = schema["properties"];
  if (isSchema(properties))
    for (const [name, child] of Object.entries(properties)) {
      if (!isSchema(child)) continue;
      const at = joinPath(path, name);
      visit(at, child);
      eachField(child, visit, at);
    }
  const items = schema["items"];
  if (isSchema(items)) eachField(items, visit, `${path}[]`);
  for (const key of BRANCHES) {
    const branches = schema[key];
    if (Array.isArray(branches)) for (const b of branches) if (isSchema(b)) eachField(b, visit, path);
  }
}

/**
 * The schema of a section as an environment overlay writes it: mappings merge key by key, so every
 * field of an object is optional; `null` removes a field; lists and scalars replace, so they keep
 * their whole schema.
 */
export function overlaySchema(node: JsonSchema): JsonSchema {
  const nullable = (s: JsonSchema): JsonSchema => ({ anyOf: [s, { type: "null" }] });
  const properties = node["properties"];
  if (!isSchema(properties) || node["type"] !== "object") return nullable(node);
  const partial = Object.fromEntries(Object.entries(node).filter(([k]) => k !== "required" && k !== "properties"));
  const fields = Object.fromEntries(
    Object.entries(properties).map(([k, v]) => [k, isSchema(v) ? overlaySchema(v) : v]),
  );
  return nullable({ ...partial, properties: fields });
}
