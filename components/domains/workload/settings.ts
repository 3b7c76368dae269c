/**
 * The workload domain's stack settings: which namespaces a service's NetworkPolicy admits besides its
 * callers (`reliability:networkPolicy`) and the PriorityClass of each tier's pods (`reliability:priorityClasses`).
 */

import { z } from "zod";
import { DEFAULTS } from "../../core/defaults.js";
import { dnsLabel } from "../../core/spec/fields.js";
import type { StackConfig } from "../../core/stack/config.js";

/** `reliability:networkPolicy`: the namespaces of the clusters' ingress controller (or gateway) and monitoring stack. */
export const networkPolicyStackSchema = z.strictObject({
  /** @default {@link DEFAULTS.networkPolicyNamespaces} — namespace of the ingress controller or gateway that forwards public traffic. */
  ingressNamespace: dnsLabel(63).optional(),
  /** @default {@link DEFAULTS.networkPolicyNamespaces} — namespace of the Prometheus that scrapes the services. */
  monitoringNamespace: dnsLabel(63).optional(),
});

/** `reliability:priorityClasses`: the PriorityClass of each tier's pods in this stack's clusters. */
export const priorityClassesStackSchema = z.strictObject({
  critical: dnsLabel(253).optional(),
  standard: dnsLabel(253).optional(),
  "best-effort": dnsLabel(253).optional(),
});

/** `reliability:networkPolicy` as validated. */
export type NetworkPolicyStackSettings = z.output<typeof networkPolicyStackSchema>;

/** `reliability:priorityClasses` as validated. */
export type PriorityClassesStackSettings = z.output<typeof priorityClassesStackSchema>;

/** The namespaces a service's NetworkPolicy admits besides its callers, stack settings over the defaults. */
export function networkPolicyNamespaces(stack: StackConfig): { readonly ingress: string; readonly monitoring: string } {
  return {
    ingress: stack.networkPolicy?.ingressNamespace ?? DEFAULTS.networkPolicyNamespaces.ingress,
    monitoring: stack.networkPolicy?.monitoringNamespace ?? DEFAULTS.networkPolicyNamespaces.monitoring,
  };
}
