// The prebuilt CLI: `cli/main.ts` and the planning worker bundled by esbuild into
// `dist/cli/*.cjs` (npm packages stay external and load from node_modules), so a run starts
// without compiling TypeScript. The bundle is built by `npm run build`, or by the first run that
// finds it missing or older than one of its sources; without esbuild (a production install), or
// when the folder cannot be written, the sources run through tsx instead.
"use strict";
const {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} = require("node:fs");
const { join, resolve } = require("node:path");

/** The repository root. */
const ROOT = resolve(__dirname, "..");
/** Where the bundle is written. */
const OUT = join(ROOT, "dist", "cli");
/** Bundled entry points, by output name. */
const ENTRIES = { main: "cli/main.ts", worker: "cli/worker.ts" };
/** The build record: the sources the bundle was made from and when their reading started. */
const RECORD = join(OUT, "inputs.json");

/** True when the bundle exists and no source it was built from changed since. */
function isFresh() {
  try {
    const record = JSON.parse(readFileSync(RECORD, "utf8"));
    if (!Object.keys(ENTRIES).every((name) => existsSync(join(OUT, `${name}.cjs`)))) return false;
    return record.inputs.every((file) => statSync(join(ROOT, file)).mtimeMs <= record.startedMs);
  } catch {
    return false;
  }
}

/**
 * Bundles the CLI into `dist/cli` and records its inputs. Each file is written beside its target
 * and renamed into place, the record last, so a concurrent run sees either bundle whole.
 * @returns the output folder.
 */
function build() {
  const { buildSync } = require("esbuild");
  const startedMs = Date.now();
  mkdirSync(OUT, { recursive: true });
  const staging = mkdtempSync(join(OUT, ".build-"));
  try {
    const result = buildSync({
      absWorkingDir: ROOT,
      entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(ROOT, file)])),
      outdir: staging,
      outExtension: { ".js": ".cjs" },
      bundle: true,
      packages: "external",
      platform: "node",
      target: "node20",
      format: "cjs",
      sourcemap: "linked",
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith("node_modules/"));
    for (const name of Object.keys(ENTRIES)) {
      renameSync(join(staging, `${name}.cjs.map`), join(OUT, `${name}.cjs.map`));
      renameSync(join(staging, `${name}.cjs`), join(OUT, `${name}.cjs`));
    }
    writeFileSync(join(staging, "inputs.json"), `${JSON.stringify({ startedMs, inputs }, null, 2)}\n`);
    renameSync(join(staging, "inputs.json"), RECORD);
    return OUT;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Builds the bundle unless it is fresh; false when it cannot be built here. */
function ensureBuilt() {
  if (isFresh()) return true;
  try {
    build();
    return true;
  } catch {
    return false;
  }
}

/** The CLI module: the bundle when it is (or can be made) fresh, else the sources through tsx. */
function loadCli() {
  if (process.env.RELIABILITY_FROM_SOURCE !== "1" && ensureBuilt()) return require(join(OUT, "main.cjs"));
  require("tsx/cjs");
  return require(join(ROOT, ENTRIES.main));
}

module.exports = { build, ensureBuilt, loadCli, OUT };

if (require.main === module) {
  try {
    console.log(`reliability CLI bundled into ${build()}`);
  } catch (error) {
    console.error(`reliability: cannot bundle the CLI: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}
