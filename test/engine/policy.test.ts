/**
 * The CrossGuard pack in `policies/`, started as `pulumi preview --policy-pack policies` starts
 * it and fed what the loopback engine recorded from the real program: its diagnostics over gRPC
 * must be the verdicts `reliability check` reports offline for the same stack and files.
 */

import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { buildPolicyPack } from "../../policies/publish.js";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import { planStack } from "../../components/pipeline.js";
import type { Plan } from "../../components/core/plan/types.js";
import { loadStackConfig } from "../../components/spec/stack.js";
import { RULES } from "../../policies/registry.js";
import { packLevel } from "../../policies/crossguard/policies.js";
import type { Violation } from "../../components/core/policy/types.js";
import { baseSpec, ROOT, setPath, STACKS } from "../support/project.js";
import { PolicyPack, type PackDiagnostic } from "./support/analyzer.js";
import { urnName } from "./support/engine.js";
import { plannedResources } from "./support/expected.js";
import { killAll, readProject, stackConfigBag } from "./support/langhost.js";
import { bootProgram, inPool, temporaryProject, type Boot, type TempProject } from "./support/session.js";

/**
 * A critical production service whose image is not pinned (a resource-level mandatory violation)
 * and whose objectives are declared unmeasured, so it has no burn-rate alerts (a service-level one,
 * which the pack finds when it analyses the whole stack).
 */
const unpinned = setPath(
  setPath(
    setPath(setPath(baseSpec(), "spec.workload.image", "ghcr.io/acme/orders:latest"), "metadata.tier", "critical"),
    "spec.regions",
    ["us-east-1", "eu-west-1"],
  ),
  "spec.indicators",
  { none: { reason: "no metrics yet" } },
);

/**
 * A standard-tier production service with no NetworkPolicy (a service-level advisory finding) and no
 * PriorityClass (a resource-level one): production only advises for its tier.
 */
const unisolated = setPath(
  setPath(
    setPath(setPath(baseSpec(), "metadata.name", "ledger"), "spec.workload.networkPolicy", false),
    "spec.workload.priorityClassName",
    false,
  ),
  "spec.indicators",
  { none: { reason: "no metrics yet" } },
);

const PROJECTS = {
  examples: undefined,
  violation: { "services/orders.yaml": stringify(unpinned), "services/ledger.yaml": stringify(unisolated) },
} as const;
type ProjectName = keyof typeof PROJECTS;

/**
 * Every example stack in preview (unknowns), prod and the violation also in update (values); the
 * violation once more with the pack as `npm run pack:policies` builds it for `pulumi policy publish`,
 * in a folder of its own with nothing but its declared dependencies installed.
 */
const RUNS = [
  ...STACKS.map((stack) => ({ project: "examples" as ProjectName, stack, dryRun: true, pack: "repo" })),
  { project: "examples" as ProjectName, stack: "prod", dryRun: false, pack: "repo" },
  { project: "violation" as ProjectName, stack: "prod", dryRun: true, pack: "repo" },
  { project: "violation" as ProjectName, stack: "prod", dryRun: false, pack: "repo" },
  { project: "violation" as ProjectName, stack: "prod", dryRun: true, pack: "published" },
].map((r) => ({
  ...r,
  mode: `${r.dryRun ? "preview" : "update"}, ${r.pack === "repo" ? "policies/" : "published pack"}`,
}));

/** A verdict in a form both sides can state: policy, level, resource name, message. */
type Verdict = string;

interface Outcome {
  readonly boot: Boot;
  readonly plan: Plan;
  readonly info: { name: string; policies: { name: string; level: string }[] };
  readonly pack: readonly Verdict[];
  /** The part of {@link pack} that came from `AnalyzeStack` (service and stack rules). */
  readonly fromStack: readonly Verdict[];
  readonly cli: { readonly code: number; readonly verdicts: readonly Verdict[] };
}

const dirs = new Map<ProjectName, string>();
const temps: TempProject[] = [];
const outcomes = new Map<string, Outcome>();
const keyOf = (r: { project: string; stack: string; dryRun: boolean; pack?: string }): string =>
  `${r.project}/${r.stack}/${r.dryRun}/${r.pack ?? "repo"}`;
let publishedPack = "";

function packVerdict(d: PackDiagnostic): Verdict {
  const policy = d.policy;
  const message = d.message.startsWith(`${d.description}\n`) ? d.message.slice(d.description.length + 1) : d.message;
  return `[${d.level}] ${policy} on ${d.urn ? urnName(d.urn) : "(stack)"}: ${message}`;
}

/** The CLI names resources by plan key; the engine by logical name. Verdicts use names. */
function cliVerdict(v: Violation, plan: Plan): Verdict {
  const names = new Map(plannedResources(plan).map((r) => [r.key, r.name]));
  const message = [...names].reduce((m, [key, name]) => m.split(key).join(name), `${v.message}. Fix: ${v.fix}`);
  return `[${v.level}] ${v.policy} on ${v.resource ? (names.get(v.resource) ?? v.resource) : "(stack)"}: ${message}`;
}

