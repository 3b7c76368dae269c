/**
 * Turning what CrossGuard presents into what rules read. During a preview, inputs computed from
 * other resources' outputs are unknown; CrossGuard wraps props in a proxy that throws on reading
 * one. Here every property is read once, and an unknown becomes {@link UNKNOWN}, so no rule can
 * crash on it and each decides "cannot judge yet" for itself.
 * @see https://www.pulumi.com/docs/iac/using-pulumi/crossguard/
 */

import { UnknownValueError, type PolicyResource } from "@pulumi/policy";
import { LABELS, MANAGED_BY, RELIABLE_SERVICE_TYPE } from "../../components/core/conventions.js";
import { KUBE } from "../../components/core/policy/kube.js";
import { SHARED_RESOURCES_TYPE } from "../../components/core/shared-names.js";
import { UNKNOWN, type ServiceSubject, type StackSubject, type Subject } from "../../components/core/policy/types.js";
import { at, isObject, labelsOf } from "../../components/core/policy/values.js";
import { contextOf, type ContextConfig } from "../resource-findings.js";

/** Copies proxied props into plain data, replacing unknown values with {@link UNKNOWN}. */
export function plainProps(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const read = (key: string | number): unknown => {
    try {
      return plainProps((value as Record<string | number, unknown>)[key]);
    } catch (error) {
      if (error instanceof UnknownValueError) return UNKNOWN;
      throw error;
    }
  };
  if (Array.isArray(value)) return Array.from({ length: value.length }, (_, i) => read(i));
  return Object.fromEntries(Object.keys(value).map((key) => [key, read(key)]));
}

/** Plain props of a resource (an object, even when the whole input bag is unknown). */
export function plainResourceProps(props: unknown): Readonly<Record<string, unknown>> {
  const plain = plainProps(props);
  return isObject(plain) ? plain : {};
}

export { contextOf, type ContextConfig } from "../resource-findings.js";

/** Region from the provider's logical name (`kubernetes-us-east-1`, `aws-eu-west-1`); empty when unknown. */
export function regionOf(providerName: string | undefined): string {
  const match = /^(?:kubernetes|aws)-(.+)$/.exec(providerName ?? "");
  return match?.[1] ?? "";
}

/** The service a resource's part-of label or tag names, when it has one. */
export function serviceLabel(props: Readonly<Record<string, unknown>>): string | undefined {
  const label = labelsOf(props)[LABELS.partOf];
  return typeof label === "string" ? label : undefined;
}

/** The service a resource belongs to: its parent ReliableService component, else its part-of label or tag. */
function serviceOf(r: PolicyResource, props: Readonly<Record<string, unknown>>): string | undefined {
  if (r.parent?.type === RELIABLE_SERVICE_TYPE) return r.parent.name;
  return serviceLabel(props);
}

/** A resource as rules see it in the pack: keyed by its logical name. */
export function subjectFromPolicy(
  type: string,
  name: string,
  props: Readonly<Record<string, unknown>>,
  providerName?: string,
): Subject {
  return { key: name, type, name, region: regionOf(providerName), props };
}

/** Groups a stack's resources into services, with the URN of every subject key. */
export function stackFromPolicy(
  resources: readonly PolicyResource[],
  config: ContextConfig,
): { stack: StackSubject; urns: ReadonlyMap<string, string> } {
  const groups = new Map<string, Subject[]>();
  const strays: Subject[] = [];
  const urns = new Map<string, string>();
  let environment = config.environment ?? "";
  for (const r of resources) {
    if (r.type === RELIABLE_SERVICE_TYPE || r.type === SHARED_RESOURCES_TYPE || r.type.startsWith("pulumi:")) continue;
    if (r.parent?.type === SHARED_RESOURCES_TYPE) continue;
    const props = plainResourceProps(r.props);
    const subject = subjectFromPolicy(r.type, r.name, props, r.provider?.name);
    urns.set(subject.key, r.urn);
    const service = serviceOf(r, props);
    if (service === undefined) {
      if (labelsOf(props)[LABELS.managedBy] === MANAGED_BY) strays.push(subject);
      continue;
    }
    groups.set(service, [...(groups.get(service) ?? []), subject]);
    environment = contextOf(props, config).environment || environment;
  }
  const services = [...groups].map(([service, subjects]) => serviceFromSubjects(service, subjects, config));
  return { stack: { environment, services, strays }, urns };
}

function serviceFromSubjects(service: string, resources: readonly Subject[], config: ContextConfig): ServiceSubject {
  const labelled =
    resources.find((r) => r.type.startsWith("kubernetes:") && labelsOf(r.props)[LABELS.tier] !== undefined) ??
    resources[0];
  const context = labelled
    ? contextOf(labelled.props, config)
    : { environment: config.environment ?? "", tier: config.tier ?? "" };
  const ns = resources.find((r) => r.type === KUBE.namespace);
  const namespace = at(ns?.props, "metadata.name");
  const regions = [
    ...new Set(
      resources
        .filter((r) => r.type === KUBE.deployment)
        .map((r) => r.region)
        .filter((r) => r !== ""),
    ),
  ];
  return { service, ...context, regions, namespace: typeof namespace === "string" ? namespace : service, resources };
}
