import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ROOT } from "../support/project.js";

/**
 * Chaos Mesh's CRDs (../shared/reference/chaos-mesh-crds/) as Ajv validators. The OpenAPI v3 schemas
 * are adapted for JSON Schema: boolean `exclusiveMinimum`/`exclusiveMaximum` become numbers, the
 * `x-kubernetes-*` extensions are dropped, and every object that lists its properties refuses
 * others — the API server would prune an unknown (e.g. misplaced) field silently.
 */

/** Where the reference CRDs live. */
export const CRD_DIR = join(ROOT, "..", "shared", "reference", "chaos-mesh-crds");

type Node = Record<string, unknown>;

function adapt(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(adapt);
  if (node === null || typeof node !== "object") return node;
  const out: Node = {};
  for (const [k, v] of Object.entries(node as Node)) if (!k.startsWith("x-kubernetes-")) out[k] = adapt(v);
  for (const [flag, bound] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]] as const) {
    if (typeof out[flag] === "boolean") {
      if (out[flag] === true) out[flag] = out[bound];
      else delete out[flag];
      if (out[flag] !== undefined) delete out[bound];
    }
  }
  const open = (node as Node)["x-kubernetes-preserve-unknown-fields"] === true;
  if (out["properties"] !== undefined && out["additionalProperties"] === undefined && !open) out["additionalProperties"] = false;
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();

/** The adapted openAPIV3Schema of a kind (`Schedule`, `PodChaos`, ...). */
export function crdSchema(kind: string): Node {
  const file = join(CRD_DIR, `chaos-mesh.org_${kind.toLowerCase()}${kind.endsWith("Chaos") ? "" : "s"}.yaml`);
  const crd = parse(readFileSync(file, "utf8")) as { spec: { names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: unknown } }[] } };
  if (crd.spec.names.kind !== kind) throw new Error(`${file} defines ${crd.spec.names.kind}, not ${kind}`);
  const version = crd.spec.versions.find((v) => v.name === "v1alpha1");
  if (!version) throw new Error(`${file} has no v1alpha1`);
  return adapt(version.schema.openAPIV3Schema) as Node;
}

/** Validates an object (apiVersion/kind/metadata/spec) against its kind's CRD; returns the errors. */
export function crdErrors(kind: string, object: unknown): string[] {
  let validate = validators.get(kind);
  if (!validate) {
    validate = ajv.compile(crdSchema(kind));
    validators.set(kind, validate);
  }
  return validate(object) ? [] : formatErrors(validate.errors ?? []);
}

function formatErrors(errors: readonly ErrorObject[]): string[] {
  return errors.map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${e.params ? JSON.stringify(e.params) : ""}`);
}
