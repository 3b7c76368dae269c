/**
 * Provider resources are typed by their token: `awsResource` takes the Pulumi `*Args` of its token
 * (references and secrets allowed where Pulumi takes an `Input<string>`), `kubeBody` the Kubernetes
 * object of its token. This compiles test/fixtures/typecheck/misspelt-input.ts (excluded from
 * tsconfig.json) with the repository's compiler options and expects exactly the errors its
 * `// expect-error: TSnnnn` comments mark: a misspelt AWS input, a reference where AWS takes a
 * number, a field misplaced in a Deployment; the correct calls around them compile.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const FIXTURE = path.join(ROOT, "test/fixtures/typecheck/misspelt-input.ts");

interface Found {
  readonly line: number;
  readonly code: number;
  readonly message: string;
}

function compilerOptions(): ts.CompilerOptions {
  const file = path.join(ROOT, "tsconfig.json");
  const config = ts.readConfigFile(file, (p) => ts.sys.readFile(p));
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, "\n"));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT, undefined, file).options;
}

function typeErrors(): Found[] {
  const program = ts.createProgram([FIXTURE], compilerOptions());
  return ts.getPreEmitDiagnostics(program).map((d) => ({
    line: d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0,
    code: d.code,
    message: `${d.file ? path.relative(ROOT, d.file.fileName) : "(global)"}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
  }));
}

function expectedErrors(): { line: number; code: number }[] {
  return readFileSync(FIXTURE, "utf8")
    .split("\n")
    .flatMap((text, i) => {
      const match = /\/\/ expect-error: TS(\d+)/.exec(text);
      return match?.[1] ? [{ line: i + 1, code: Number(match[1]) }] : [];
    });
}

describe("typed provider resources", () => {
  it("the main tsconfig leaves the failing fixture out", () => {
    const file = path.join(ROOT, "tsconfig.json");
    const parsed = ts.parseJsonConfigFileContent(
      ts.readConfigFile(file, (p) => ts.sys.readFile(p)).config,
      ts.sys,
      ROOT,
      undefined,
      file,
    );
    expect(parsed.fileNames.map((f) => path.normalize(f))).not.toContain(FIXTURE);
  });

  it("tsc reports exactly the misspelt, mistyped and misplaced inputs of the fixture", { timeout: 120_000 }, () => {
    const found = typeErrors();
    const expected = expectedErrors();
    expect(expected).toHaveLength(3);
    expect(
      found.map(({ line, code }) => ({ line, code })),
      found.map((f) => f.message).join("\n"),
    ).toEqual(expected);
    const [misspelt, mistyped, misplaced] = found;
    expect(misspelt?.message).toMatch(/'resourcePth' does not exist.*Did you mean to write 'resourcePath'\?/s);
    expect(mistyped?.message).toMatch(/Type 'Ref' is not assignable to type 'number'/);
    expect(misplaced?.message).toMatch(/'containers' does not exist in type 'DeploymentSpec'/);
  });
});
