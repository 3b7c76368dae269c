/**
 * The field reference `reliability explain` prints, read from the generated JSON Schema: each field's
 * meaning, type, allowed values, default per tier and what it drives. A field several variants share
 * (an action-specific chaos field) is one entry with the values of every variant that reads it.
 */

import type { Tier } from "../../core/spec/service.js";
import { distance } from "fastest-levenshtein";
import { eachField, generateSchema, type JsonSchema } from "./index.js";

/** One field of the spec, as `reliability explain` shows it. */
export interface FieldReference {
  /** Full path, `[]` marking list items (`spec.chaos.experiments[].latency`). */
  readonly path: string;
  /** What the field means. */
  readonly description: string;
  /** Its type, in words (`integer`, `list of string`, `mapping`). */
  readonly type: string;
  /** Constraints on its values (`one of: http, grpc`, `between 1 and 1000`, `pattern: ...`). */
  readonly allowed: readonly string[];
  /** The default of each tier, when it has one. */
  readonly defaults?: Readonly<Record<Tier, unknown>>;
  /** Why it has no default (`required`, or what leaving it out means). */
  readonly defaultNote?: string;
  /** What it drives in the outputs. */
  readonly drives?: string;
  /** Names of its own fields, for a mapping or a list of mappings. */
  readonly fields: readonly string[];
}

let cached: ReadonlyMap<string, FieldReference> | undefined;

/** Every field of the spec by full path, in schema order. */
export function fieldReference(): ReadonlyMap<string, FieldReference> {
  if (cached) return cached;
  const nodes = new Map<string, JsonSchema[]>();
  eachField(generateSchema().schema, (path, node) => {
    if (!("not" in node)) nodes.set(path, [...(nodes.get(path) ?? []), node]);
  });
  cached = new Map([...nodes].map(([path, variants]) => [path, reference(path, variants)]));
  return cached;
}

function reference(path: string, variants: readonly JsonSchema[]): FieldReference {
  const [first = {}] = variants;
  const defaults = first["x-tier-defaults"] as Record<Tier, unknown> | undefined;
  const note = first["x-default-note"];
  const drives = first["x-drives"];
  return {
    path,
    description: String(first["description"] ?? ""),
    type: unique(variants.map(typeOf)).join(" or "),
    allowed: unique(variants.flatMap(allowedOf)),
    ...(defaults ? { defaults } : {}),
    ...(typeof note === "string" ? { defaultNote: note } : {}),
    ...(typeof drives === "string" ? { drives } : {}),
    fields: unique(variants.flatMap(fieldsOf)),
  };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function branches(node: JsonSchema): JsonSchema[] {
  const anyOf = (node["anyOf"] ?? node["oneOf"]) as JsonSchema[] | undefined;
  return anyOf ? anyOf.flatMap(branches) : [node];
}

/** The type of a node in words. */
function typeOf(node: JsonSchema): string {
  return unique(
    branches(node).map((b) => {
      if (b["type"] === "array") return `list of ${typeOf((b["items"] ?? {}) as JsonSchema)}`;
      if (b["type"] === "object") return b["properties"] ? "mapping" : "mapping of names to values";
      return typeof b["type"] === "string" ? b["type"] : "any";
    }),
  ).join(" or ");
}

const BOUNDS: readonly [string, string][] = [
  ["minimum", "at least"],
  ["exclusiveMinimum", "above"],
  ["maximum", "at most"],
  ["exclusiveMaximum", "below"],
  ["minLength", "at least {} characters"],
  ["maxLength", "at most {} characters"],
  ["minItems", "at least {} items"],
  ["maxItems", "at most {} items"],
];

/** Constraints of a node in words. */
function allowedOf(node: JsonSchema): string[] {
  return branches(node).flatMap((b) => {
    const out: string[] = [];
    if (Array.isArray(b["enum"])) out.push(`one of: ${b["enum"].join(", ")}`);
    if (b["const"] !== undefined) out.push(`exactly: ${String(b["const"])}`);
    for (const [keyword, words] of BOUNDS)
      if (typeof b[keyword] === "number")
        out.push(words.includes("{}") ? words.replace("{}", String(b[keyword])) : `${words} ${String(b[keyword])}`);
    if (typeof b["pattern"] === "string") out.push(`pattern: ${b["pattern"]}`);
    const items = b["items"] as JsonSchema | undefined;
    if (items && b["type"] === "array") out.push(...allowedOf(items).map((a) => `each ${a}`));
    return out;
  });
}

function fieldsOf(node: JsonSchema): string[] {
  return branches(node).flatMap((b) => {
    const items = b["items"] as JsonSchema | undefined;
    if (b["type"] === "array" && items) return fieldsOf(items);
    const properties = b["properties"] as Record<string, JsonSchema> | undefined;
    return properties
      ? Object.entries(properties)
          .filter(([, v]) => !("not" in v))
          .map(([k]) => k)
      : [];
  });
}

/** The written forms a path is found by: with and without `spec.`, list items marked or not. */
function spellings(path: string): string[] {
  const bare = path.replace(/\[\]/g, "");
  return unique([path, bare, path.replace(/^spec\./, ""), bare.replace(/^spec\./, "")]);
}

/** What looking a path up found: the field, or the closest fields when there is none. */
export type Lookup = { readonly field: FieldReference } | { readonly suggestions: readonly string[] };

/**
 * Finds the field a user names: `workload.replicas`, `spec.workload.replicas`,
 * `chaos.experiments[0].latency` or `chaos.experiments.latency` all name a field.
 */
export function lookupField(query: string): Lookup {
  const reference = fieldReference();
  const wanted = query
    .trim()
    .replace(/\[\d*\]/g, "[]")
    .replace(/\.(\d+)(?=\.|$)/g, "[]");
  const byName = new Map<string, FieldReference>();
  for (const field of reference.values())
    for (const s of spellings(field.path)) if (!byName.has(s)) byName.set(s, field);
  const found = byName.get(wanted) ?? byName.get(wanted.replace(/\[\]/g, ""));
  if (found) return { field: found };
  return { suggestions: suggest(wanted.replace(/\[\]/g, ""), [...reference.keys()]) };
}

/**
 * Up to three fields close to a misspelt path, closest first: compared whole (without `spec.`) and
 * by as many trailing names as the query has, so `liveness.periodSecond` finds the liveness probe's.
 */
function suggest(wanted: string, paths: readonly string[]): string[] {
  const query = wanted.replace(/^spec\./, "");
  const depth = query.split(".").length;
  const limit = Math.max(1, Math.floor(query.length / 3));
  const score = (path: string): number => {
    const short = path.replace(/\[\]/g, "").replace(/^spec\./, "");
    const tail = short.split(".").slice(-depth).join(".");
    return Math.min(distance(short, query), distance(tail, query));
  };
  return paths
    .map((path) => ({ path, score: score(path) }))
    .filter((c) => c.score <= limit)
    .sort((a, b) => a.score - b.score)
    .slice(0, 3)
    .map((c) => c.path);
}
