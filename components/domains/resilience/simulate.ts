/**
 * A deterministic simulation of one request entering the call graph while one node fails: the
 * failing node accepts every request, stalls, then answers UNAVAILABLE (HTTP 503); every other node
 * answers at once. A service fails when a call without a fallback fails, with the same status (what
 * gRPC and most HTTP stacks propagate); a call with a fallback degrades instead. Each try follows the
 * call's settings: per-try timeout, the worst-case backoff, the route timeout, and a retry when the
 * failure's class is in `retryOn`. The result is the load the failing node receives per request and
 * how long the request takes, for the emitted settings and for the mesh's own defaults. Pure.
 */

import type { CallGraph } from "./budget.js";
import { MESH_BUILTIN, RESILIENCE_DEFAULTS } from "./defaults.js";
import { targetOf } from "./graph.js";
import type { MeshKind, RetryCondition } from "./schema.js";
import type { CallBudget } from "./types.js";

/** What the simulated request met. */
export interface SimulationResult {
  /** Requests the failing node received for one request at the entry. */
  readonly amplification: number;
  /** How long the request took at the entry, milliseconds. */
  readonly latencyMs: number;
  /** Whether the entry answered (possibly degraded by a fallback). */
  readonly answered: boolean;
}

/** The scenario: where the request enters, which node fails, and how long it stalls before failing. */
export interface Scenario {
  /** The service the request enters at. */
  readonly entry: string;
  /** Node id of the failing node (a service name, or `<kind>:<caller>/<dependency>`). */
  readonly failing: string;
  /** How long the failing node stalls before answering UNAVAILABLE, milliseconds. */
  readonly stallMs: number;
}

/** The settings a call runs with in the simulation. */
interface CallSettings {
  readonly attempts: number;
  readonly retryOn: readonly RetryCondition[];
  readonly perTryTimeoutMs?: number;
  readonly timeoutMs?: number;
  readonly backoffMs: number;
}

/** Conditions that retry a 503/UNAVAILABLE answer, and a per-try timeout (Envoy answers 504 for it). */
const RETRIES_UNAVAILABLE: readonly RetryCondition[] = ["unavailable", "5xx", "gateway-error"];
const RETRIES_TIMEOUT: readonly RetryCondition[] = ["5xx", "gateway-error"];

interface Outcome {
  readonly ok: boolean;
  readonly latencyMs: number;
  readonly hits: number;
}

type Settings = (call: CallBudget) => CallSettings;

/** The emitted settings of a call. */
export const emitted: Settings = (c) => ({ ...c });

/** A mesh's own behaviour for a call to a service (databases and external endpoints keep no timeout and no retry). */
export function meshDefaults(kind: MeshKind): Settings {
  const builtin = MESH_BUILTIN[kind];
  return (c) => ({
    attempts: c.callee ? builtin.attempts : 0,
    retryOn: c.callee ? (builtin.retryOn as readonly RetryCondition[]) : [],
    backoffMs: RESILIENCE_DEFAULTS.backoffMs,
  });
}

function reaches(graph: CallGraph, from: string, target: string, seen = new Set<string>()): boolean {
  if (from === target) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  return (graph.get(from) ?? []).some((c) => reaches(graph, targetOf(c), target, seen));
}

function visit(graph: CallGraph, node: string, scenario: Scenario, settings: Settings, depth: number): Outcome {
  if (node === scenario.failing) return { ok: false, latencyMs: scenario.stallMs, hits: 1 };
  let latencyMs = 0;
  let hits = 0;
  if (depth > graph.size) return { ok: true, latencyMs, hits };
  for (const call of graph.get(node) ?? []) {
    if (!reaches(graph, targetOf(call), scenario.failing)) continue;
    const result = callOnce(graph, call, scenario, settings, depth);
    latencyMs += result.latencyMs;
    hits += result.hits;
    if (!result.ok && call.fallback === undefined) return { ok: false, latencyMs, hits };
  }
  return { ok: true, latencyMs, hits };
}

function callOnce(graph: CallGraph, call: CallBudget, scenario: Scenario, settings: Settings, depth: number): Outcome {
  const s = settings(call);
  let elapsed = 0;
  let hits = 0;
  for (let attempt = 0; attempt <= s.attempts; attempt++) {
    if (attempt > 0)
      elapsed += Math.min((2 ** attempt - 1) * s.backoffMs, RESILIENCE_DEFAULTS.backoffCapFactor * s.backoffMs);
    const answer = visit(graph, targetOf(call), scenario, settings, depth + 1);
    hits += answer.hits;
    const timedOut = s.perTryTimeoutMs !== undefined && answer.latencyMs > s.perTryTimeoutMs;
    elapsed += timedOut ? (s.perTryTimeoutMs ?? 0) : answer.latencyMs;
    if (s.timeoutMs !== undefined && elapsed >= s.timeoutMs) return { ok: false, latencyMs: s.timeoutMs, hits };
    if (answer.ok && !timedOut) return { ok: true, latencyMs: elapsed, hits };
    const retried = timedOut ? RETRIES_TIMEOUT : RETRIES_UNAVAILABLE;
    if (!s.retryOn.some((c) => retried.includes(c))) break;
  }
  return { ok: false, latencyMs: elapsed, hits };
}

/** Simulates one request under a failing node with the given settings. */
export function simulate(graph: CallGraph, scenario: Scenario, settings: Settings): SimulationResult {
  const outcome = visit(graph, scenario.entry, scenario, settings, 0);
  return { amplification: outcome.hits, latencyMs: outcome.latencyMs, answered: outcome.ok };
}

/** The default stall of a failing node: long enough that only a timeout ends it, milliseconds. */
export const DEFAULT_STALL_MS = 30_000;

/** The same request with the emitted settings and with the mesh's own defaults. */
export interface Comparison {
  /** The scenario. */
  readonly scenario: Scenario;
  /** The mesh whose defaults are compared against. */
  readonly mesh: MeshKind;
  /** With the emitted settings. */
  readonly ours: SimulationResult;
  /** With the mesh's defaults. */
  readonly defaults: SimulationResult;
}

/** Compares the emitted settings with a mesh's defaults for every entry that reaches the failing node. */
export function compare(graph: CallGraph, failing: string, mesh: MeshKind, stallMs = DEFAULT_STALL_MS): Comparison[] {
  const called = new Set([...graph.values()].flat().flatMap((c) => (c.callee ? [c.callee.service] : [])));
  const entries = [...graph.keys()].filter((s) => !called.has(s) && s !== failing && reaches(graph, s, failing));
  return entries.map((entry) => {
    const scenario = { entry, failing, stallMs };
    return {
      scenario,
      mesh,
      ours: simulate(graph, scenario, emitted),
      defaults: simulate(graph, scenario, meshDefaults(mesh)),
    };
  });
}

/** The comparison as text: one line per entry, ours then the mesh's defaults. */
export function simulationText(comparisons: readonly Comparison[]): string {
  const line = (r: SimulationResult) =>
    `${r.amplification}× load on the failing node, ${r.latencyMs}ms${r.answered ? " (answered)" : " (failed)"}`;
  return [
    "Simulation (one request, failing node stalls then answers UNAVAILABLE):",
    ...comparisons.flatMap((c) => [
      `  ${c.scenario.entry} with ${c.scenario.failing} failing after ${c.scenario.stallMs}ms:`,
      `    emitted settings:   ${line(c.ours)}`,
      `    ${`${c.mesh} defaults:`.padEnd(19)} ${line(c.defaults)}`,
    ]),
  ].join("\n");
}
