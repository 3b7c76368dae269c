/** Names of what the stack plans once for all its services (`Plan.shared`). */

/** Pulumi type of the component the stack's shared resources are registered under. */
export const SHARED_RESOURCES_TYPE = "reliability:index:SharedResources";

/** Pulumi name of that component (one per stack). */
export const SHARED_RESOURCES_NAME = "shared";
