/**
 * Object metadata as `ValidateObjectMeta` checks it for every kind, built-in or custom: the name
 * syntax of the kind, the namespace, label keys and values, annotation keys and total size.
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.30/staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go
 */

import { checkLabels, type ObjectRule } from "./core.js";
import { dns1035Label, dns1123Label, dns1123Subdomain, qualifiedName } from "./names.js";

/** Kinds whose objects live outside namespaces. */
const CLUSTER_SCOPED = new Set([
  "Namespace",
  "Node",
  "PersistentVolume",
  "ClusterRole",
  "ClusterRoleBinding",
  "StorageClass",
  "PriorityClass",
  "CustomResourceDefinition",
]);

/** Name syntax by kind: Namespace names are DNS-1123 labels, Service names DNS-1035 labels, the rest DNS-1123 subdomains (custom resources included). */
function nameRule(kind: string): { readonly what: string; readonly check: (name: string) => string[] } {
  if (kind === "Namespace") return { what: "a DNS-1123 label (≤63)", check: dns1123Label };
  if (kind === "Service") return { what: "a DNS-1035 label (≤63)", check: dns1035Label };
  return { what: "a DNS-1123 subdomain (≤253)", check: dns1123Subdomain };
}

/** The API server's limit on the summed length of annotation keys and values. */
export const ANNOTATIONS_MAX_BYTES = 256 * 1024;

const objectName: ObjectRule = {
  name: "object-name",
  summary:
    "metadata.name is required and follows the kind's name syntax (ValidateObjectMeta with the kind's name function)",
  check: (object, report) => {
    const name = object.metadata?.name;
    if (!name) return report("metadata.name", "is required");
    const rule = nameRule(object.kind);
    for (const p of rule.check(name)) report("metadata.name", `${object.kind} names must be ${rule.what}: ${p}`);
  },
};

const namespaceName: ObjectRule = {
  name: "namespace-name",
  summary: "namespaced objects name a DNS-1123 label namespace; cluster-scoped objects name none",
  check: (object, report) => {
    const namespace = object.metadata?.namespace;
    if (CLUSTER_SCOPED.has(object.kind)) {
      if (namespace !== undefined) report("metadata.namespace", `is not allowed on ${object.kind} (cluster-scoped)`);
      return;
    }
    if (!namespace)
      return report(
        "metadata.namespace",
        "must be set: a namespaced object applied without one lands in whatever namespace the context defaults to",
      );
    for (const p of dns1123Label(namespace)) report("metadata.namespace", p);
  },
};

const labels: ObjectRule = {
  name: "labels",
  summary:
    "label keys are qualified names (optional DNS-1123 subdomain prefix ≤253, name ≤63) and values are ≤63 label values (ValidateLabels)",
  check: (object, report) => {
    checkLabels(object.metadata?.labels, "metadata.labels", report);
    const template = (object["spec"] as { template?: { metadata?: { labels?: Record<string, string> } } } | undefined)
      ?.template;
    checkLabels(template?.metadata?.labels, "spec.template.metadata.labels", report);
  },
};

const annotations: ObjectRule = {
  name: "annotations",
  summary:
    "annotation keys are qualified names (checked lower-cased) and keys plus values total at most 256 KiB (ValidateAnnotations)",
  check: (object, report) => {
    const all: [string, Record<string, string> | undefined][] = [
      ["metadata.annotations", object.metadata?.annotations],
      [
        "spec.template.metadata.annotations",
        (object["spec"] as { template?: { metadata?: { annotations?: Record<string, string> } } } | undefined)?.template
          ?.metadata?.annotations,
      ],
    ];
    for (const [path, map] of all) {
      if (!map) continue;
      let bytes = 0;
      for (const [key, value] of Object.entries(map)) {
        for (const p of qualifiedName(key.toLowerCase()))
          report(`${path}[${JSON.stringify(key)}]`, `annotation key ${p}`);
        bytes += Buffer.byteLength(key) + Buffer.byteLength(String(value));
      }
      if (bytes > ANNOTATIONS_MAX_BYTES)
        report(path, `may not be more than ${ANNOTATIONS_MAX_BYTES} bytes in total, got ${bytes}`);
    }
  },
};

/** The metadata rules, applied to every kind. */
export const META_RULES: readonly ObjectRule[] = [objectName, namespaceName, labels, annotations];
