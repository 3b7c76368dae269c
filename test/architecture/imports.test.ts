/**
 * Import direction: every TypeScript file's relative imports (static, `import type`, `export ... from`
 * and dynamic) may only point into its own layer or a layer the matrix below allows. The matrix is
 * the one in docs/architecture.md; keep both in step.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { globSync } from "tinyglobby";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

/** The layers, leaf first. */
const LAYERS = [
  "core",
  "domains",
  "registry",
  "spec",
  "plan",
  "pipeline",
  "render",
  "policies",
  "report",
  "pulumi",
  "incidents",
  "import",
  "cli",
  "entry",
  "test",
  "bench",
] as const;
type Layer = (typeof LAYERS)[number];

/** What each layer may import besides itself; `"any"`: no restriction. */
const ALLOWED: Readonly<Record<Layer, readonly Layer[] | "any">> = {
  core: [],
  domains: ["core"],
  registry: ["core", "domains"],
  spec: ["core", "domains", "registry"],
  plan: ["core", "domains", "registry"],
  pipeline: ["core", "domains", "registry", "spec", "plan"],
  render: ["core", "domains", "registry", "spec", "plan"],
  policies: ["core", "domains", "registry", "spec", "plan"],
  report: ["core", "domains", "registry", "spec", "plan", "render", "policies"],
  pulumi: ["core", "domains", "registry", "spec", "plan", "pipeline"],
  incidents: ["core", "domains"],
  import: ["core", "domains"],
  cli: "any",
  entry: "any",
  test: "any",
  bench: "any",
};

/** The layer of a repository-relative path (forward slashes); undefined outside every layer. */
function layerOf(file: string): Layer | undefined {
  const [top, second] = file.split("/");
  if (top === "components") {
    if (file === "components/pipeline.ts") return "pipeline";
    if (file === "components/domains/index.ts") return "registry";
    if (second === "domains") return "domains";
    if (
      second === "core" ||
      second === "spec" ||
      second === "plan" ||
      second === "render" ||
      second === "report" ||
      second === "pulumi" ||
      second === "incidents" ||
      second === "import"
    )
      return second;
    return undefined;
  }
  if (top === "policies" || top === "cli" || top === "test" || top === "bench") return top;
  if (file === "index.ts") return "entry";
  return undefined;
}

/** One import against the direction. */
interface Violation {
  readonly file: string;
  readonly specifier: string;
  readonly from: Layer;
  readonly to: Layer | "outside every layer";
}

/** The imports of `files` (repository-relative path → source text) that the matrix does not allow. */
function violations(files: ReadonlyMap<string, string>): Violation[] {
  const out: Violation[] = [];
  for (const [file, text] of files) {
    const from = layerOf(file);
    if (from === undefined) continue; // reported by "puts every TypeScript file in a layer"
    const allowed = ALLOWED[from];
    if (allowed === "any") continue;
    for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
      if (!specifier.startsWith(".")) continue;
      // Node16 resolution: `./x.js` names `./x.ts`.
      const target = path.posix
        .normalize(path.posix.join(path.posix.dirname(file), specifier))
        .replace(/\.(m|c)?js$/, ".$1ts");
      const to = layerOf(target) ?? "outside every layer";
      if (to === from || (to !== "outside every layer" && allowed.includes(to))) continue;
      out.push({ file, specifier, from, to });
    }
  }
  return out;
}

function describeViolation(v: Violation): string {
  return `${v.file} imports "${v.specifier}" (${v.from} → ${v.to})`;
}

function repositoryFiles(): Map<string, string> {
  const files = globSync(["**/*.{ts,mts,cts}"], {
    cwd: ROOT,
    ignore: ["**/node_modules/**", "out/**", "coverage/**"],
    followSymbolicLinks: false,
  });
  return new Map(files.sort().map((f) => [f, readFileSync(path.join(ROOT, f), "utf8")]));
}

