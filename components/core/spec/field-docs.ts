/**
 * Documentation of spec fields: what a field means, its default for each tier and what it drives in
 * the outputs. Domains declare the documentation of their sections next to their schema; the JSON
 * Schema of the spec and `reliability explain` are built from it, and a test holds every field of the
 * schema to having an entry.
 */

import { TIERS, type Tier } from "./service.js";

/** A field's default: a value for each tier (possibly the same), or none with what happens instead. */
export type FieldDefault =
  | {
      /** The field takes a value when left out. */
      readonly kind: "tier";
      /** The value the loader applies for a service of `tier`, as a spec would write it. */
      readonly value: (tier: Tier) => unknown;
    }
  | {
      /** The field takes no value when left out. */
      readonly kind: "none";
      /** Why: `required`, or what leaving it out means. */
      readonly note: string;
    };

/** Documentation of one spec field. */
export interface FieldDoc {
  /** What the field means, in a sentence or two. */
  readonly description: string;
  /** Its default for each tier, or why it has none. */
  readonly default: FieldDefault;
  /** What it drives in the outputs (objects, fields, alerts, checks). */
  readonly drives?: string;
}

/**
 * Documentation of fields, keyed by path: `workload.probes.liveness.periodSeconds`, with `[]` for the
 * items of a list (`chaos.experiments[].name`). A domain's paths start at its section (below `spec`).
 */
export type FieldDocs = Readonly<Record<string, FieldDoc>>;

/** The note of a field that must be given. */
export const REQUIRED = "required";

/** A default that depends on the tier. */
export function byTier(value: (tier: Tier) => unknown): FieldDefault {
  return { kind: "tier", value };
}

/** A default that is the same for every tier. */
export function always(value: unknown): FieldDefault {
  return { kind: "tier", value: () => value };
}

/** No default: the field must be given. */
export const required: FieldDefault = { kind: "none", note: REQUIRED };

/** No default: `note` says what leaving the field out means. */
export function unset(note: string): FieldDefault {
  return { kind: "none", note };
}

/** Shorthand for a field's documentation. */
export function doc(description: string, fieldDefault: FieldDefault, drives?: string): FieldDoc {
  return drives === undefined ? { description, default: fieldDefault } : { description, default: fieldDefault, drives };
}

/** The default of each tier, or undefined for a field without one. */
export function tierDefaults(d: FieldDefault): Readonly<Record<Tier, unknown>> | undefined {
  if (d.kind === "none") return undefined;
  return Object.fromEntries(TIERS.map((tier) => [tier, d.value(tier)])) as Record<Tier, unknown>;
}

/** Joins a path and a relative one (`""`: the path itself; `[]...`: the items of a list). */
export function joinPath(prefix: string, path: string): string {
  if (path === "") return prefix;
  if (prefix === "") return path;
  return path.startsWith("[]") ? `${prefix}${path}` : `${prefix}.${path}`;
}

/** Moves every path of `docs` below `prefix` (the entry at `""` documents `prefix` itself). */
export function under(prefix: string, docs: FieldDocs): FieldDocs {
  return Object.fromEntries(Object.entries(docs).map(([path, d]) => [joinPath(prefix, path), d]));
}
