import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Plan } from "../../../components/core/plan/types.js";
import { LoopbackEngine, type EngineRecord } from "./engine.js";
import { referencedAttrs, resourceId } from "./expected.js";
import { launchProgram, readProject, type ProgramExit } from "./langhost.js";

/**
 * Outputs providers compute that an update must answer with values beyond those planned resources
 * read: the secret generators the components create, and the database endpoints a service exports.
 * @see https://www.pulumi.com/registry/packages/random/api-docs/randompassword/#outputs
 * @see https://www.pulumi.com/registry/packages/aws/api-docs/rds/cluster/#outputs
 */
export const PROVIDER_COMPUTED: Readonly<Record<string, readonly string[]>> = {
  "random:index/randomPassword:RandomPassword": ["result", "bcryptHash"],
  "aws:rds/cluster:Cluster": ["endpoint"],
  "aws:rds/instance:Instance": ["address"],
};

/** The program's run against the loopback engine: how it ended and what it sent. */
export interface Boot {
  /** Exit code and output. */
  readonly exit: ProgramExit;
  /** Everything the engine received. */
  readonly record: EngineRecord;
}

/** What to boot. */
export interface BootOptions {
  /** Project directory. */
  readonly dir: string;
  /** Stack name. */
  readonly stack: string;
  /** Preview or update. */
  readonly dryRun: boolean;
  /** The plan, so an update can answer the outputs other resources read. */
  readonly plan?: Plan;
  /** `pulumi config set` overrides. */
  readonly configOverrides?: Readonly<Record<string, unknown>>;
  /** Upper bound for the program's run. */
  readonly timeoutMs?: number;
}

/** Boots the program once: a fresh engine, the language host's launch, the engine stopped after. */
export async function bootProgram(o: BootOptions): Promise<Boot> {
  const attrs = o.plan ? referencedAttrs(o.plan) : new Map<string, Set<string>>();
  const engine = await LoopbackEngine.start({
    stack: o.stack,
    project: readProject(o.dir).name,
    dryRun: o.dryRun,
    computed: (type, name) => [...(attrs.get(resourceId(type, name)) ?? []), ...(PROVIDER_COMPUTED[type] ?? [])],
  });
  try {
    const exit = await launchProgram({
      dir: o.dir,
      stack: o.stack,
      dryRun: o.dryRun,
      engineAddress: engine.address,
      timeoutMs: o.timeoutMs ?? 90_000,
      ...(o.configOverrides ? { configOverrides: o.configOverrides } : {}),
    });
    return { exit, record: engine.record };
  } finally {
    engine.stop();
  }
}

/** Runs `fn` over `items` with at most `limit` in flight, keeping order. */
export async function inPool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A throw-away copy of the project: sources linked, `services/` and chosen files written fresh. */
export interface TempProject {
  /** Its directory. */
  readonly dir: string;
  /** Deletes it. */
  readonly remove: () => void;
}

/**
 * Creates a project directory that links the real sources and `node_modules` but has its own
 * `services/` (and any other files given, relative paths → contents).
 */
export function temporaryProject(
  root: string,
  files: Readonly<Record<string, string>>,
  copied: readonly string[] = ["stacks"],
): TempProject {
  const dir = mkdtempSync(join(tmpdir(), "reliability-engine-"));
  for (const entry of [
    "node_modules",
    "components",
    "policies",
    "index.ts",
    "package.json",
    "tsconfig.json",
    "Pulumi.yaml",
  ]) {
    if (!Object.keys(files).some((f) => f === entry || f.startsWith(`${entry}/`)) && !copied.includes(entry))
      symlinkSync(join(root, entry), join(dir, entry));
  }
  for (const entry of copied) cpSync(join(root, entry), join(dir, entry), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