describe("import direction", () => {
  it("holds for every file of the repository", () => {
    const files = repositoryFiles();
    expect(files.size).toBeGreaterThan(200);
    expect(violations(files).map(describeViolation)).toEqual([]);
  });

  it("puts every TypeScript file in a layer", () => {
    const unplaced = [...repositoryFiles().keys()].filter((f) => layerOf(f) === undefined && f !== "vitest.config.mts");
    expect(unplaced).toEqual([]);
  });

  it("allows no cycle between layers", () => {
    const visiting = new Set<Layer>();
    const done = new Set<Layer>();
    const cycles: string[] = [];
    const visit = (layer: Layer, trail: readonly Layer[]): void => {
      if (done.has(layer)) return;
      if (visiting.has(layer)) {
        cycles.push([...trail, layer].join(" → "));
        return;
      }
      visiting.add(layer);
      const allowed = ALLOWED[layer];
      for (const next of allowed === "any" ? [] : allowed) visit(next, [...trail, layer]);
      visiting.delete(layer);
      done.add(layer);
    };
    for (const layer of LAYERS) visit(layer, []);
    expect(cycles).toEqual([]);
    for (const [layer, allowed] of Object.entries(ALLOWED)) {
      if (allowed === "any") continue;
      // Only the entry points and tests may import a layer that may import anything.
      expect(
        allowed.filter((l) => ALLOWED[l] === "any"),
        layer,
      ).toEqual([]);
    }
  });

  const cases: readonly {
    readonly name: string;
    readonly file: string;
    readonly text: string;
    readonly says?: string;
  }[] = [
    {
      name: "core importing a stage",
      file: "components/core/units.ts",
      text: 'import { loadSpecs } from "../spec/load.js";',
      says: 'components/core/units.ts imports "../spec/load.js" (core → spec)',
    },
    {
      name: "core importing policies",
      file: "components/core/aws/rds.ts",
      text: 'export { x } from "../../../policies/types.js";',
      says: 'components/core/aws/rds.ts imports "../../../policies/types.js" (core → policies)',
    },
    {
      name: "spec importing plan",
      file: "components/spec/load.ts",
      text: 'import { toPlan } from "../plan/index.js";',
      says: 'components/spec/load.ts imports "../plan/index.js" (spec → plan)',
    },
    {
      name: "a domain importing a stage",
      file: "components/domains/chaos/plan.ts",
      text: 'import { loadSpecs } from "../../spec/load.js";',
      says: 'components/domains/chaos/plan.ts imports "../../spec/load.js" (domains → spec)',
    },
    {
      name: "a domain importing the registry",
      file: "components/domains/dns/plan.ts",
      text: 'import { DOMAINS } from "../index.js";',
      says: 'components/domains/dns/plan.ts imports "../index.js" (domains → registry)',
    },
    {
      name: "a domain importing another domain",
      file: "components/domains/dns/plan.ts",
      text: 'import { awsResource } from "../database/resource.js";',
    },
    {
      name: "core importing a domain",
      file: "components/core/module.ts",
      text: 'import type { ChaosInput } from "../domains/chaos/schema.js";',
      says: 'components/core/module.ts imports "../domains/chaos/schema.js" (core → domains)',
    },
    {
      name: "plan importing report",
      file: "components/plan/index.ts",
      text: 'import { renderMarkdown } from "../report/markdown.js";',
      says: 'components/plan/index.ts imports "../report/markdown.js" (plan → report)',
    },
    {
      name: "policies importing report",
      file: "policies/run.ts",
      text: 'import { renderText } from "../components/report/text.js";',
      says: 'policies/run.ts imports "../components/report/text.js" (policies → report)',
    },
    {
      name: "render importing cli",
      file: "components/render/index.ts",
      text: 'const io = await import("../../cli/io.js");',
      says: 'components/render/index.ts imports "../../cli/io.js" (render → cli)',
    },
    {
      name: "core importing a file outside every layer",
      file: "components/core/cron.ts",
      text: 'import "../../scripts/x.js";',
      says: 'components/core/cron.ts imports "../../scripts/x.js" (core → outside every layer)',
    },
    {
      name: "core importing core and a package",
      file: "components/core/windows.ts",
      text: 'import { parseDuration } from "./units.js";\nimport { z } from "zod";',
    },
    {
      name: "report importing policies",
      file: "components/report/types.ts",
      text: 'import type { Rule } from "../../components/core/policy/types.js";',
    },
    {
      name: "cli importing anything",
      file: "cli/main.ts",
      text: 'import { runProgram } from "../components/pulumi/program.js";',
    },
  ];

  it.each(cases)("$name", ({ file, text, says }) => {
    expect(violations(new Map([[file, text]])).map(describeViolation)).toEqual(says === undefined ? [] : [says]);
  });
});
