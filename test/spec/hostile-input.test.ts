import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../components/core/spec/errors.js";
import { MAX_FILE_BYTES, MAX_NESTING_DEPTH, MAX_NODES, MAX_STRING_CHARS } from "../../components/core/spec/limits.js";
import { loadSpecs } from "../../components/spec/load.js";
import { CHECKOUT, expectInside, expectReadable } from "../support/hostile.js";

/** Loads one text as `x.yaml` and returns its diagnostics as `line:col path: message`, after checking each. */
function problems(text: string): string[] {
  const { diagnostics } = loadSpecs([{ file: "x.yaml", text }]);
  for (const d of diagnostics) {
    expectInside(d, text);
    expectReadable(d);
  }
  return diagnostics.map((d) => formatDiagnostic(d).replace(/^x\.yaml:/, ""));
}

const deepBlock = `a:\n${"- ".repeat(3000)}x\n`;
const deepFlow = `a: ${"[".repeat(3000)}${"]".repeat(3000)}\n`;
const deepMaps = Array.from({ length: MAX_NESTING_DEPTH + 2 }, (_, i) => `${" ".repeat(i)}k:`).join("\n") + " 1\n";
const aliasBomb = [
  "a: &a [x, x, x, x, x, x, x, x, x, x]",
  ...Array.from({ length: 9 }, (_, i) => {
    const [from, to] = [String.fromCharCode(97 + i), String.fromCharCode(98 + i)];
    return `${to}: &${to} [*${from}, *${from}, *${from}, *${from}, *${from}, *${from}, *${from}, *${from}, *${from}, *${from}]`;
  }),
].join("\n");
const manyKeys = `a:\n${Array.from({ length: MAX_NODES + 1 }, (_, i) => `  k${i}: 1\n`).join("")}`;

describe("limits on a spec file", () => {
  it.each([
    ["3,000 nested block lists", deepBlock, /^2:\d+ nests more than 64 levels of mappings and lists$/],
    ["3,000 nested flow lists", deepFlow, /^1:\d+ nests more than 64 levels of mappings and lists$/],
    ["66 nested mappings", deepMaps, /^\d+:\d+ nests more than 64 levels of mappings and lists$/],
    [
      "an alias inside its own anchor",
      "a: &a [*a, *a]\n",
      /^1:\d+ a\[1\]: repeats a mapping or list inside itself \(an alias inside its own anchor\)$/,
    ],
    ["an alias bomb", aliasBomb, /^\d+:\d+ invalid YAML: aliases expand to too much data; at most 100 alias/],
    ["a file over the size limit", `a: "${"x".repeat(MAX_FILE_BYTES)}"\n`, /^1:1 file is \d+ bytes; at most 1048576/],
    [
      "more keys than allowed",
      manyKeys,
      /^2:3 a: holds more than 50000 keys and list items in the file; split the spec$/,
    ],
    ["a string over the length limit", `a: ${"x".repeat(MAX_STRING_CHARS + 1)}\n`, /^1:4 a: is a string of 262145/],
  ])("refuses %s with one positioned diagnostic and no crash", (_name, text, expected) => {
    const found = problems(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(expected);
  });

  it("accepts nesting up to the limit in a block scalar, comments and quoted brackets", () => {
    const text = CHECKOUT.replace(
      "  description: Public checkout and payment API.",
      `  description: "${"[".repeat(200)}" # ${"{".repeat(200)}\n  owner: |\n${"    ".repeat(40)}- - - - deep text\n`,
    );
    expect(problems(text).some((p) => p.includes("levels"))).toBe(false);
  });
});

describe("messages about hostile values", () => {
  it.each([
    ["shows .nan as YAML writes it", "replicas: 3", "replicas: .nan", "got .nan"],
    ["shows .inf as YAML writes it", "replicas: 3", "replicas: -.inf", "got -.inf"],
    ["escapes control characters", "team: payments", 'team: "pay\\u001bments"', 'got "pay\\u001bments"'],
    ["escapes bidi characters", "team: payments", 'team: "pay\\u202ements"', 'got "pay\\u202ements"'],
    [
      "escapes bidi characters in a time zone a cross-field check refuses",
      "timezone: Europe/Berlin\n    allowedHours",
      'timezone: "Europe/\\u202eBerlin"\n    allowedHours',
      'got "Europe/\\u202eBerlin"',
    ],
    [
      "escapes bidi characters in a cron schedule a cross-field check refuses",
      'schedule: "0 10 * * 2"',
      'schedule: "0 10 * * 2\\u202e"',
      'got "0 10 * * 2\\u202e"',
    ],
    ["cuts a long value to a readable length", "team: payments", `team: ${"p".repeat(5000)}`, "(5000 characters)"],
    ["quotes a key with spaces in the path", "LOG_LEVEL: info", "LOG LEVEL: 1", 'spec.workload.env["LOG LEVEL"]'],
    [
      "tells a multi-document file in its own words",
      "apiVersion: reliability-stack/v1",
      "a: 1\n---\napiVersion: reliability-stack/v1",
      "holds more than one document",
    ],
  ])("%s", (_name, from, to, expected) => {
    expect(CHECKOUT).toContain(from);
    const found = problems(CHECKOUT.replace(from, to));
    expect(found.join("\n")).toContain(expected);
    expect(found.join("\n")).not.toMatch(/parseAllDocuments|got null/);
  });
});
