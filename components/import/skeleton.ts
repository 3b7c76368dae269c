/**
 * The parts of a spec another tool's SLO file does not say (team, tier, regions, workload), filled
 * with values that validate and marked with TODO comments, and the service name made a DNS label.
 */

import { DNS_LABEL } from "../core/spec/fields.js";
import type { SpecComment } from "./types.js";

/** Longest service name a spec accepts. */
const NAME_MAX = 30;

/** Placeholders of the fields the source lacks, each set here once. */
export const IMPORT_PLACEHOLDERS = {
  /** @default "todo" — team when the source names none. */
  team: "todo",
  /** @default "standard" — tier (the source's tiers do not map onto ours). */
  tier: "standard",
  /** @default ["us-east-1"] — regions. */
  regions: ["us-east-1"],
  /** @default 8080 — container port. */
  port: 8080,
  /** @default "/healthz" and "/ready" — probe paths. */
  probes: { liveness: "/healthz", readiness: "/ready" },
} as const;

/** A service name as a spec accepts it: lower-case letters, digits and `-`, at most 30 characters, starting with a letter. */
export function serviceName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .slice(0, NAME_MAX)
    .replace(/-+$/, "");
  return DNS_LABEL.test(cleaned) ? cleaned : "imported-service";
}

/** A team name as a spec accepts it, or undefined. */
export function teamName(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const name = serviceName(value);
  return name === "imported-service" ? undefined : name;
}

/** The skeleton of a spec for service `name`, with the TODO comments of what `format` does not say. */
export function skeleton(
  name: string,
  team: string | undefined,
  format: string,
): { readonly spec: Record<string, unknown>; readonly comments: SpecComment[] } {
  const p = IMPORT_PLACEHOLDERS;
  const comments: SpecComment[] = [
    {
      path: ["metadata", "tier"],
      text: `TODO: critical, standard or best-effort (${format} has no tier); defaults follow it`,
    },
    { path: ["spec", "regions"], text: "TODO: the regions the service runs in (each must be defined by the stack)" },
    { path: ["spec", "workload"], text: `TODO: ${format} describes no workload: set the image, port and probes` },
  ];
  if (team === undefined)
    comments.unshift({ path: ["metadata", "team"], text: `TODO: the owning team (${format} names none)` });
  const spec = {
    apiVersion: "reliability-stack/v1",
    kind: "Service",
    metadata: { name, team: team ?? p.team, tier: p.tier },
    spec: {
      regions: [...p.regions],
      workload: {
        image: `registry.example/${name}:todo`,
        port: p.port,
        probes: { liveness: { http: { path: p.probes.liveness } }, readiness: { http: { path: p.probes.readiness } } },
      },
    },
  };
  return { spec, comments };
}
