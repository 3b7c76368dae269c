/**
 * Builds the CrossGuard pack as a folder `pulumi policy publish` can ship on its own: the rules and
 * everything they import bundled into `dist/index.js`, a `package.json` whose only dependencies are
 * the Pulumi SDKs the bundle loads at run time, and a `PulumiPolicy.yaml`. Nothing in it refers to
 * this repository. Usage: `npm run pack:policies [-- <out-dir>]` (default `out/policy-pack`), then
 * `cd out/policy-pack && npm install && pulumi policy publish <org>`.
 */

import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  mkdirSync,
  existsSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { build } from "esbuild";
import { stringify } from "yaml";

/** Packages the bundle leaves to `npm install` in the pack folder: the SDKs the engine talks through. */
export const PACK_RUNTIME_DEPENDENCIES = ["@pulumi/policy", "@pulumi/pulumi"] as const;

/** What the published pack says it is. */
const PUBLISHED_DESCRIPTION =
  "Reliability policies of reliability-stack: probes, disruption budgets, alerts, chaos, multi-region databases, DNS failover and the RTO/RPO budget.";

const HERE = __dirname;

interface Manifest {
  readonly version: string;
  readonly description?: string;
  readonly license?: string;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Manifest;

/** Writes the publishable pack folder to `out` (replacing it only once it is complete). */
export async function buildPolicyPack(out: string): Promise<void> {
  const root = readJson(join(HERE, "..", "package.json"));
  const pack = readJson(join(HERE, "package.json"));
  const parent = dirname(resolve(out));
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, ".policy-pack-"));
  try {
    await build({
      entryPoints: [join(HERE, "index.ts")],
      outfile: join(staging, "dist", "index.js"),
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      external: [...PACK_RUNTIME_DEPENDENCIES],
      legalComments: "linked",
      logLevel: "error",
    });
    const dependencies = Object.fromEntries(
      PACK_RUNTIME_DEPENDENCIES.map((name) => [name, root.dependencies?.[name] ?? root.devDependencies?.[name] ?? "*"]),
    );
    const description = PUBLISHED_DESCRIPTION;
    const manifest = {
      name: "reliability-stack-policies",
      version: pack.version,
      description,
      license: pack.license,
      main: "dist/index.js",
      dependencies,
    };
    writeFileSync(join(staging, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    const policyYaml = { runtime: "nodejs", version: pack.version, description, license: pack.license };
    writeFileSync(join(staging, "PulumiPolicy.yaml"), stringify(policyYaml));
    chmodSync(staging, 0o755);
    if (existsSync(out)) rmSync(out, { recursive: true, force: true });
    renameSync(staging, out);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

if (require.main === module) {
  const out = resolve(process.argv[2] ?? "out/policy-pack");
  buildPolicyPack(out).then(
    () => console.log(`policy pack written to ${out}: npm install there, then pulumi policy publish <org>`),
    (error: unknown) => {
      console.error(
        `reliability: cannot build the policy pack: ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exitCode = 2;
    },
  );
}
