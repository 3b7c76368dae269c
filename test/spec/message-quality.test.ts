import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../components/core/spec/errors.js";
import { loadSpecs, type SpecText } from "../../components/spec/load.js";
import { mutations } from "../fuzz/mutations.js";
import { invalidFixtures } from "../support/fixtures.js";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { CHECKOUT, EXAMPLE_TEXTS, expectReadable } from "../support/hostile.js";
import { baseSpec, exampleStack, loadObject, ROOT, setPath } from "../support/project.js";

/** Fuzzed specs in the sample: enough for every kind of damage, few enough for a unit test. */
const FUZZ_SAMPLE = 300;
/** The fuzz suite's default seed, so the sample is the start of what `npm run fuzz` explores. */
const SEED = 20261128;

/** Messages about the file's structure rather than one value: nothing to quote. */
const STRUCTURE =
  /^(invalid YAML|must be a YAML mapping|file is|nests more than|holds more than|repeats a mapping|cannot read)/;
/** Messages about a key: they quote the key instead of a value. */
const ABOUT_A_KEY = /^(unknown field|key )/;
/** Messages about a field that is not there: there is no value to quote. */
const MISSING = /^is required/;

type Kind = "structure" | "key" | "missing" | "value";

function kindOf(d: Diagnostic): Kind {
  if (STRUCTURE.test(d.message)) return "structure";
  if (ABOUT_A_KEY.test(d.message)) return "key";
  if (MISSING.test(d.message)) return "missing";
  return "value";
}

/** Every diagnostic of the invalid corpus and of a seeded sample of fuzzed example specs. */
function sampleDiagnostics(): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of invalidFixtures()) {
    const stack = f.stack === undefined ? undefined : exampleStack(f.stack);
    out.push(...loadSpecs([{ file: f.file, text: f.text }], stack).diagnostics);
  }
  const prod = exampleStack("prod");
  const cases = fc.sample(fc.tuple(fc.constantFrom(...EXAMPLE_TEXTS), mutations), { seed: SEED, numRuns: FUZZ_SAMPLE });
  for (const [example, edits] of cases) {
    const texts: SpecText[] = [{ file: "services/fuzzed.yaml", text: edits.reduce((t, e) => e(t), example.text) }];
    out.push(...loadSpecs(texts).diagnostics, ...loadSpecs(texts, prod).diagnostics);
  }
  return out;
}

describe("messages that once named no value", () => {
  it.each([
    ["environments that are a list", "spec.environments", ["dev"], 'got ["dev"]'],
    [
      "a blackout with a start and no end",
      "spec.chaos",
      { blackouts: [{ name: "x", start: "2026-12-20" }] },
      "got only start",
    ],
  ])("%s says what it got", (_name, path, value, got) => {
    const spec = setPath(baseSpec(), path, value);
    const messages = loadObject(spec).diagnostics.map((d) => d.message);
    expect(
      messages.some((m) => m.endsWith(got)),
      messages.join("\n"),
    ).toBe(true);
  });
});

describe("the quality of spec messages", () => {
  const diagnostics = sampleDiagnostics();
  const byKind = (kind: Kind) => diagnostics.filter((d) => kindOf(d) === kind);

  it("measures enough diagnostics about values to judge them", () => {
    expect(byKind("value").length).toBeGreaterThanOrEqual(100);
  });

  it(`says what it got in every diagnostic about a value, over the corpus and ${FUZZ_SAMPLE} fuzzed specs`, () => {
    const values = byKind("value");
    const withGot = values.filter((d) => /\bgot\b/.test(d.message));
    const missing = values.filter((d) => !withGot.includes(d)).map((d) => `${d.path}: ${d.message}`);
    expect([...new Set(missing)]).toEqual([]);
    expect(withGot.length / values.length).toBe(1);
  });

  it("quotes the key in every diagnostic about a key", () => {
    const unquoted = byKind("key").filter((d) => !/"(?:[^"\\]|\\.)*"/.test(d.message));
    expect(unquoted.map((d) => `${d.path}: ${d.message}`)).toEqual([]);
  });

  it("names the field of every diagnostic that is not about the whole file", () => {
    const unnamed = diagnostics.filter((d) => kindOf(d) !== "structure" && d.path === "");
    expect(unnamed.map((d) => d.message)).toEqual([]);
  });
});

/** Values the fuzz suite once found printed raw or whole: each replaces one value of the checkout example. */
const RAW_VALUES: readonly (readonly [string, string, string])[] = [
  ["a receiver with a control character", "receiver: pager-payments", 'receiver: "\\tpager-payments"'],
  ["a receiver with a bidirectional mark", "receiver: chat-payments", 'receiver: "\\u202echat-payments"'],
  [
    "a region of 3,000 characters listed among the service's",
    "regions: [us-east-1, eu-west-1]",
    `regions: [us-${"x".repeat(3000)}-1, eu-west-1]`,
  ],
  ["a DNS zone of 3,000 characters", "zone: acme.example", `zone: ${"x".repeat(3000)}.example`],
  ["a DNS name of 3,000 characters", "name: checkout.acme.example", `name: checkout.${"x".repeat(3000)}`],
  ["a database region with a control character", "primaryRegion: us-east-1", 'primaryRegion: "us-east-1\\u0007"'],
  [
    "a database region of 3,000 characters",
    "secondaryRegions: [eu-west-1]",
    `secondaryRegions: [eu-${"x".repeat(3000)}-1]`,
  ],
  ["an environment name with a control character", "    staging:", '    "\\tstaging":'],
  [
    "a health check path on a TCP check",
    "healthCheck: { path: /ready,",
    `healthCheck: { protocol: TCP, path: "/\\u0000${"y".repeat(2000)}",`,
  ],
  [
    "a writable path of 3,000 characters given twice",
    "    port: 8080",
    `    port: 8080\n    writablePaths: [/${"w".repeat(3000)}, /${"w".repeat(3000)}]`,
  ],
  ["an alias of 3,000 characters with no anchor", "replicas: 3", `replicas: *${"a".repeat(3000)}`],
];

describe("values quoted in messages", () => {
  it.each(RAW_VALUES)("%s is escaped and cut to a readable length, with and without a stack", (_name, from, to) => {
    expect(CHECKOUT).toContain(from);
    const text = CHECKOUT.replace(from, to);
    const diagnostics = [undefined, "staging", "prod"].flatMap(
      (stack) =>
        loadSpecs([{ file: "services/checkout.yaml", text }], stack === undefined ? undefined : exampleStack(stack))
          .diagnostics,
    );
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) expectReadable(d);
  });

  it("goes through quote() wherever a message interpolates a value in quotes", () => {
    const sources = ["components", "cli", "policies"].flatMap((dir) => typeScriptFiles(join(ROOT, dir)));
    const raw = sources.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) => (/got "\$\{/.test(line) ? [`${relative(ROOT, file)}:${i + 1}`] : [])),
    );
    expect(raw).toEqual([]);
  });
});

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? typeScriptFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}
