/**
 * The NetworkPolicy of each service, planned across the stack because it admits the service's callers:
 * the pods of every service whose `spec.dependencies` name it. Inbound traffic is denied except to the
 * service port from those callers, from the ingress namespace when the service is public (`spec.dns`)
 * and from the monitoring namespace that scrapes it. Outbound traffic stays open. Pure.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */

import type { NetworkPolicy, NetworkPolicyIngressRule, NetworkPolicyPeer } from "kubernetes-types/networking/v1";
import { portName, resourceKey, selectorLabels } from "../../core/conventions.js";
import type { DomainPlan, StackDomainPlan } from "../../core/module.js";
import { kubeBody, kubeResource } from "../../core/plan/kube.js";
import type { ResolvedService } from "../../core/spec/service.js";
import type { StackConfig } from "../../core/stack/config.js";
import { workloadMetadata } from "./plan.js";
import { networkPolicyNamespaces } from "./settings.js";

/** The label the API server sets on every Namespace to its name (Kubernetes ≥ 1.22). */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/**
 * The services of the stack that declare a call to each service, by the callee's name, each list
 * by name; one pass over every dependency, so a fleet's callers cost what its calls cost.
 */
export function callersByCallee(services: readonly ResolvedService[]): ReadonlyMap<string, readonly ResolvedService[]> {
  const callers = new Map<string, ResolvedService[]>();
  for (const s of services) {
    const callees = new Set(
      s.dependencies.flatMap((d) =>
        d.kind === "service" && d.service !== undefined && d.service !== s.name ? [d.service] : [],
      ),
    );
    for (const callee of callees) {
      const list = callers.get(callee) ?? [];
      callers.set(callee, list);
      list.push(s);
    }
  }
  for (const list of callers.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  return callers;
}

function inNamespace(namespace: string): NetworkPolicyPeer {
  return { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } };
}

/** The NetworkPolicy of one service: default-deny inbound, its callers, the ingress when public, monitoring. */
export function networkPolicy(
  service: ResolvedService,
  callers: readonly ResolvedService[],
  namespaces: { readonly ingress: string; readonly monitoring: string },
): NetworkPolicy {
  const ports = [{ port: portName(service.workload.protocol), protocol: "TCP" }];
  const rule = (from: NetworkPolicyPeer[]): NetworkPolicyIngressRule => ({ from, ports });
  const ingress = [
    ...(callers.length > 0
      ? [
          rule(
            callers.map((c) => ({ ...inNamespace(c.namespace), podSelector: { matchLabels: selectorLabels(c.name) } })),
          ),
        ]
      : []),
    ...(service.dns ? [rule([inNamespace(namespaces.ingress)])] : []),
    rule([inNamespace(namespaces.monitoring)]),
  ];
  return {
    metadata: workloadMetadata(service),
    spec: { podSelector: { matchLabels: selectorLabels(service.name) }, policyTypes: ["Ingress"], ingress },
  };
}

function servicePlan(service: ResolvedService, callers: readonly ResolvedService[], stack: StackConfig): DomainPlan {
  if (!service.workload.networkPolicy) return { resources: [] };
  const body = kubeBody(
    "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    networkPolicy(service, callers, networkPolicyNamespaces(stack)),
  );
  return {
    resources: service.regions.map((region) =>
      kubeResource(
        service,
        {
          region,
          kind: "NetworkPolicy",
          type: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
          suffix: "netpol",
          origin: "spec.workload.networkPolicy",
          opts: { dependsOn: [resourceKey(service.name, region, "Namespace")] },
        },
        body,
      ),
    ),
  };
}

/** The workload planner across the stack: each service's NetworkPolicy in every region it runs in. */
export function planNetworkPolicies(services: readonly ResolvedService[], stack: StackConfig): StackDomainPlan {
  const callers = callersByCallee(services);
  return {
    services: new Map(services.map((s) => [s.name, servicePlan(s, callers.get(s.name) ?? [], stack)])),
    issues: [],
  };
}
