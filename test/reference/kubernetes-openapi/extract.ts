/**
 * Reproduces `swagger-subset.json` from the Kubernetes OpenAPI v2 document: keeps the definitions
 * reachable from the kinds in {@link ROOTS} and drops every `description` (the validator does not
 * read them; they are most of the file's size). Nothing else is changed.
 *
 * Usage: `npx tsx test/reference/kubernetes-openapi/extract.ts <path to swagger.json>`
 * (see this folder's README for where the input comes from).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The kinds the conformance suite validates: every built-in kind the planners render, and those they may render next. */
export const ROOTS = [
  "io.k8s.api.core.v1.Namespace",
  "io.k8s.api.core.v1.ServiceAccount",
  "io.k8s.api.core.v1.Service",
  "io.k8s.api.core.v1.ConfigMap",
  "io.k8s.api.core.v1.PersistentVolumeClaim",
  "io.k8s.api.core.v1.Secret",
  "io.k8s.api.apps.v1.Deployment",
  "io.k8s.api.policy.v1.PodDisruptionBudget",
  "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler",
  "io.k8s.api.networking.v1.NetworkPolicy",
] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function strip(node: Json): Json {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(Object.entries(node).filter(([k]) => k !== "description").map(([k, v]) => [k, strip(v)]));
}

function refs(node: Json, found: Set<string>): void {
  if (Array.isArray(node)) for (const item of node) refs(item, found);
  else if (node !== null && typeof node === "object") {
    const ref = node["$ref"];
    if (typeof ref === "string") found.add(ref.replace("#/definitions/", ""));
    for (const value of Object.values(node)) refs(value, found);
  }
}

/** The definitions reachable from `roots`, sorted by name, without descriptions. */
export function reachable(definitions: Record<string, Json>, roots: readonly string[]): Record<string, Json> {
  const keep = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (keep.has(name)) continue;
    const definition = definitions[name];
    if (definition === undefined) throw new Error(`definition ${name} is not in the input`);
    keep.add(name);
    const found = new Set<string>();
    refs(definition, found);
    queue.push(...found);
  }
  return Object.fromEntries([...keep].sort().map((name) => [name, strip(definitions[name] as Json)]));
}

function main(input: string | undefined): void {
  if (!input) throw new Error("usage: extract.ts <swagger.json>");
  const swagger = JSON.parse(readFileSync(input, "utf8")) as { swagger: string; definitions: Record<string, Json> };
  const subset = { swagger: swagger.swagger, roots: ROOTS, definitions: reachable(swagger.definitions, ROOTS) };
  writeFileSync(join(__dirname, "swagger-subset.json"), `${JSON.stringify(subset, null, 1)}\n`);
}

if (process.argv[1]?.endsWith("extract.ts")) main(process.argv[2]);
