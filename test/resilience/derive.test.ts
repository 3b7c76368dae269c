import { describe, expect, it } from "vitest";
import { callsOf, calls, planNodes, type Node } from "./support.js";

interface Case {
  readonly name: string;
  readonly nodes: readonly Node[];
  readonly call: string;
  readonly timeoutMs: number;
  readonly perTryTimeoutMs: number;
  readonly attempts: number;
}

const CASES: readonly Case[] = [
  {
    name: "takes the route timeout from the caller's latency objective and the per-try timeout from twice the callee's",
    nodes: [
      { name: "front", latency: "1s", dependencies: [calls("back")] },
      { name: "back", latency: "100ms" },
    ],
    call: "front→back",
    timeoutMs: 1000,
    perTryTimeoutMs: 200,
    attempts: 2,
  },
  {
    name: "keeps only the retries that fit in the route timeout",
    nodes: [
      { name: "front", latency: "500ms", dependencies: [calls("back")] },
      { name: "back", latency: "100ms" },
    ],
    call: "front→back",
    timeoutMs: 500,
    perTryTimeoutMs: 200,
    attempts: 1,
  },
  {
    name: "gives a single try the whole timeout when no retry fits",
    nodes: [
      { name: "front", latency: "300ms", dependencies: [calls("back")] },
      { name: "back", latency: "200ms" },
    ],
    call: "front→back",
    timeoutMs: 300,
    perTryTimeoutMs: 300,
    attempts: 0,
  },
  {
    name: "falls back to the caller's tier defaults when neither end has a latency objective",
    nodes: [{ name: "front", dependencies: [calls("back")] }, { name: "back" }],
    call: "front→back",
    timeoutMs: 2000,
    perTryTimeoutMs: 600,
    attempts: 2,
  },
  {
    name: "uses the critical tier's defaults for a critical caller",
    nodes: [
      { name: "front", tier: "critical", dependencies: [calls("back", { fallback: { degraded: "cached" } })] },
      { name: "back" },
    ],
    call: "front→back",
    timeoutMs: 1000,
    perTryTimeoutMs: 300,
    attempts: 2,
  },
  {
    name: "shrinks a callee's own route timeout to 90% of the deadline its caller gives it",
    nodes: [
      { name: "front", latency: "1s", dependencies: [calls("middle")] },
      { name: "middle", dependencies: [calls("back")] },
      { name: "back" },
    ],
    call: "middle→back",
    timeoutMs: 900,
    perTryTimeoutMs: 900,
    attempts: 0,
  },
  {
    name: "keeps declared values as written",
    nodes: [
      {
        name: "front",
        latency: "1s",
        dependencies: [calls("back", { timeout: "800ms", retries: { attempts: 1, perTryTimeout: "300ms" } })],
      },
      { name: "back", latency: "100ms" },
    ],
    call: "front→back",
    timeoutMs: 800,
    perTryTimeoutMs: 300,
    attempts: 1,
  },
  {
    name: "derives the retry count under a declared per-try timeout",
    nodes: [
      { name: "front", latency: "300ms", dependencies: [calls("back", { retries: { perTryTimeout: "80ms" } })] },
      { name: "back" },
    ],
    call: "front→back",
    timeoutMs: 300,
    perTryTimeoutMs: 80,
    attempts: 1,
  },
];

describe("deriving each call's timeout and retries", () => {
  it.each(CASES)("$name", (c) => {
    const call = callsOf(planNodes(c.nodes)).get(c.call);
    expect(call).toMatchObject({ timeoutMs: c.timeoutMs, perTryTimeoutMs: c.perTryTimeoutMs, attempts: c.attempts });
    expect(call?.worstCaseMs).toBeLessThanOrEqual(c.timeoutMs);
  });

  it.each([
    ["GET", undefined, true],
    ["POST", undefined, false],
    [undefined, undefined, false],
    ["POST", true, true],
    ["GET", false, false],
  ] as const)("treats a %s call declared idempotent: %s as idempotent: %s", (method, idempotent, expected) => {
    const dep = calls("back", { ...(method ? { method } : {}), ...(idempotent === undefined ? {} : { idempotent }) });
    const call = callsOf(planNodes([{ name: "front", dependencies: [dep] }, { name: "back" }])).get("front→back");
    expect(call?.idempotent).toBe(expected);
  });

  it("retries only connect-failure and refused-stream unless the spec says otherwise, so a call adds no load", () => {
    const call = callsOf(planNodes([{ name: "front", dependencies: [calls("back")] }, { name: "back" }])).get(
      "front→back",
    );
    expect(call?.retryOn).toEqual(["connect-failure", "refused-stream"]);
    expect(call?.amplification).toBe(1);
  });
});
