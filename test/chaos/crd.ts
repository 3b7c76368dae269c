/**
 * Chaos Mesh's CRDs (vendored in test/reference/chaos-mesh-crds/) as Ajv validators. The OpenAPI
 * v3 schemas are adapted for JSON Schema by `closeCrdSchema`: every object that lists its
 * properties refuses others — the API server would prune an unknown (e.g. misplaced) field silently.
 */

import type { ValidateFunction } from "ajv";
import { join } from "node:path";
import {
  CHAOS_MESH_CRDS,
  crdSchema as closedCrdSchema,
  errorsOf,
  kubeAjv,
  type SchemaNode,
} from "../support/vendored.js";

/** Where the reference CRDs live. */
export const CRD_DIR = CHAOS_MESH_CRDS;

const ajv = kubeAjv();
const validators = new Map<string, ValidateFunction>();

/** The adapted openAPIV3Schema of a kind (`Schedule`, `PodChaos`, ...). */
export function crdSchema(kind: string): SchemaNode {
  return closedCrdSchema(
    join(CRD_DIR, `chaos-mesh.org_${kind.toLowerCase()}${kind.endsWith("Chaos") ? "" : "s"}.yaml`),
    kind,
    "v1alpha1",
  );
}

/** Validates an object (apiVersion/kind/metadata/spec) against its kind's CRD; returns the errors. */
export function crdErrors(kind: string, object: unknown): string[] {
  let validate = validators.get(kind);
  if (!validate) {
    validate = ajv.compile(crdSchema(kind));
    validators.set(kind, validate);
  }
  return errorsOf(validate, object);
}
