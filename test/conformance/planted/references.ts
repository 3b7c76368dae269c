import type { Deployment } from "kubernetes-types/apps/v1";
import type { Service } from "kubernetes-types/core/v1";
import type { KubeObject } from "../rules/index.js";
import type { PlantedInCluster } from "./types.js";

const is = (kind: string, name: string) => (o: KubeObject) => o.kind === kind && o.metadata?.name === name;

function edit<T>(kind: string, name: string, change: (o: T) => void): (objects: KubeObject[]) => KubeObject[] {
  return (objects) => {
    const found = objects.find(is(kind, name));
    if (!found) throw new Error(`baseline cluster has no ${kind}/${name}`);
    change(found as unknown as T);
    return objects;
  };
}

/** Planted defects for the cross-object rules (on the prod stack's us-east-1 cluster). */
export const REFERENCE_DEFECTS: readonly PlantedInCluster[] = [
  {
    rule: "namespace-exists",
    defect: "objects in a namespace nothing creates",
    expect: "namespace checkout is not created by any Namespace object",
    mutate: (objects) => objects.filter((o) => !is("Namespace", "checkout")(o)),
  },
  {
    rule: "service-account-exists",
    defect: "a pod whose ServiceAccount is not rendered",
    expect: "ServiceAccount checkout does not exist in namespace checkout",
    mutate: (objects) => objects.filter((o) => !is("ServiceAccount", "checkout")(o)),
  },
  {
    rule: "selectors-select-pods",
    defect: "a Service selector that matches no pod",
    expect: "selects no pods",
    mutate: edit<Service>(
      "Service",
      "checkout",
      (s) => void (s.spec = { ...s.spec, selector: { "app.kubernetes.io/name": "checkout-v2" } }),
    ),
  },
  {
    rule: "selectors-select-pods",
    defect: "a PDB selector that matches no pod",
    expect: "PodDisruptionBudget/checkout/checkout spec.selector: selects no pods",
    mutate: edit<{ spec: { selector: object } }>(
      "PodDisruptionBudget",
      "checkout",
      (p) => void (p.spec.selector = { matchLabels: { tier: "none" } }),
    ),
  },
  {
    rule: "service-target-port",
    defect: "a named targetPort the pods do not declare",
    expect: "metrics is not a container port name of Deployment/checkout",
    mutate: edit<Service>(
      "Service",
      "checkout",
      (s) => void (s.spec = { ...s.spec, ports: [{ name: "http", port: 8080, targetPort: "metrics" }] }),
    ),
  },
  {
    rule: "hpa-scale-target",
    defect: "an HPA that targets a missing Deployment",
    expect: "apps/v1 Deployment/inventory-v2 is not an object of the namespace",
    mutate: edit<{ spec: { scaleTargetRef: { name: string } } }>(
      "HorizontalPodAutoscaler",
      "inventory",
      (h) => void (h.spec.scaleTargetRef.name = "inventory-v2"),
    ),
  },
  {
    rule: "hpa-scale-target",
    defect: "replicas on a Deployment an HPA scales",
    expect: "must be left unset: HorizontalPodAutoscaler inventory owns the replica count",
    mutate: edit<Deployment>("Deployment", "inventory", (d) => void (d.spec && (d.spec.replicas = 3))),
  },
];
