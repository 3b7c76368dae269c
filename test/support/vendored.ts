/**
 * The reference schemas vendored under `test/reference/` (each folder's README names its source,
 * version and licence) and a strict reading of CRD schemas: tests never read anything outside the
 * repository, so a fresh clone passes on its own.
 */

import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ROOT } from "./project.js";

/** Folder of the vendored reference data. */
export const REFERENCE_DIR = join(ROOT, "test", "reference");

/** Chaos Mesh CRDs (`chaos-mesh.org_*.yaml`). */
export const CHAOS_MESH_CRDS = join(REFERENCE_DIR, "chaos-mesh-crds");

/** prometheus-operator CRDs (`monitoring.coreos.com_*.yaml`). */
export const PROMETHEUS_OPERATOR_CRDS = join(REFERENCE_DIR, "prometheus-operator-crds");

/** The extract of the Kubernetes OpenAPI v2 document (see its README). */
export const KUBERNETES_OPENAPI = join(REFERENCE_DIR, "kubernetes-openapi", "swagger-subset.json");

/** A JSON schema node as plain data. */
export type SchemaNode = Record<string, unknown>;

/**
 * Adapts an OpenAPI v3 (CRD) schema for JSON Schema validation: boolean `exclusiveMinimum`/
 * `exclusiveMaximum` become numbers, `x-kubernetes-*` extensions are dropped, and every object that
 * lists its properties refuses others unless it carries `x-kubernetes-preserve-unknown-fields`
 * (the API server prunes an unknown field silently, so a typo or a misplaced field would be lost).
 */
export function closeCrdSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeCrdSchema);
  if (node === null || typeof node !== "object") return node;
  const out: SchemaNode = {};
  for (const [k, v] of Object.entries(node as SchemaNode))
    if (!k.startsWith("x-kubernetes-")) out[k] = closeCrdSchema(v);
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof out[flag] === "boolean") {
      if (out[flag] === true) out[flag] = out[bound];
      else delete out[flag];
      if (out[flag] !== undefined) delete out[bound];
    }
  }
  const open = (node as SchemaNode)["x-kubernetes-preserve-unknown-fields"] === true;
  if (out["properties"] !== undefined && out["additionalProperties"] === undefined && !open)
    out["additionalProperties"] = false;
  return out;
}

interface Crd {
  readonly spec: {
    readonly names: { readonly kind: string };
    readonly versions: readonly { readonly name: string; readonly schema: { readonly openAPIV3Schema: unknown } }[];
  };
}

/** The closed `openAPIV3Schema` of `kind` at `version` from a CRD file. @throws when the file defines another kind or lacks the version. */
export function crdSchema(file: string, kind: string, version: string): SchemaNode {
  const crd = parse(readFileSync(file, "utf8")) as Crd;
  if (crd.spec.names.kind !== kind) throw new Error(`${file} defines ${crd.spec.names.kind}, not ${kind}`);
  const found = crd.spec.versions.find((v) => v.name === version);
  if (!found) throw new Error(`${file} has no ${version}`);
  return closeCrdSchema(found.schema.openAPIV3Schema) as SchemaNode;
}

/**
 * Compiles a CRD pattern (Go RE2 syntax) as a JavaScript RegExp. RE2's inline `(?i)` has no
 * equivalent before Node 23, so a pattern that uses it is matched case-insensitively as a whole —
 * slightly looser than the API server for the three weekday, month and `abort|warn` patterns of the
 * AlertmanagerConfig CRD, and exact for every other pattern the vendored CRDs use.
 */
function re2Pattern(pattern: string, flags: string): RegExp {
  const insensitive = pattern.includes("(?i)") && !flags.includes("i");
  return new RegExp(pattern.replaceAll("(?i)", ""), insensitive ? `${flags}i` : flags);
}
re2Pattern.code = "re2Pattern";

/** An Ajv instance for Kubernetes schemas (all errors, standard formats, RE2 patterns, unknown keywords tolerated). */
export function kubeAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false, code: { regExp: re2Pattern } });
  addFormats(ajv);
  return ajv;
}

/** Ajv errors as `path message {params}` lines. */
export function formatAjvErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}

/** Validates with a compiled schema, returning the formatted errors (empty when valid). */
export function errorsOf(validate: ValidateFunction, object: unknown): string[] {
  return validate(object) ? [] : formatAjvErrors(validate.errors);
}
