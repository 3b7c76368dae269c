import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSource, quickSource } from "../../components/core/spec/positions.js";
import { loadSpecs } from "../../components/spec/load.js";
import { exampleStack } from "../support/project.js";

/** Plain scalars whose type depends on the schema: the quick read must resolve each as `parseSource` does. */
const SCALARS = [
  "yes",
  "no",
  "on",
  "off",
  "y",
  "n",
  "true",
  "True",
  "TRUE",
  "false",
  "FALSE",
  "tRue",
  "~",
  "null",
  "Null",
  "NULL",
  "",
  "nil",
  "0",
  "-0",
  "+5",
  "007",
  "010",
  "0o17",
  "-0o17",
  "0x1F",
  "0X1F",
  "0b101",
  "1_000",
  "12:30",
  "1:20:30",
  "1.5",
  "-.5",
  "5.",
  ".5e3",
  "1e3",
  "1E-3",
  "+1.0e+2",
  ".inf",
  "-.Inf",
  "+.INF",
  ".nan",
  ".NaN",
  "NaN",
  "inf",
  "2026-11-22",
  "2026-11-22T10:00:00Z",
  "5m",
  "250m",
  "256Mi",
  "0 3 * * 1-5",
  "'quoted'",
  '"1"',
  "a: b",
];

function document(value: string): string {
  return `apiVersion: reliability-stack/v1\nkind: Service\nmetadata:\n  name: x\n  labels:\n    key: ${value}\nspec:\n  list:\n    - ${value}\n    - k: ${value}\n`;
}

describe("the quick read of a spec file", () => {
  it.each(SCALARS)("resolves the plain scalar %j exactly as the positioned parser does", (scalar) => {
    const text = document(scalar);
    const slow = parseSource("s.yaml", text);
    const quick = quickSource("s.yaml", text);
    if (slow.syntaxErrors.length > 0) expect(quick).toBeUndefined();
    else expect(quick?.value).toStrictEqual(slow.value);
  });

  it.each([
    ["an alias", "a: &x { b: 1 }\nc: *x\n"],
    ["a scalar alias", "a: &x 1\nc: *x\n"],
    ["an empty file", ""],
    ["two documents", "a: 1\n---\nb: 2\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["a custom tag", "a: !Ref b\n"],
    ["a tab-indented mapping", "a:\n\tb: 1\n"],
  ])("leaves %s to the positioned parser", (_name, text) => {
    expect(quickSource("s.yaml", text)).toBeUndefined();
  });

  it("gives any document made of mappings, lists and scalars the same value as the positioned parser", () => {
    const scalar = fc.oneof(
      fc.constantFrom(...SCALARS),
      fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
      fc.integer().map(String),
      fc.double().map(String),
    );
    const node = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: "small" }, scalar, tie("map"), tie("list")),
      map: fc.dictionary(fc.stringMatching(/^[a-z][a-zA-Z0-9_-]{0,6}$/), tie("value"), { minKeys: 1, maxKeys: 4 }),
      list: fc.array(tie("value"), { minLength: 1, maxLength: 3 }),
    }));
    fc.assert(
      fc.property(node.map, (tree) => {
        const text = toYaml(tree, 0);
        const slow = parseSource("g.yaml", text);
        const quick = quickSource("g.yaml", text);
        if (slow.syntaxErrors.length > 0) expect(quick).toBeUndefined();
        else if (quick) expect(quick.value).toStrictEqual(slow.value);
      }),
      { numRuns: 300 },
    );
  });

  it("finds positions from the file's text when a problem needs one", () => {
    const text = readFileSync("services/checkout.yaml", "utf8");
    const quick = quickSource("services/checkout.yaml", text);
    const slow = parseSource("services/checkout.yaml", text);
    for (const path of [
      ["spec", "workload", "image"],
      ["metadata", "name"],
      ["spec", "chaos", "experiments", 0, "schedule"],
    ]) {
      expect(quick?.locate(path)).toStrictEqual(slow.locate(path));
    }
  });

  it("loads the example services to the same result as the positioned parser", () => {
    const files = ["checkout", "inventory", "report-worker"].map((name) => ({
      file: `services/${name}.yaml`,
      text: readFileSync(`services/${name}.yaml`, "utf8"),
    }));
    const loaded = loadSpecs(files, exampleStack("prod"));
    expect(loaded.diagnostics).toStrictEqual([]);
    for (const [i, service] of loaded.services.entries()) {
      const file = files[i] as { file: string; text: string };
      expect(loaded.sources.get(service.name)?.locate(["spec", "workload", "image"])).toStrictEqual(
        parseSource(file.file, file.text).locate(["spec", "workload", "image"]),
      );
    }
  });
});

/** Block-style YAML of a generated tree; scalars are written as they are (plain or quoted). */
function toYaml(node: unknown, indent: number): string {
  const pad = " ".repeat(indent);
  if (Array.isArray(node))
    return node
      .map((item) => (isTree(item) ? `${pad}-\n${toYaml(item, indent + 2)}` : `${pad}- ${String(item)}\n`))
      .join("");
  return Object.entries(node as Record<string, unknown>)
    .map(([key, value]) =>
      isTree(value) ? `${pad}${key}:\n${toYaml(value, indent + 2)}` : `${pad}${key}: ${String(value)}\n`,
    )
    .join("");
}

function isTree(value: unknown): boolean {
  return typeof value === "object" && value !== null;
}
