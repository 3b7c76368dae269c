/** Building call graphs from small generated specs, and reading their plans. */

import { stringify } from "yaml";
import type { Plan } from "../../components/core/plan/types.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import type { CallBudget } from "../../components/domains/resilience/types.js";
import { toPlan } from "../../components/plan/index.js";
import { loadSpecs, type LoadResult } from "../../components/spec/load.js";
import { baseSpec, exampleStack } from "../support/project.js";

/** One service of a generated graph. */
export interface Node {
  /** Service name. */
  readonly name: string;
  /** Tier. @default "standard" */
  readonly tier?: string;
  /** Latency objective threshold (`300ms`); none: no latency objective. */
  readonly latency?: string;
  /** Replicas. @default 3 */
  readonly replicas?: number;
  /** Dependencies as written. */
  readonly dependencies?: readonly Record<string, unknown>[];
}

/** The spec of a generated service. */
export function nodeSpec(node: Node): Record<string, unknown> {
  const spec = baseSpec();
  const job = `{job="${node.name}"}`;
  const body = spec["spec"] as Record<string, unknown>;
  (spec["metadata"] as Record<string, unknown>)["name"] = node.name;
  (spec["metadata"] as Record<string, unknown>)["tier"] = node.tier ?? "standard";
  (body["workload"] as Record<string, unknown>)["replicas"] = node.replicas ?? 3;
  if (node.tier === "critical") body["regions"] = ["us-east-1", "eu-west-1"];
  if (node.dependencies) body["dependencies"] = node.dependencies;
  if (node.latency) {
    body["objectives"] = { availability: 99.9, latency: { threshold: node.latency, percent: 99 } };
    body["indicators"] = {
      availability: {
        errors: `sum(rate(errors_total${job}[{{window}}]))`,
        total: `sum(rate(requests_total${job}[{{window}}]))`,
      },
      latency: {
        good: `sum(rate(fast_total${job}[{{window}}]))`,
        total: `sum(rate(requests_total${job}[{{window}}]))`,
      },
    };
  }
  return spec;
}

/** A service dependency on another generated service. */
export function calls(service: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: service, kind: "service", service, ...extra };
}

/** Loads generated services for a stack (each in `services/<name>.yaml`). */
export function loadNodes(nodes: readonly Node[], stack: StackConfig = exampleStack("prod")): LoadResult {
  return loadSpecs(
    nodes.map((n) => ({ file: `services/${n.name}.yaml`, text: stringify(nodeSpec(n)) })),
    stack,
  );
}

/** Loads generated services without a stack (no check across services runs). */
export function loadNodesAlone(nodes: readonly Node[]): LoadResult {
  return loadSpecs(nodes.map((n) => ({ file: `services/${n.name}.yaml`, text: stringify(nodeSpec(n)) })));
}

/** Loads and plans generated services. @throws Error naming the diagnostics when they do not load. */
export function planNodes(nodes: readonly Node[], stack: StackConfig = exampleStack("prod")): Plan {
  const loaded = loadNodes(nodes, stack);
  if (loaded.diagnostics.length > 0)
    throw new Error(loaded.diagnostics.map((d) => `${d.file} ${d.path}: ${d.message}`).join("\n"));
  return toPlan(loaded.services, stack);
}

/** Every call of a plan, by `<caller>→<dependency>`. */
export function callsOf(plan: Plan): Map<string, CallBudget> {
  return new Map(
    plan.services.flatMap((s) => (s.analysis.resilience?.calls ?? []).map((c) => [`${c.from}→${c.name}`, c] as const)),
  );
}

/** A stack with a mesh setting replacing the example prod stack's. */
export function withMesh(mesh: Record<string, unknown> | undefined): StackConfig {
  const prod = exampleStack("prod");
  const { mesh: _drop, ...rest } = prod;
  return (
    mesh === undefined ? rest : { ...rest, mesh: { channel: "standard", maxAmplification: 3, ...mesh } }
  ) as StackConfig;
}
