import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/project.js";
import { CHAOS_MESH_CRDS, KUBERNETES_OPENAPI, PROMETHEUS_OPERATOR_CRDS, REFERENCE_DIR } from "../support/vendored.js";
import { CRD_FILES } from "./crds.js";

/** Every TypeScript file under a folder, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Ways a path outside the repository (the workplace's shared folder) could be spelt in a test. */
const OUTSIDE = [/\.\.\/shared\b/, /["']\.\.["'],\s*["']shared["']/, /\/work\/shared\b/];

describe("the vendored reference data", () => {
  it.each(
    readdirSync(REFERENCE_DIR, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => [e.name]),
  )("%s has a README that names its source, version and licence", (folder) => {
    const readme = readFileSync(join(REFERENCE_DIR, folder, "README.md"), "utf8");
    expect(readme).toMatch(/github\.com\//);
    expect(readme).toMatch(/\b(tag|commit)\b/);
    expect(readme).toMatch(/Licen[cs]e: (Apache License 2\.0|MIT License)/);
  });

  it("holds every file the helpers read", () => {
    for (const path of [
      CHAOS_MESH_CRDS,
      PROMETHEUS_OPERATOR_CRDS,
      KUBERNETES_OPENAPI,
      ...Object.values(CRD_FILES).map((c) => c.file),
    ])
      expect(existsSync(path), relative(ROOT, path)).toBe(true);
  });

  it("is all a test reads: no test refers to the shared folder beside the repository", () => {
    const self = join(__dirname, "vendored.test.ts");
    const readers = sources(join(ROOT, "test")).filter(
      (file) => file !== self && OUTSIDE.some((re) => re.test(readFileSync(file, "utf8"))),
    );
    expect(readers.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
