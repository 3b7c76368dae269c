/**
 * Resolution: the service's base (identity, environment, namespace), then each domain's sections
 * with its defaults applied, in registry order. Pure.
 */

import { createHash } from "node:crypto";
import type { ResolveContext } from "../core/module.js";
import type { ResolvedService, ServiceBase, ServiceInput } from "../core/spec/service.js";
import type { StackConfig } from "../core/stack/config.js";
import { DOMAINS } from "../domains/index.js";

/** Options that come from the stack rather than the spec. */
export interface ResolveOptions {
  /** The stack's environment name. */
  readonly environment: string;
  /** Prefix for namespace names. @default "" */
  readonly namespacePrefix?: string;
  /** The stack, when resolving for its environment (domains read their stack settings from it). */
  readonly stack?: StackConfig;
}

/** Applies every domain's defaults to a validated spec. Pure. */
export function resolveService(input: ServiceInput, options: ResolveOptions, file: string): ResolvedService {
  const { metadata, spec } = input;
  const base: ServiceBase = {
    name: metadata.name,
    team: metadata.team,
    tier: metadata.tier,
    ...(metadata.description === undefined ? {} : { description: metadata.description }),
    labels: metadata.labels ?? {},
    environment: options.environment,
    regions: spec.regions,
    namespace: `${options.namespacePrefix ?? ""}${metadata.name}`,
    specHash: hashOf(input),
    file,
  };
  const context: ResolveContext = { base, ...(options.stack ? { stack: options.stack } : {}) };
  return Object.assign({}, base, ...DOMAINS.map((domain) => domain.resolve(input, context))) as ResolvedService;
}

/** Stable short hash of any JSON value (keys sorted). */
export function hashOf(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex").slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}
