/**
 * The Kubernetes objects exactly as `reliability plan` writes them for the example services,
 * parsed back from the rendered multi-document YAML.
 */

import { parseAllDocuments } from "yaml";
import { renderKubernetes } from "../../components/render/kubernetes.js";
import { planExamples } from "../support/project.js";
import { isBuiltInGroup } from "./kube-models.js";
import type { KubeObject } from "./rules/index.js";

/** One rendered object and where it was written. */
export interface Rendered {
  /** Output file, `kubernetes/<region>/<service>.yaml`. */
  readonly file: string;
  /** Region (cluster) the file is applied to. */
  readonly region: string;
  /** The object. */
  readonly object: KubeObject;
}

const cache = new Map<string, readonly Rendered[]>();

/** Every object rendered for a stack. @throws when a rendered document does not parse. */
export function renderedObjects(stack: string): readonly Rendered[] {
  const cached = cache.get(stack);
  if (cached) return cached;
  const objects = renderKubernetes(planExamples(stack).plan).flatMap((file) =>
    parseAllDocuments(file.text).map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file.path}: ${doc.errors.map((e) => e.message).join("; ")}`);
      return { file: file.path, region: file.path.split("/")[1] ?? "", object: doc.toJS() as KubeObject };
    }),
  );
  cache.set(stack, objects);
  return objects;
}

/** The rendered objects of a stack grouped by the cluster (region) they are applied to. */
export function byCluster(stack: string): Map<string, KubeObject[]> {
  const clusters = new Map<string, KubeObject[]>();
  for (const { region, object } of renderedObjects(stack))
    clusters.set(region, [...(clusters.get(region) ?? []), object]);
  return clusters;
}

/** True for objects of API groups Kubernetes itself serves (core, apps, policy, *.k8s.io, ...); false for custom resources. */
export function isBuiltIn(object: Pick<KubeObject, "apiVersion">): boolean {
  return isBuiltInGroup(object.apiVersion);
}

/** A deep copy of the first rendered object of a kind in a stack (a valid baseline to plant a defect in). */
export function baseline(stack: string, kind: string, name?: string): KubeObject {
  const found = renderedObjects(stack).find(
    (r) => r.object.kind === kind && (name === undefined || r.object.metadata?.name === name),
  );
  if (!found) throw new Error(`no ${kind}${name ? ` ${name}` : ""} rendered for ${stack}`);
  return structuredClone(found.object);
}
