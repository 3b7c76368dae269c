/**
 * The call graph of a plan as `reliability graph` and the pull-request report draw it: services,
 * databases and external endpoints as nodes, calls as edges with their timeouts and tries, and the
 * paths from the services nobody calls, each with its amplification and worst-case latency, marked
 * when a policy flags one of its calls. Pure.
 */

import type { Plan } from "../../core/plan/types.js";
import { formatDuration } from "../../core/units.js";
import { pathAmplification, paths, type CallGraph } from "./budget.js";
import type { CallBudget } from "./types.js";

/** A node of the call graph. */
export interface GraphNode {
  /** Node id: the service name, or `<kind>:<caller>/<dependency>` for a database or external endpoint. */
  readonly id: string;
  /** What it is. */
  readonly kind: "service" | "database" | "external";
  /** Tier of a service of the stack. */
  readonly tier?: string;
}

/** An edge: one call. */
export interface GraphEdge {
  /** Calling service. */
  readonly from: string;
  /** Called node id. */
  readonly to: string;
  /** Dependency name in the caller's spec. */
  readonly name: string;
  /** Route timeout, milliseconds. */
  readonly timeoutMs: number;
  /** Per-try timeout, milliseconds. */
  readonly perTryTimeoutMs: number;
  /** Retries after the first try. */
  readonly attempts: number;
  /** Requests the callee receives per call when it fails. */
  readonly amplification: number;
  /** Conditions retried on. */
  readonly retryOn: readonly string[];
  /** Policies that flag the call (empty: none). */
  readonly violations: readonly string[];
}

/** A path from a service nobody calls to a leaf. */
export interface GraphPath {
  /** Node ids along the path. */
  readonly nodes: readonly string[];
  /** Product of the edges' amplification. */
  readonly amplification: number;
  /** Route timeout of the first call: the longest a request along the path can wait, milliseconds. */
  readonly worstLatencyMs: number;
  /** Whether a call on the path is flagged. */
  readonly violating: boolean;
}

/** The call graph of a stack. */
export interface CallGraphView {
  /** Stack name. */
  readonly stack: string;
  /** The mesh carrying the calls. */
  readonly mesh: string;
  /** Largest amplification allowed along a path. */
  readonly maxAmplification: number;
  /** Nodes, services first in plan order. */
  readonly nodes: readonly GraphNode[];
  /** Edges, in caller then spec order. */
  readonly edges: readonly GraphEdge[];
  /** Every path. */
  readonly paths: readonly GraphPath[];
}

/** A flagged call: the service and the index of the dependency, with the policy's name. */
export interface FlaggedCall {
  /** Calling service. */
  readonly service: string;
  /** Index in its `spec.dependencies`. */
  readonly index: number;
  /** Policy name. */
  readonly policy: string;
}

/** Id of the node a call reaches. */
export function targetOf(call: CallBudget): string {
  return call.callee ? call.callee.service : `${call.kind}:${call.from}/${call.name}`;
}

/** The call graph of a plan: each service's calls, as its analysis holds them. */
export function planCallGraph(plan: Plan): CallGraph {
  return new Map(plan.services.map((s) => [s.service, s.analysis.resilience?.calls ?? []]));
}

/** The call graph of a plan, with the calls policies flag. */
export function callGraphView(plan: Plan, flagged: readonly FlaggedCall[]): CallGraphView {
  const graph = planCallGraph(plan);
  const policies = (c: CallBudget) =>
    flagged.filter((f) => f.service === c.from && f.index === c.index).map((f) => f.policy);
  const calls = [...graph.values()].flat();
  const others = calls.filter((c) => !c.callee).map((c): GraphNode => ({ id: targetOf(c), kind: c.kind }));
  const first = plan.services.find((s) => s.analysis.resilience)?.analysis.resilience;
  return {
    stack: plan.stack,
    mesh: first?.mesh ?? "none",
    maxAmplification: first?.maxAmplification ?? 0,
    nodes: [...plan.services.map((s): GraphNode => ({ id: s.service, kind: "service", tier: s.tier })), ...others],
    edges: calls.map((c) => ({
      from: c.from,
      to: targetOf(c),
      name: c.name,
      timeoutMs: c.timeoutMs,
      perTryTimeoutMs: c.perTryTimeoutMs,
      attempts: c.attempts,
      amplification: c.amplification,
      retryOn: c.retryOn,
      violations: policies(c),
    })),
    paths: paths(graph).map((p) => ({
      nodes: [p[0]?.from ?? "", ...p.map(targetOf)],
      amplification: pathAmplification(p),
      worstLatencyMs: p[0]?.timeoutMs ?? 0,
      violating: p.some((c) => policies(c).length > 0),
    })),
  };
}

const label = (e: GraphEdge) =>
  `${formatDuration(e.timeoutMs)} · ${1 + e.attempts}×${formatDuration(e.perTryTimeoutMs)}${e.amplification > 1 ? ` · ×${e.amplification} load` : ""}`;

/** The graph as text: one line per call, then one per path. */
export function graphText(view: CallGraphView): string {
  const lines = [
    `Call graph of stack ${view.stack} (mesh ${view.mesh}, amplification bound ${view.maxAmplification}×)`,
    "",
  ];
  for (const e of view.edges)
    lines.push(
      `  ${e.from} → ${e.to}  timeout ${label(e)}${e.violations.length > 0 ? `  VIOLATES ${e.violations.join(", ")}` : ""}`,
    );
  lines.push("", "Paths:");
  for (const p of view.paths)
    lines.push(
      `  ${p.violating ? "✗" : "✓"} ${p.nodes.join(" → ")}  amplification ${p.amplification}×, worst-case ${formatDuration(p.worstLatencyMs)}`,
    );
  return lines.join("\n");
}

/** The graph as a Mermaid flowchart; flagged calls are drawn thick and red. */
export function graphMermaid(view: CallGraphView): string {
  const id = (node: string) => node.replace(/[^A-Za-z0-9_]/g, "_");
  const lines = ["flowchart LR"];
  for (const n of view.nodes) {
    const text = n.kind === "service" ? `${n.id}<br/>${n.tier ?? ""}` : (n.id.split("/").pop() ?? n.id);
    lines.push(
      n.kind === "database"
        ? `  ${id(n.id)}[("${text}")]`
        : n.kind === "external"
          ? `  ${id(n.id)}>"${text}"]`
          : `  ${id(n.id)}["${text}"]`,
    );
  }
  view.edges.forEach((e, i) => {
    lines.push(`  ${id(e.from)} ${e.violations.length > 0 ? "==>" : "-->"}|"${label(e)}"| ${id(e.to)}`);
    if (e.violations.length > 0) lines.push(`  linkStyle ${i} stroke:#d00,stroke-width:3px`);
  });
  return lines.join("\n");
}
