/**
 * Strict validation of custom resources against their vendored CRDs (test/reference/): every
 * object that lists its properties is closed unless it preserves unknown fields, as the API server
 * prunes (or, with strict field validation, refuses) anything else.
 */

import type { ValidateFunction } from "ajv";
import { join } from "node:path";
import { CHAOS_MESH_CRDS, crdSchema, errorsOf, kubeAjv, PROMETHEUS_OPERATOR_CRDS } from "../support/vendored.js";
import { MESH_CRD_FILES } from "./mesh-crds.js";
import { objectMetaErrors } from "./openapi.js";

/** The vendored CRD file and served version of each custom kind we render, by `apiVersion kind`. */
export const CRD_FILES: Readonly<Record<string, { readonly file: string; readonly version: string }>> = {
  "monitoring.coreos.com/v1 PrometheusRule": {
    file: join(PROMETHEUS_OPERATOR_CRDS, "monitoring.coreos.com_prometheusrules.yaml"),
    version: "v1",
  },
  "monitoring.coreos.com/v1alpha1 AlertmanagerConfig": {
    file: join(PROMETHEUS_OPERATOR_CRDS, "monitoring.coreos.com_alertmanagerconfigs.yaml"),
    version: "v1alpha1",
  },
  "chaos-mesh.org/v1alpha1 Schedule": {
    file: join(CHAOS_MESH_CRDS, "chaos-mesh.org_schedules.yaml"),
    version: "v1alpha1",
  },
  "monitoring.coreos.com/v1 Probe": {
    file: join(PROMETHEUS_OPERATOR_CRDS, "monitoring.coreos.com_probes.yaml"),
    version: "v1",
  },
  ...MESH_CRD_FILES,
};

const ajv = kubeAjv();
const validators = new Map<string, ValidateFunction>();

/**
 * Strict CRD errors of a custom object (`path message {params}`), its `metadata` checked as
 * ObjectMeta (the CRD leaves it open), or one error when no CRD is vendored for its kind.
 */
export function crdErrors(object: {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly metadata?: unknown;
}): string[] {
  const key = `${String(object.apiVersion)} ${String(object.kind)}`;
  const crd = CRD_FILES[key];
  if (!crd) return [`no vendored CRD for ${key}: vendor it under test/reference/ and list it in CRD_FILES`];
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(crdSchema(crd.file, String(object.kind), crd.version));
    validators.set(key, validate);
  }
  return [...errorsOf(validate, object), ...objectMetaErrors(object.metadata ?? {})];
}
