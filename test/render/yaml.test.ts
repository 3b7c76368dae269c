import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { renderKubernetes } from "../../components/render/kubernetes.js";
import { toYaml } from "../../components/core/yaml.js";
import { planExamples, STACKS } from "../support/project.js";

/** What the `yaml` package writes with the options the manifests use: the text the emitter must match. */
function reference(value: unknown): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

describe("toYaml writes what the yaml package writes", () => {
  it.each([
    ["plain strings, numbers, booleans and null", { a: "ghcr.io/acme/x:1.2", b: 3, c: 0.5, d: true, e: null }],
    ["strings another type would claim", { a: "true", b: "8080", c: "1.5", d: "null", e: "", f: "~", g: "0x1F" }],
    ["strings that start with an indicator or hold one", { a: "-x", b: "*", c: "#c", d: "a: b", e: "x #y", f: "b:" }],
    ["keys that end with a colon, alone or in a sequence", [{ "a:": 0 }, { "b:": { c: 1 } }]],
    ["strings with edge spaces or unicode", { a: " lead", b: "trail ", c: "é ü", d: "tab\there" }],
    ["block scalars in maps, sequences and nested items", { a: "x\ny\n", b: ["one\ntwo"], c: [{ d: "p\n\nq" }] }],
    ["block scalars whose first line is indented", { a: "  indented\nnext", b: [["deep\nlines\n\n"]] }],
    ["empty collections anywhere", { a: {}, b: [], c: [{}, []], d: { e: { f: [] } } }],
    ["sequences of sequences and of maps", [["a", ["b", "c"]], { d: [{ e: 1, f: [2] }] }]],
    ["keys that need quoting and absent values", { "a b": 1, "8080": 2, "x: y": 3, u: undefined, "k.io/n": 4 }],
    ["numbers JSON cannot write plainly", { a: -0, b: 1e21, c: Number.NaN, d: Number.POSITIVE_INFINITY }],
    ["values at the top level", "just text"],
    [
      "queries, templates and links with brackets, braces, quotes and hashes",
      {
        expr: 'sum(rate(http_requests_total{job="checkout",code=~"5.."}[5m])) > 0',
        summary: "{{ $value }} replicas of checkout are unavailable",
        quoted: '"a" and "b"',
        both: `it's "both"`,
        url: "https://runbooks.acme.example/checkout#errorbudgetburn",
        list: ["25%", "500m", "6m45s", "+1", ".5", "1.", "-1e-3", "0o17", ".NaN", "@at", "`tick`", "!tag", "&a", "*b"],
      },
    ],
    ["an empty map at the top level", {}],
    [
      "one large text at several depths and again at the same depth, as a service's dashboard in each region",
      (() => {
        const large = `${Array.from({ length: 400 }, (_, i) => `  "line ${i}": ${i},`).join("\n")}\n`.trimStart();
        return { a: large, b: { c: large }, d: [large, large], e: { f: large }, g: `${large}x` };
      })(),
    ],
  ])("for %s", (_, value) => {
    expect(toYaml(value)).toBe(reference(value));
  });

  it.each(STACKS)("for every Kubernetes object of the example services in the %s stack", (stack) => {
    for (const file of renderKubernetes(planExamples(stack).plan))
      for (const object of file.objects) expect(toYaml(object)).toBe(reference(object));
  });

  it("for any tree of maps, sequences and scalars", () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom("a", "Z", "0", "1", ".", "-", ":", " ", "#", "\n", "'", '"', "\t", "é", "/") }),
      fc.constantFrom("true", "False", "null", "~", "1e3", ".inf", "0o7", "---", "...", "- a", "? x", "@v", "%y"),
    );
    const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("tree")), fc.dictionary(text, tie("tree"))),
    }));
    fc.assert(
      fc.property(tree, (value) => toYaml(value) === reference(value)),
      { numRuns: 2_000 },
    );
  });

  it("for any one-line string as a value in a map or a sequence", () => {
    const unit = fc.constantFrom(
      ..."aZ09.-+:# '\"\t{}[],&*!|>%@`?~/=$(),éü€😀".split(""),
      "\u0007",
      "\u0085",
      "\ud800",
    );
    const line = fc.oneof(
      fc.string({ unit, maxLength: 12 }),
      fc.constantFrom("true", "NULL", "~", "0x1f", "0o7", "1e3", "-.inf", ".nan", "---x", "...y", "? q", "- r", "-"),
    );
    fc.assert(
      fc.property(
        line,
        (value) => toYaml({ k: value }) === reference({ k: value }) && toYaml([value]) === reference([value]),
      ),
      { numRuns: 5_000 },
    );
  });

  it("for any multi-line string in any map or sequence, whatever its indentation, blank lines and ending", () => {
    const unit = fc.constantFrom("a", " ", "#", ":", "-", "{", '"', "'", "|", ">", "é", "%", ".", "\t", "\r", "0");
    const line = fc.string({ unit, maxLength: 8 });
    const ending = fc.constantFrom("", "\n", "\n\n", " ", "\n ");
    const text = fc
      .tuple(fc.array(line, { minLength: 2, maxLength: 6 }), ending)
      .map(([lines, end]) => lines.join("\n") + end);
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: "small" },
        text,
        fc.array(tie("tree")),
        fc.dictionary(fc.constantFrom("a", "b", "c d"), tie("tree")),
      ),
    }));
    fc.assert(
      fc.property(tree, (value) => toYaml(value) === reference(value)),
      { numRuns: 2_000 },
    );
  });
});
