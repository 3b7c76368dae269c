import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSource } from "../../components/core/spec/positions.js";
import { loadSpecs } from "../../components/spec/load.js";
import { CHECKOUT, EXAMPLE_TEXTS, linesOf } from "../support/hostile.js";

type Path = readonly (string | number)[];

/** Every path to a mapping key, with the key's name. */
function keyPaths(node: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => keyPaths(v, [...prefix, i]));
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([k, v]) => [[...prefix, k], ...keyPaths(v, [...prefix, k])]);
}

/** The text at a 1-based line and column. */
function textAt(text: string, line: number, col: number): string {
  return (linesOf(text)[line - 1] ?? "").slice(col - 1);
}

const MULTI_LINE = [
  ["a literal block scalar", "  description: |\n    one\n    two\n\n"],
  ["a folded block scalar", "  description: >-\n    one\n      two\n"],
  ["a multi-line plain scalar", "  description: one\n    two\n    three\n"],
  ["a multi-line double-quoted scalar", '  description: "one\n    two\\\n    three"\n'],
  ["a multi-line single-quoted scalar", "  description: 'one\n\n    two'\n"],
] as const;

const variants: readonly (readonly [string, string])[] = [
  ...EXAMPLE_TEXTS.map((e) => [e.file, e.text] as const),
  ...MULTI_LINE.map(([name, scalar]) => [name, CHECKOUT.replace(/^ {2}description: .*\n/m, scalar)] as const),
  ["Windows line endings", CHECKOUT.replace(/\n/g, "\r\n")],
];

describe("positions in a spec file", () => {
  it.each(variants)("point every key of %s at the key itself", (_name, text) => {
    const source = parseSource("x.yaml", text);
    expect(source.syntaxErrors).toEqual([]);
    const paths = keyPaths(source.value);
    fc.assert(
      fc.property(fc.nat(), (pick) => {
        const path = paths[pick % paths.length] ?? [];
        const at = source.locate(path, "key");
        expect(textAt(text, at.line, at.col).replace(/^["']/, "")).toMatch(
          new RegExp(`^${String(path[path.length - 1]).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}`),
        );
      }),
      { seed: 20261128, numRuns: 80 },
    );
  });

  it.each(MULTI_LINE)("points a bad value after %s at that value", (_name, scalar) => {
    const text = CHECKOUT.replace(/^ {2}description: .*\n/m, scalar).replace("port: 8080", "port: eighty");
    const { diagnostics } = loadSpecs([{ file: "x.yaml", text }]);
    const port = diagnostics.find((d) => d.path === "spec.workload.port");
    expect(port && textAt(text, port.position.line, port.position.col)).toBe("eighty");
  });

  it("keeps a diagnostic at the end of a file without a final line break inside its last line", () => {
    const text =
      "apiVersion: reliability-stack/v1\nkind: Service\nmetadata: {name: x, team: y, tier: critical}\nspec: [";
    const { diagnostics } = loadSpecs([{ file: "x.yaml", text }]);
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics)
      expect(d.position.col).toBeLessThanOrEqual((linesOf(text)[d.position.line - 1] ?? "").length + 1);
  });
});
