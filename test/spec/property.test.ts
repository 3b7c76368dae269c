import fc from "fast-check";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { toPlan } from "../../components/plan/index.js";
import { SpecError, type Diagnostic } from "../../components/core/spec/errors.js";
import { loadSpecs } from "../../components/spec/load.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import { baseSpec, exampleStack, readRepoFile, STACKS } from "../support/project.js";

type Path = readonly (string | number)[];

const EXAMPLES = ["services/checkout.yaml", "services/inventory.yaml", "services/report-worker.yaml"];
const seeds: unknown[] = [baseSpec(), ...EXAMPLES.map((f) => parse(readRepoFile(f)) as unknown)];
const stacks: StackConfig[] = STACKS.map((s) => exampleStack(s));

/** Every path to a value in a plain tree, the root excluded. */
function pathsOf(node: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (node !== null && typeof node === "object") {
    return Object.entries(node).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  }
  return [];
}

function update(
  root: unknown,
  path: Path,
  change: (parent: Record<string | number, unknown>, key: string | number) => void,
): unknown {
  const copy = structuredClone(root);
  let node = copy as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (last !== undefined) change(node, last);
  return copy;
}

const scalar = fc.oneof(
  fc.integer({ min: -5, max: 100_000 }),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "",
    "ten",
    "5m",
    "250m",
    "100%",
    "-1",
    "us-east-1",
    "ap-south-1",
    "/healthz",
    "critical",
    "0",
    "1e3",
    "~",
  ),
);
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }),
);

/** Text pasted into a YAML file: random characters or YAML syntax (anchors, aliases, merge keys, documents). */
const damage = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom("*x", "&a ", "*a", "---\n", "<<: *a\n", "\t", "{", "]", ": ", "- ", "!!int ", "? "),
);

type Mutation =
  | { kind: "set"; pick: number; value: unknown }
  | { kind: "delete"; pick: number }
  | { kind: "add"; pick: number; key: string; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), pick: fc.nat(), value }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant("add" as const),
    pick: fc.nat(),
    key: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom("replcas", "environments", "dev", "prod", "liveness")),
    value,
  }),
);

function mutate(spec: unknown, m: Mutation): unknown {
  const paths = pathsOf(spec);
  const path = paths[m.pick % Math.max(paths.length, 1)];
  if (!path) return spec;
  if (m.kind === "set") return update(spec, path, (parent, key) => void (parent[key] = m.value));
  if (m.kind === "delete")
    return update(
      spec,
      path,
      (parent, key) => void (Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key]),
    );
  return update(spec, path, (parent, key) => {
    const target = parent[key];
    if (target !== null && typeof target === "object" && !Array.isArray(target))
      (target as Record<string, unknown>)[m.key] = m.value;
    else parent[key] = { [m.key]: m.value };
  });
}

/** Loads and plans; returns diagnostics or [] for a valid plan. Any exception other than SpecError escapes. */
function loadAndPlan(text: string, stack: StackConfig): readonly Diagnostic[] {
  const loaded = loadSpecs([{ file: "services/fuzz.yaml", text }], stack);
  if (loaded.diagnostics.length > 0) return loaded.diagnostics;
  try {
    const plan = toPlan(loaded.services, stack);
    expect(plan.services).toHaveLength(1);
    return [];
  } catch (error) {
    if (error instanceof SpecError) return error.diagnostics;
    throw error;
  }
}

function expectStructured(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(d.file).toBe("services/fuzz.yaml");
    expect(Number.isInteger(d.position.line) && d.position.line >= 1).toBe(true);
    expect(Number.isInteger(d.position.col) && d.position.col >= 1).toBe(true);
    expect(d.path.length > 0 || d.message.length > 0).toBe(true);
    expect(d.message.length).toBeGreaterThan(0);
  }
}

describe("loading and planning arbitrary specs", () => {
  it("yields a plan or structured diagnostics for mutated example specs, never an exception", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: seeds.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.nat({ max: stacks.length - 1 }),
        (seed, mutations, s) => {
          const spec = mutations.reduce((acc, m) => mutate(acc, m), seeds[seed]);
          expectStructured(loadAndPlan(stringify(spec), stacks[s] as StackConfig));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("yields a plan or structured diagnostics for damaged YAML text, never an exception", () => {
    const texts = EXAMPLES.map(readRepoFile);
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), fc.nat(), fc.nat({ max: 40 }), damage, (t, at, cut, insert) => {
        const text = texts[t] as string;
        const i = at % text.length;
        expectStructured(loadAndPlan(text.slice(0, i) + insert + text.slice(i + cut), stacks[2] as StackConfig));
      }),
      { numRuns: 200 },
    );
  });

  it("plans every unmutated seed cleanly, so the mutations are what the diagnostics are about", () => {
    for (const seed of seeds) for (const stack of stacks) expect(loadAndPlan(stringify(seed), stack)).toEqual([]);
  });
});
