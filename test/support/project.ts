import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { stringify } from "yaml";
import { planStack, type PlannedStack } from "../../components/pipeline.js";
import { toPlan } from "../../components/plan/index.js";
import type { Plan } from "../../components/core/plan/types.js";
import { loadSpecs, type LoadResult } from "../../components/spec/load.js";
import { type StackConfig } from "../../components/core/stack/config.js";
import { loadStackConfig } from "../../components/spec/stack.js";

/** The repository root. */
export const ROOT = resolve(__dirname, "../..");

/** The example stacks. */
export const STACKS = ["dev", "staging", "prod"] as const;

/** Loads `stacks/Pulumi.<name>.yaml`. */
export function exampleStack(name: string): StackConfig {
  return loadStackConfig(join(ROOT, "stacks"), name);
}

/** Plans the example services for a stack. */
export function planExamples(stack: string): PlannedStack {
  return planStack(exampleStack(stack), "services/*.yaml", ROOT);
}

/** Reads a file of the repository. */
export function readRepoFile(path: string): string {
  return readFileSync(join(ROOT, path), "utf8");
}

/** A minimal valid spec as a plain object; tests change one thing at a time. */
export function baseSpec(): Record<string, unknown> {
  return {
    apiVersion: "reliability-stack/v1",
    kind: "Service",
    metadata: { name: "orders", team: "shop", tier: "standard" },
    spec: {
      regions: ["us-east-1"],
      workload: {
        image: "ghcr.io/acme/orders:1.0.0",
        port: 8080,
        probes: { liveness: { http: { path: "/healthz" } }, readiness: { http: { path: "/ready" } } },
      },
      objectives: { availability: 99.9 },
      indicators: {
        availability: {
          errors: 'sum(rate(http_requests_total{job="orders",code=~"5.."}[{{window}}]))',
          total: 'sum(rate(http_requests_total{job="orders"}[{{window}}]))',
        },
      },
    },
  };
}

/** Loads one spec given as an object (serialised to YAML first, so positions exist). */
export function loadObject(spec: unknown, stack?: StackConfig, file = "services/orders.yaml"): LoadResult {
  return loadSpecs([{ file, text: stringify(spec) }], stack);
}

/** Loads and plans one spec object for a stack. @throws SpecError on any problem. */
export function planObject(spec: unknown, stack: StackConfig): Plan {
  const loaded = loadObject(spec, stack);
  if (loaded.diagnostics.length > 0)
    throw new Error(loaded.diagnostics.map((d) => `${d.path}: ${d.message}`).join("\n"));
  return toPlan(loaded.services, stack);
}

/** Sets a value at a dot path in a plain object (creating mappings on the way), returning the object. */
export function setPath<T extends Record<string, unknown>>(root: T, path: string, value: unknown): T {
  const parts = path.split(".");
  let node: Record<string, unknown> = root;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== "object" || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return root;
}
