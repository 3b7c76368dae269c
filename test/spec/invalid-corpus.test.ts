import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic, sortDiagnostics } from "../../components/core/spec/errors.js";
import { loadSpecs } from "../../components/spec/load.js";
import { invalidFixtures } from "../support/fixtures.js";
import { exampleStack, ROOT } from "../support/project.js";

const fixtures = invalidFixtures();

function diagnosticsOf(fixture: (typeof fixtures)[number]): string[] {
  const texts = [...fixture.also, fixture.file].map((file) => ({ file, text: readFileSync(join(ROOT, file), "utf8") }));
  const result = loadSpecs(texts, fixture.stack === undefined ? undefined : exampleStack(fixture.stack));
  expect(result.services).toEqual([]);
  return sortDiagnostics(result.diagnostics).map(formatDiagnostic);
}

describe("the invalid-spec corpus", () => {
  it("holds at least 25 different mistakes, each with a declared expectation", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
    for (const fixture of fixtures) expect(fixture.expected, fixture.file).not.toEqual([]);
  });

  it.each(fixtures.map((f) => [f.file.split("/").pop() ?? f.file, f] as const))(
    "%s reports exactly the declared file:line:col, path and message",
    (_name, fixture) => {
      expect(diagnosticsOf(fixture)).toEqual(fixture.expected);
    },
  );

  it("reports every mistake of a file with several, not just the first", () => {
    const several = fixtures.find((f) => f.file.endsWith("/several-mistakes.yaml"));
    expect(several?.expected.length).toBeGreaterThanOrEqual(8);
    if (several) expect(diagnosticsOf(several)).toEqual(several.expected);
  });

  it("loads the valid baseline the corpus is derived from without a problem", () => {
    const file = "test/fixtures/valid/orders.yaml";
    const result = loadSpecs([{ file, text: readFileSync(join(ROOT, file), "utf8") }], exampleStack("prod"));
    expect(result.diagnostics).toEqual([]);
    expect(result.services.map((s) => s.name)).toEqual(["orders"]);
  });
});
