/**
 * Strict validation of built-in Kubernetes objects against the vendored Kubernetes v1.30 OpenAPI
 * document (test/reference/kubernetes-openapi/). `kubernetes-models` accepts unknown fields; the
 * API server with strict field validation (and server-side apply, which Pulumi uses) refuses them,
 * and without it prunes them silently. So every object with `properties` is closed here,
 * `int-or-string` accepts an integer or a string, a `Quantity` a number or a quantity string, and
 * list-map keys (`x-kubernetes-list-map-keys`) and sets must be unique, as server-side apply demands.
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation
 */

import type { ValidateFunction } from "ajv";
import { readFileSync } from "node:fs";
import { errorsOf, KUBERNETES_OPENAPI, kubeAjv, type SchemaNode } from "../support/vendored.js";

const QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
const OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

/** Kubernetes' quantity syntax: a signed decimal number with an optional binary, decimal or exponent suffix. */
export const QUANTITY_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

interface OpenApiDocument {
  readonly roots: readonly string[];
  readonly definitions: Record<string, SchemaNode>;
}

/** One definition adapted for Ajv: closed objects, int-or-string, list-map keys and sets. */
function adapt(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(adapt);
  if (node === null || typeof node !== "object") return node;
  const out: SchemaNode = {};
  for (const [k, v] of Object.entries(node as SchemaNode)) {
    if (k === "x-kubernetes-list-map-keys") out["listMapKeys"] = v;
    else if (k === "x-kubernetes-list-type" && v === "set") out["uniqueItems"] = true;
    else if (!k.startsWith("x-kubernetes-")) out[k] = adapt(v);
  }
  if (out["format"] === "int-or-string") {
    delete out["format"];
    out["type"] = ["integer", "string"];
  }
  if (out["properties"] !== undefined && out["additionalProperties"] === undefined) out["additionalProperties"] = false;
  return out;
}

function apiVersionOf(gvk: GroupVersionKind): string {
  return gvk.group === "" ? gvk.version : `${gvk.group}/${gvk.version}`;
}

function load(): { schemas: Map<string, ValidateFunction> } {
  const doc = JSON.parse(readFileSync(KUBERNETES_OPENAPI, "utf8")) as OpenApiDocument;
  const definitions = Object.fromEntries(Object.entries(doc.definitions).map(([name, d]) => [name, adapt(d)]));
  definitions[QUANTITY] = { anyOf: [{ type: "number" }, { type: "string", format: "quantity" }] };
  const ajv = kubeAjv();
  ajv.addFormat("quantity", QUANTITY_PATTERN);
  ajv.addKeyword({
    keyword: "listMapKeys",
    type: "array",
    schemaType: "array",
    error: { message: "has two items with the same list-map key (server-side apply refuses duplicates)" },
    validate: (keys: readonly string[], items: readonly Record<string, unknown>[]) => {
      const seen = items.map((item) => JSON.stringify(keys.map((k) => item?.[k])));
      return new Set(seen).size === seen.length;
    },
  });
  ajv.addSchema({ $id: "k8s", definitions });
  const schemas = new Map<string, ValidateFunction>([
    [OBJECT_META, ajv.compile({ $ref: `k8s#/definitions/${OBJECT_META}` })],
  ]);
  for (const root of doc.roots) {
    for (const gvk of (doc.definitions[root]?.["x-kubernetes-group-version-kind"] as GroupVersionKind[] | undefined) ??
      []) {
      schemas.set(`${apiVersionOf(gvk)} ${gvk.kind}`, ajv.compile({ $ref: `k8s#/definitions/${root}` }));
    }
  }
  return { schemas };
}

let loaded: ReturnType<typeof load> | undefined;

/** The `apiVersion kind` pairs the vendored document defines (and so can validate). */
export function openApiKinds(): string[] {
  loaded ??= load();
  return [...loaded.schemas.keys()].filter((k) => k !== OBJECT_META).sort();
}

/**
 * Strict errors of an object's `metadata` against ObjectMeta. A CRD schema leaves `metadata` open
 * (the API server validates it as ObjectMeta), so custom resources need this besides their CRD.
 */
export function objectMetaErrors(metadata: unknown): string[] {
  loaded ??= load();
  const validate = loaded.schemas.get(OBJECT_META) as ValidateFunction;
  return errorsOf(validate, metadata).map((e) => `/metadata${e}`);
}

/** Strict OpenAPI errors of a built-in object (`path message {params}`), or one error when its kind is not vendored. */
export function openApiErrors(object: { readonly apiVersion?: unknown; readonly kind?: unknown }): string[] {
  loaded ??= load();
  const key = `${String(object.apiVersion)} ${String(object.kind)}`;
  const validate = loaded.schemas.get(key);
  if (!validate)
    return [
      `no vendored OpenAPI definition for ${key}: add it to ROOTS in test/reference/kubernetes-openapi/extract.ts and re-run the extraction`,
    ];
  return errorsOf(validate, object);
}