async function runOnce(run: (typeof RUNS)[number]): Promise<Outcome> {
  const dir = dirs.get(run.project) ?? ROOT;
  const project = readProject(dir);
  const stackConfig = loadStackConfig(join(dir, "stacks"), run.stack);
  const { plan } = planStack(stackConfig, stackConfig.services ?? "services/*.yaml", dir);
  const boot = await bootProgram({ dir, stack: run.stack, dryRun: run.dryRun, plan });
  const pack = await PolicyPack.start({
    dir: run.pack === "published" ? publishedPack : join(dir, "policies"),
    organization: "organization",
    project: project.name,
    stack: run.stack,
    dryRun: run.dryRun,
    config: stackConfigBag(dir, project, run.stack),
    engineAddress: "127.0.0.1:1",
    timeoutMs: 90_000,
  });
  try {
    const info = await pack.info();
    const diagnostics: PackDiagnostic[] = [];
    for (const r of boot.record.registrations.filter((x) => x.type !== "pulumi:pulumi:Stack"))
      diagnostics.push(...(await pack.analyze(boot.record, r)));
    const fromStack = await pack.analyzeStack(boot.record);
    diagnostics.push(...fromStack);
    const out: string[] = [];
    const code = await main(["node", "reliability", "check", "--stack", run.stack, "--format", "json"], {
      out: (t) => out.push(t),
      err: () => undefined,
      cwd: dir,
    });
    const violations = (JSON.parse(out.join("")) as { violations: Violation[] }).violations;
    return {
      boot,
      plan,
      info,
      pack: diagnostics.map(packVerdict).sort(),
      fromStack: fromStack.map(packVerdict),
      cli: {
        code,
        verdicts: violations.map((v) => cliVerdict(v, plan)).sort(),
      },
    };
  } finally {
    pack.stop();
  }
}

beforeAll(async () => {
  for (const [name, files] of Object.entries(PROJECTS)) {
    if (!files) continue;
    const temp = temporaryProject(ROOT, files);
    temps.push(temp);
    dirs.set(name as ProjectName, temp.dir);
  }
  publishedPack = await publishedPackDir();
  await inPool(RUNS, 2, async (run) => outcomes.set(keyOf(run), await runOnce(run)));
}, 300_000);

/** Builds the publishable pack in a folder of its own and installs only its declared dependencies (linked from this project). */
async function publishedPackDir(): Promise<string> {
  const base = mkdtempSync(join(tmpdir(), "published-pack-"));
  temps.push({ dir: base, remove: () => rmSync(base, { recursive: true, force: true }) });
  const dir = join(base, "pack");
  await buildPolicyPack(dir);
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  for (const name of Object.keys(manifest.dependencies)) {
    mkdirSync(dirname(join(dir, "node_modules", name)), { recursive: true });
    symlinkSync(join(ROOT, "node_modules", name), join(dir, "node_modules", name));
  }
  return dir;
}

afterAll(() => {
  killAll();
  for (const t of temps) t.remove();
});

describe.each(RUNS)("the policy pack over gRPC on the $project for $stack ($mode)", (run) => {
  const outcome = (): Outcome => {
    const o = outcomes.get(keyOf(run));
    if (!o) throw new Error(`no outcome for ${keyOf(run)}`);
    return o;
  };

  it("boots the program cleanly first", () => {
    expect(outcome().boot.exit).toMatchObject({ code: 0, timedOut: false });
  });

  it("serves every rule as one policy at the level the severity model can give it", () => {
    const { info } = outcome();
    const expected = RULES.map((r) => `${r.name} ${packLevel(r)}`);
    expect(info.policies.map((p) => `${p.name} ${p.level}`).sort()).toEqual(expected.sort());
  });

  it("reports exactly the verdicts of reliability check", () => {
    const { pack, cli } = outcome();
    expect(pack).toEqual(cli.verdicts);
  });
});

describe("the published pack folder", () => {
  it("bundles everything but the Pulumi SDKs it declares, so it loads with nothing beside it", () => {
    const bundle = readFileSync(join(publishedPack, "dist", "index.js"), "utf8");
    const loads = /(?:\brequire|createRequire\)\(__filename\))\("([^".][^"]*)"\)/g;
    const required = new Set([...bundle.matchAll(loads)].map((m) => m[1] ?? ""));
    const declared = Object.keys(
      (JSON.parse(readFileSync(join(publishedPack, "package.json"), "utf8")) as { dependencies: object }).dependencies,
    );
    const outside = [...required].filter(
      (m) => !declared.includes(m) && !builtinModules.includes(m.replace(/^node:/, "")),
    );
    expect(outside).toEqual([]);
    expect(readFileSync(join(publishedPack, "PulumiPolicy.yaml"), "utf8")).not.toMatch(/nodeargs|options/);
  });
});

describe("the known violation", () => {
  it.each([true, false])(
    "fails the check and reaches the pack through both Analyze and AnalyzeStack, as mandatory (preview: %s)",
    (dryRun) => {
      const o = outcomes.get(keyOf({ project: "violation", stack: "prod", dryRun }));
      expect(o?.cli.code).toBe(1);
      expect(o?.pack.filter((v) => v.startsWith("[mandatory] image-pinned on orders-")).length).toBe(2);
      expect(o?.fromStack.filter((v) => v.startsWith("[mandatory] ")).length).toBeGreaterThan(0);
    },
  );

  it.each([true, false])(
    "reaches the pack as advisory through Analyze and AnalyzeStack when the model only advises (preview: %s)",
    (dryRun) => {
      const o = outcomes.get(keyOf({ project: "violation", stack: "prod", dryRun }));
      const advisory = o?.pack.filter((v) => v.startsWith("[advisory] ")) ?? [];
      expect(advisory.filter((v) => v.startsWith("[advisory] priority-class-set on ledger-"))).toHaveLength(1);
      expect(o?.fromStack.filter((v) => v.startsWith("[advisory] network-policy-set on ledger-"))).toHaveLength(1);
      expect(o?.pack.filter((v) => /^\[mandatory\] (priority-class|network-policy)-set /.test(v))).toEqual([]);
    },
  );
});
