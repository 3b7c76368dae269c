/**
 * Any workload a spec may declare (values drawn near the edges of what the schema allows) either
 * fails to load with diagnostics or renders objects that pass every strict check: the loader, not
 * the cluster, is where a bad value must stop.
 */

import fc from "fast-check";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { toPlan } from "../../components/plan/index.js";
import { SpecError } from "../../components/core/spec/errors.js";
import { renderKubernetes } from "../../components/render/kubernetes.js";
import { baseSpec, exampleStack, loadObject, setPath } from "../support/project.js";
import { crdErrors } from "./crds.js";
import { openApiErrors } from "./openapi.js";
import { isBuiltIn } from "./rendered.js";
import { clusterProblems, type KubeObject } from "./rules/index.js";

const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
const handler = fc.constantFrom(
  { http: { path: "/healthz" } },
  { tcp: {} },
  { grpc: {} },
  { exec: { command: ["/bin/check", "--ok"] } },
  { http: { path: "/ready", port: 9000, headers: { "X-Probe": "1" } } },
);
const timing = fc.record({
  periodSeconds: optional(fc.integer({ min: 1, max: 300 })),
  timeoutSeconds: optional(fc.integer({ min: 1, max: 120 })),
  failureThreshold: optional(fc.integer({ min: 1, max: 100 })),
});
const quantity = {
  cpu: fc.constantFrom("1m", "100m", "250m", "1", "1.5", "4"),
  memory: fc.constantFrom("1Mi", "64Mi", "256Mi", "1Gi", "500M", "2G"),
};

const workload = fc.record({
  port: optional(fc.constantFrom(1, 80, 8080, 65535)),
  protocol: optional(fc.constantFrom("http", "grpc")),
  replicas: optional(fc.integer({ min: 1, max: 20 })),
  resources: optional(
    fc.record({
      cpu: optional(quantity.cpu),
      memory: optional(quantity.memory),
      cpuLimit: optional(quantity.cpu),
      memoryLimit: optional(quantity.memory),
    }),
  ),
  probes: fc.record({
    startup: optional(handler),
    liveness: fc.tuple(handler, timing),
    readiness: fc.tuple(handler, timing),
  }),
  shutdown: optional(
    fc.record({
      drainSeconds: optional(fc.constantFrom(0, 1, 15, 120, 295)),
      requestTimeoutSeconds: optional(fc.constantFrom(1, 30, 300)),
      preStop: optional(fc.constantFrom("sleep", "exec")),
    }),
  ),
  disruption: optional(fc.record({ maxUnavailable: optional(fc.constantFrom(0, 1, 5, "0%", "25%", "100%")) })),
  writablePaths: optional(fc.uniqueArray(fc.constantFrom("/tmp", "/var/cache", "/home/app", "/run"), { maxLength: 3 })),
  env: optional(
    fc.dictionary(fc.constantFrom("LOG_LEVEL", "_X", "A1", "JAVA_OPTS"), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
  ),
  zoneSpread: optional(fc.boolean()),
  containerName: optional(fc.constantFrom("app", "a", "x".repeat(63))),
});
const labels = optional(
  fc.dictionary(
    fc.constantFrom("owner", "acme.example/cost-center", "a.b.c/x_y", "k".repeat(63)),
    fc.constantFrom("", "shop", "a-b_c.d", "v".repeat(63)),
    { maxKeys: 3 },
  ),
);

type Workload = typeof workload extends fc.Arbitrary<infer T> ? T : never;

function specOf(w: Workload, extraLabels: Record<string, string> | undefined): Record<string, unknown> {
  const spec = baseSpec();
  const { probes, ...rest } = w;
  for (const [key, value] of Object.entries(rest))
    if (value !== undefined) setPath(spec, `spec.workload.${key}`, value);
  const probe = ([h, t]: readonly [object, object]): object => ({
    ...h,
    ...Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)),
  });
  setPath(spec, "spec.workload.probes", {
    ...(probes.startup ? { startup: probes.startup } : {}),
    liveness: probe(probes.liveness),
    readiness: probe(probes.readiness),
  });
  if (extraLabels) setPath(spec, "metadata.labels", extraLabels);
  return spec;
}

/** Strict problems of what the spec renders, or `undefined` when the spec is refused with diagnostics. */
function strictProblems(spec: unknown, stack: string): string[] | undefined {
  const config = exampleStack(stack);
  const loaded = loadObject(spec, config);
  if (loaded.diagnostics.length > 0) return undefined;
  try {
    const objects = renderKubernetes(toPlan(loaded.services, config)).flatMap((f) =>
      parseAllDocuments(f.text).map((d) => d.toJS() as KubeObject),
    );
    return [...clusterProblems(objects), ...objects.flatMap((o) => (isBuiltIn(o) ? openApiErrors(o) : crdErrors(o)))];
  } catch (error) {
    if (error instanceof SpecError) return undefined;
    throw error;
  }
}

describe("any workload a spec declares", () => {
  it.each([["dev"], ["prod"]])(
    "is refused at load or renders objects every strict check accepts (%s stack)",
    (stack) => {
      let rendered = 0;
      fc.assert(
        fc.property(workload, labels, (w, l) => {
          const problems = strictProblems(specOf(w, l), stack);
          if (problems === undefined) return;
          rendered += 1;
          expect(problems).toEqual([]);
        }),
        { numRuns: 120, seed: 20_240_612 },
      );
      expect(rendered).toBeGreaterThan(20);
    },
    120_000,
  );
});
