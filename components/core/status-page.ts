/**
 * Names the status-page integrations share: the environment variable holding the Kener API key, the
 * API's base path, the tags of the monitors the status sync manages and how they are marked. Leaf
 * module: it imports nothing.
 * @see https://github.com/rajnandan1/kener
 */

/** Kener v4 names. */
export const KENER_NAMES = {
  /** Environment variable holding the Kener API key (`kener_<64 hex>`), sent as a Bearer token. */
  apiKeyEnv: "KENER_API_KEY",
  /** Base path of Kener's v4 REST API. */
  basePath: "/api/v4",
  /** Tag of the monitor of a service's endpoint: `<service>-<endpoint>` (lowercase letters, digits and `-`). */
  monitorTag: (service: string, endpoint: string) => `${service}-${endpoint}`.toLowerCase(),
  /**
   * Last line of the description of every monitor the status sync of a stack manages; only those are
   * updated or pruned by that stack's sync, so a sync of another stack never touches them.
   */
  managedMarker: (stack: string) => `Managed by reliability-stack, stack ${stack}; edits in Kener are overwritten.`,
} as const;
