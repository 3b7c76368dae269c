import fc from "fast-check";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { formatPath } from "../../components/core/spec/validate.js";
import { loadSpecs } from "../../components/spec/load.js";
import { EXAMPLE_TEXTS, expectInside } from "../support/hostile.js";

type Path = readonly (string | number)[];

/** Every path to a mapping key in a plain tree. */
function keyPaths(node: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => keyPaths(v, [...prefix, i]));
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([k, v]) => [[...prefix, k], ...keyPaths(v, [...prefix, k])]);
}

/** A copy of `root` with the key at `path` renamed (an own property, even `__proto__`), order kept. */
function renamed(root: unknown, path: Path, name: string): unknown {
  const [head, ...rest] = path;
  if (Array.isArray(root)) return root.map((v, i) => (i === head ? renamed(v, rest, name) : v));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(root as Record<string, unknown>)) {
    const key = rest.length === 0 && k === head ? name : k;
    const value = rest.length > 0 && k === head ? renamed(v, rest, name) : v;
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function pathsFound(text: string): string[] {
  const { diagnostics } = loadSpecs([{ file: "x.yaml", text }]);
  for (const d of diagnostics) expectInside(d, text);
  return [...new Set(diagnostics.map((d) => d.path))].sort();
}

const NEUTRAL = "zzRenamed";
const examples = EXAMPLE_TEXTS.map((e) => parse(e.text) as unknown);

describe("keys that name JavaScript object internals", () => {
  it("refuses __proto__ wherever it is written, at the key, and never drops it", () => {
    fc.assert(
      fc.property(fc.constantFrom(...examples), fc.nat(), (spec, pick) => {
        const paths = keyPaths(spec);
        const path = paths[pick % paths.length] ?? [];
        const text = stringify(renamed(spec, path, "__proto__"));
        const { diagnostics, services } = loadSpecs([{ file: "x.yaml", text }]);
        expect(services).toEqual([]);
        const at = formatPath([...path.slice(0, -1), "__proto__"]);
        expect(diagnostics.map((d) => `${d.path}: ${d.message}`)).toContain(
          `${at}: key "__proto__" is reserved (JavaScript gives it a meaning) and cannot be used as a name; rename it`,
        );
      }),
      { seed: 20261128, numRuns: 60 },
    );
  });

  it.each(["constructor", "prototype", "toString", "hasOwnProperty", "valueOf"])(
    "treats a key named %s exactly like any other renamed key",
    (name) => {
      fc.assert(
        fc.property(fc.constantFrom(...examples), fc.nat(), (spec, pick) => {
          const paths = keyPaths(spec);
          const path = paths[pick % paths.length] ?? [];
          const neutral = pathsFound(stringify(renamed(spec, path, NEUTRAL)));
          const named = pathsFound(stringify(renamed(spec, path, name)));
          expect(named).toEqual(neutral.map((p) => p.split(NEUTRAL).join(name)).sort());
        }),
        { seed: 20261128, numRuns: 25 },
      );
    },
  );
});
