/**
 * The service every domain adds to: its identity (metadata, regions, namespace) and the sections
 * each domain declares. Domains add their sections to {@link SpecSections} (as written) and
 * {@link ResolvedSections} (defaults applied) by declaration merging in their own folder, so the
 * spec, plan and policy stages see every domain's fields without listing the domains here.
 */

import type { SourcePosition } from "./errors.js";
import type { PathSegment } from "./positions.js";

/** The API version every spec declares. */
export const API_VERSION = "reliability-stack/v1";

/** Service tiers, most demanding first. */
export const TIERS = ["critical", "standard", "best-effort"] as const;

/** A service tier: it selects the defaults and how strictly policies are enforced. */
export type Tier = (typeof TIERS)[number];

/** Maximum service-name length: leaves room for suffixes within Kubernetes and Chaos Mesh name limits. */
export const MAX_SERVICE_NAME = 30;

/** `metadata` as written. */
export interface MetadataInput {
  /** Service name (a DNS label). */
  readonly name: string;
  /** Owning team. */
  readonly team: string;
  /** Tier. */
  readonly tier: Tier;
  /** Free-text description. */
  readonly description?: string | undefined;
  /** Extra labels for every object. */
  readonly labels?: Readonly<Record<string, string>> | undefined;
}

/**
 * `spec` as written (after the environment overlay), one field per section. Each domain adds its
 * sections to this interface from its own folder.
 */
export interface SpecSections {
  /** Where the service runs; the stack decides which of them exist. */
  readonly regions: readonly string[];
}

/** A validated spec as written (before tier defaults). */
export interface ServiceInput {
  /** Always {@link API_VERSION}. */
  readonly apiVersion: typeof API_VERSION;
  /** Always `Service`. */
  readonly kind: "Service";
  /** Name, team, tier, labels. */
  readonly metadata: MetadataInput;
  /** The domains' sections. */
  readonly spec: SpecSections;
}

/** Where a service came from, to point diagnostics and SARIF results at its lines. */
export interface ServiceSource {
  /** The spec file. */
  readonly file: string;
  /** Position of a field path of the merged spec (overlay-aware). */
  readonly locate: (path: readonly PathSegment[]) => SourcePosition;
  /** Where a field path of the merged spec is written: under `spec.environments.<env>` when the overlay sets it. */
  readonly sourcePath: (path: readonly PathSegment[]) => PathSegment[];
  /** Whether a field path of the merged spec is written (in the base spec or the environment's overlay), not a default. */
  readonly written: (path: readonly PathSegment[]) => boolean;
}

/** Where each loaded service's fields are written, by service name: what diagnostics and SARIF results point at. */
export type SourceMap = ReadonlyMap<string, ServiceSource>;

/** What every resolved service has, whatever its domains. */
export interface ServiceBase {
  /** `metadata.name` */
  readonly name: string;
  /** Owning team. */
  readonly team: string;
  /** Tier. */
  readonly tier: Tier;
  /** Free-text description. */
  readonly description?: string;
  /** Extra labels for every object. */
  readonly labels: Readonly<Record<string, string>>;
  /** The environment this resolution is for. */
  readonly environment: string;
  /** Regions the service runs in, in the order the spec lists them. */
  readonly regions: readonly string[];
  /** Kubernetes namespace in every region. */
  readonly namespace: string;
  /** Short hash of the merged spec; changes whenever the spec does. */
  readonly specHash: string;
  /** The spec file (positions of its fields are in the loader's {@link SourceMap}, not here). */
  readonly file: string;
}

/** The resolved sections of a service (defaults applied); each domain adds its own from its folder. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ResolvedSections {}

/** A fully resolved service for one environment: the base and every domain's resolved section. */
export type ResolvedService = ServiceBase & ResolvedSections;
