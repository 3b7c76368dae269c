/**
 * References between the objects applied to one cluster. The API server accepts each object on
 * its own; these are what controllers and the kubelet then fail on (a pod that cannot be created,
 * a Service without endpoints, an HPA or PDB that governs nothing, a Deployment whose replica count
 * every apply resets under its autoscaler).
 */

import type { DeploymentSpec } from "kubernetes-types/apps/v1";
import type { HorizontalPodAutoscalerSpec } from "kubernetes-types/autoscaling/v2";
import type { ServiceSpec } from "kubernetes-types/core/v1";
import type { PodDisruptionBudgetSpec } from "kubernetes-types/policy/v1";
import { podTemplates, selects, type KubeObject, type SetRule } from "./core.js";
import { containersOf } from "./containers.js";

const ns = (o: KubeObject): string | undefined => o.metadata?.namespace;
const named = (objects: readonly KubeObject[], kind: string, namespace: string | undefined): Map<string, KubeObject> =>
  new Map(objects.filter((o) => o.kind === kind && ns(o) === namespace).map((o) => [o.metadata?.name ?? "", o]));

/** Labels of the pods of every workload in a namespace. */
function podLabels(
  objects: readonly KubeObject[],
  namespace: string | undefined,
): { readonly owner: KubeObject; readonly labels: Record<string, string> }[] {
  return objects
    .filter((o) => ns(o) === namespace)
    .flatMap((owner) =>
      podTemplates(owner).map(({ template }) => ({ owner, labels: template.metadata?.labels ?? {} })),
    );
}

const namespaceExists: SetRule = {
  name: "namespace-exists",
  summary: "every namespaced object's namespace is created by the same apply (a Namespace object)",
  checkSet: (objects, report) => {
    const namespaces = new Set(objects.filter((o) => o.kind === "Namespace").map((o) => o.metadata?.name));
    for (const o of objects)
      if (ns(o) !== undefined && !namespaces.has(ns(o)))
        report(o, "metadata.namespace", `namespace ${String(ns(o))} is not created by any Namespace object`);
  },
};

const serviceAccountExists: SetRule = {
  name: "service-account-exists",
  summary:
    "a pod template's serviceAccountName names a ServiceAccount of its namespace (the ReplicaSet controller cannot create pods otherwise)",
  checkSet: (objects, report) => {
    for (const o of objects) {
      for (const { path, template } of podTemplates(o)) {
        const account = template.spec?.serviceAccountName;
        if (account && account !== "default" && !named(objects, "ServiceAccount", ns(o)).has(account))
          report(
            o,
            `${path}.spec.serviceAccountName`,
            `ServiceAccount ${account} does not exist in namespace ${String(ns(o))}`,
          );
      }
    }
  },
};

const selectorsSelectPods: SetRule = {
  name: "selectors-select-pods",
  summary: "a Service's selector and a PodDisruptionBudget's selector match the pods of a workload in their namespace",
  checkSet: (objects, report) => {
    for (const o of objects) {
      if (o.kind === "Service") {
        const selector = (o["spec"] as ServiceSpec | undefined)?.selector;
        if (selector && !podLabels(objects, ns(o)).some((p) => selects({ matchLabels: selector }, p.labels)))
          report(o, "spec.selector", "selects no pods of any workload in the namespace");
      }
      if (
        o.kind === "PodDisruptionBudget" &&
        !podLabels(objects, ns(o)).some((p) =>
          selects((o["spec"] as PodDisruptionBudgetSpec | undefined)?.selector, p.labels),
        )
      ) {
        report(o, "spec.selector", "selects no pods of any workload in the namespace");
      }
    }
  },
};

const serviceTargetPort: SetRule = {
  name: "service-target-port",
  summary: "a Service's named targetPort is a container port name of every pod it selects",
  checkSet: (objects, report) => {
    for (const o of objects.filter((x) => x.kind === "Service")) {
      const spec = (o["spec"] ?? {}) as ServiceSpec;
      const selector = spec.selector;
      if (!selector) continue;
      const owners = podLabels(objects, ns(o))
        .filter((p) => selects({ matchLabels: selector }, p.labels))
        .map((p) => p.owner);
      (spec.ports ?? []).forEach((port, i) => {
        if (typeof port.targetPort !== "string") return;
        for (const owner of owners) {
          const names = containersOf(owner).flatMap(({ container }) => (container.ports ?? []).map((p) => p.name));
          if (!names.includes(port.targetPort))
            report(
              o,
              `spec.ports[${i}].targetPort`,
              `${port.targetPort} is not a container port name of ${owner.kind}/${owner.metadata?.name ?? ""}`,
            );
        }
      });
    }
  },
};

const hpaScaleTarget: SetRule = {
  name: "hpa-scale-target",
  summary:
    "an HPA's scaleTargetRef names a workload of its namespace, and that workload leaves spec.replicas unset (every apply would otherwise reset what the HPA scaled)",
  checkSet: (objects, report) => {
    for (const o of objects.filter((x) => x.kind === "HorizontalPodAutoscaler")) {
      const ref = (o["spec"] as HorizontalPodAutoscalerSpec | undefined)?.scaleTargetRef;
      const target = ref ? named(objects, ref.kind, ns(o)).get(ref.name) : undefined;
      if (!ref || !target || (ref.apiVersion !== undefined && ref.apiVersion !== target.apiVersion)) {
        report(
          o,
          "spec.scaleTargetRef",
          `${ref?.apiVersion ?? ""} ${ref?.kind ?? ""}/${ref?.name ?? ""} is not an object of the namespace`,
        );
        continue;
      }
      if ((target["spec"] as DeploymentSpec | undefined)?.replicas !== undefined)
        report(
          target,
          "spec.replicas",
          `must be left unset: HorizontalPodAutoscaler ${o.metadata?.name ?? ""} owns the replica count`,
        );
    }
  },
};

/** The cross-object rules. */
export const REFERENCE_RULES: readonly SetRule[] = [
  namespaceExists,
  serviceAccountExists,
  selectorsSelectPods,
  serviceTargetPort,
  hpaScaleTarget,
];
