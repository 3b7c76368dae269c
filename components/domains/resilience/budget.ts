/**
 * The checks across the call graph that no setting can pass (plan-time errors, each naming both ends
 * of the edge): tries and backoff that do not fit in the route timeout, a call that outlives the
 * deadline its caller is given, and dependency cycles (a deadline cannot shrink around a loop).
 * The risky-but-possible settings are policies (`rules.ts`). Pure.
 */

import type { StackIssue } from "../../core/module.js";
import type { PathSegment } from "../../core/spec/positions.js";
import type { CallBudget } from "./types.js";

/** A call graph: each service's outgoing calls. */
export type CallGraph = ReadonlyMap<string, readonly CallBudget[]>;

/** Spec path of a call in its caller's spec. */
export function callPath(call: CallBudget, field?: string): PathSegment[] {
  return ["spec", "dependencies", call.index, ...(field ? [field] : [])];
}

/** The other end of a call: the callee's latency objective when a value came from it, else its name. */
function calleeEnd(call: CallBudget): NonNullable<StackIssue["related"]> {
  if (!call.callee) return [];
  const fromObjective =
    call.derived.some((d) => d.startsWith("perTryTimeout from")) && call.callee.latencyMs !== undefined;
  return [
    {
      service: call.callee.service,
      path: fromObjective ? ["spec", "objectives", "latency", "threshold"] : ["metadata", "name"],
    },
  ];
}

const ms = (n: number) => `${n}ms`;

/** Tries and backoff must fit in the route timeout. */
function triesFit(call: CallBudget): StackIssue[] {
  if (call.worstCaseMs <= call.timeoutMs) return [];
  return [
    {
      service: call.from,
      path: callPath(call, "retries"),
      message: `must fit (1 + attempts) × perTryTimeout + backoff within the timeout of the call to ${call.name}: (1 + ${call.attempts}) × ${ms(call.perTryTimeoutMs)} + ${ms(call.worstBackoffMs)} = ${ms(call.worstCaseMs)}, got timeout ${ms(call.timeoutMs)}; lower attempts or perTryTimeout, or raise timeout`,
      related: calleeEnd(call),
    },
  ];
}

/** Each service's incoming calls, with who makes them, in graph order. */
type Incoming = ReadonlyMap<string, readonly { readonly caller: string; readonly into: CallBudget }[]>;

function incomingCalls(graph: CallGraph): Incoming {
  const incoming = new Map<string, { caller: string; into: CallBudget }[]>();
  for (const [caller, calls] of graph)
    for (const into of calls) {
      const callee = into.callee?.service;
      if (callee === undefined) continue;
      const list = incoming.get(callee);
      if (list) list.push({ caller, into });
      else incoming.set(callee, [{ caller, into }]);
    }
  return incoming;
}

/** A call must end before the caller's own caller gives up on the caller. */
function withinDeadline(incoming: Incoming, call: CallBudget): StackIssue[] {
  const out: StackIssue[] = [];
  for (const { caller, into } of incoming.get(call.from) ?? []) {
    if (into.timeoutMs > call.timeoutMs) continue;
    out.push({
      service: call.from,
      path: callPath(call, "timeout"),
      message: `must be shorter than the ${ms(into.timeoutMs)} ${caller} allows ${call.from} (spec.dependencies.${into.index} of ${caller}), because ${call.from} would still be waiting on ${call.name} after its caller gave up; got ${ms(call.timeoutMs)}`,
      related: [{ service: caller, path: callPath(into) }, ...calleeEnd(call)],
    });
  }
  return out;
}

/** The cycles of the call graph, each as its calls in order (each cycle once, from its first service in spec order). */
export function cycles(graph: CallGraph): CallBudget[][] {
  const found: CallBudget[][] = [];
  const seen = new Set<string>();
  const walk = (start: string, at: string, path: CallBudget[]) => {
    for (const call of graph.get(at) ?? []) {
      const next = call.callee?.service;
      if (next === undefined) continue;
      if (next === start) {
        const cycle = [...path, call];
        const key = cycle
          .map((c) => c.from)
          .sort()
          .join(">");
        if (seen.has(key)) continue;
        found.push(cycle);
        seen.add(key);
      } else if (!path.some((c) => c.from === next) && next > start) walk(start, next, [...path, call]);
    }
  };
  for (const start of graph.keys()) walk(start, start, []);
  return found;
}

function cycleIssue(cycle: CallBudget[]): StackIssue {
  const [first, ...rest] = cycle;
  const names = [...cycle.map((c) => c.from), first?.from ?? ""].join(" → ");
  return {
    service: first?.from ?? "",
    path: first ? callPath(first) : [],
    message: `must not call a service that calls back into it: the dependencies form the cycle ${names}, where no timeout can be shorter than the one before it and every retry feeds the loop; break the cycle (an asynchronous queue, or a fallback without the call)`,
    related: rest.map((c) => ({ service: c.from, path: callPath(c) })),
  };
}

/** Every impossible setting of a stack's call graph. */
export function graphIssues(graph: CallGraph): StackIssue[] {
  const calls = [...graph.values()].flat();
  const incoming = incomingCalls(graph);
  return [
    ...calls.flatMap(triesFit),
    ...calls.flatMap((c) => withinDeadline(incoming, c)),
    ...cycles(graph).map(cycleIssue),
  ];
}

/** A path through the graph from a service, as its calls. */
export type CallPath = readonly CallBudget[];

/** Every path from the services nobody calls (or every service, on cycles), cycles cut at the first repeat. */
export function paths(graph: CallGraph): CallPath[] {
  const called = new Set([...graph.values()].flat().flatMap((c) => (c.callee ? [c.callee.service] : [])));
  const roots = [...graph.keys()].filter((s) => !called.has(s));
  const out: CallPath[] = [];
  const walk = (at: string, path: CallBudget[], visited: Set<string>) => {
    const calls = graph.get(at) ?? [];
    if (calls.length === 0 && path.length > 0) out.push(path);
    for (const call of calls) {
      const next = call.callee?.service;
      if (next === undefined || visited.has(next) || !graph.has(next)) out.push([...path, call]);
      else walk(next, [...path, call], new Set([...visited, next]));
    }
  };
  for (const root of roots.length > 0 ? roots : [...graph.keys()]) walk(root, [], new Set([root]));
  return out;
}

/** Requests the last callee of a path receives per request at its start when the last callee fails. */
export function pathAmplification(path: CallPath): number {
  return path.reduce((product, call) => product * call.amplification, 1);
}
