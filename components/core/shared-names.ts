/** Names of what the stack plans once for all its services (`Plan.shared`). */

/** Pulumi type of the component the stack's shared resources are registered under. */
export const SHARED_RESOURCES_TYPE = "reliability:index:SharedResources";

/** Pulumi name of that component (one per stack). */
export const SHARED_RESOURCES_NAME = "shared";

/** Names the stack's shared objects take: their Kubernetes names and the first segment of their plan keys. */
export const SHARED_OBJECT_NAMES = {
  /** The incident bridge's Deployment, Service, PersistentVolumeClaim and, by default, Namespace. */
  incidentBridge: "incident-bridge",
} as const;

/**
 * Service names (`metadata.name`) the shared objects reserve: a service so named would have the plan
 * keys, Pulumi names and Kubernetes objects of a shared object.
 */
export const RESERVED_SERVICE_NAMES: readonly string[] = Object.values(SHARED_OBJECT_NAMES);
