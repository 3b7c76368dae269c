/**
 * `npm run bench:plan`: load+validate and plan time and peak memory for generated services in every
 * region of the prod stack. Each size runs in its own child processes (so peak RSS is per size),
 * `RUNS` times; the table shows the run with the median plan time. For reference it also times
 * `JSON.parse` of the plan's own JSON: what V8's native parser needs to build the same objects.
 */

import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { join, resolve } from "node:path";
import Table from "cli-table3";
import { toPlan } from "../components/plan/index.js";
import { DOMAINS } from "../components/domains/index.js";
import type { ResolvedService } from "../components/core/spec/service.js";
import type { StackConfig } from "../components/core/stack/config.js";
import { loadSpecs } from "../components/spec/load.js";
import { loadStackConfig } from "../components/spec/stack.js";
import { generateServices } from "./generate.js";

const ROOT = resolve(__dirname, "..");
const SIZES = [10, 100, 1_000, 10_000];
const RUNS = 3;
const STACK = "prod";

/** What one child measured. */
interface Measurement {
  readonly services: number;
  readonly regions: number;
  readonly resources: number;
  readonly loadMs: number;
  readonly planMs: number;
  readonly peakRssMb: number;
  readonly heapUsedMb: number;
  /** Milliseconds `JSON.parse` takes to rebuild the plan from its JSON (undefined when the JSON is too large for one string). */
  readonly jsonParseMs?: number;
  /** Milliseconds each domain planner takes on its own, by planner name. */
  readonly planners: Readonly<Record<string, number>>;
}

function timePlanners(services: readonly ResolvedService[], stack: StackConfig): Record<string, number> {
  const out: Record<string, number> = {};
  for (const domain of DOMAINS) {
    const t = performance.now();
    for (const service of services) domain.plan?.(service, stack);
    out[domain.name] = performance.now() - t;
  }
  return out;
}

function measure(count: number): Measurement {
  const stack = loadStackConfig(join(ROOT, "stacks"), STACK);
  const regions = Object.keys(stack.regions);
  toPlan(loadSpecs(generateServices(ROOT, 6, regions), stack).services, stack);
  const texts = generateServices(ROOT, count, regions);
  const t0 = performance.now();
  const loaded = loadSpecs(texts, stack);
  const t1 = performance.now();
  if (loaded.diagnostics.length > 0)
    throw new Error(`generated specs are invalid: ${JSON.stringify(loaded.diagnostics.slice(0, 3))}`);
  const plan = toPlan(loaded.services, stack);
  const t2 = performance.now();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const heapUsedMb = process.memoryUsage().heapUsed / 1024 / 1024;
  const jsonParseMs = timeJsonParse(plan);
  return {
    services: count,
    regions: regions.length,
    resources: plan.services.reduce((n, s) => n + s.resources.length, 0),
    loadMs: t1 - t0,
    planMs: t2 - t1,
    peakRssMb,
    heapUsedMb,
    ...(jsonParseMs === undefined ? {} : { jsonParseMs }),
    planners: timePlanners([...loaded.services], stack),
  };
}

function timeJsonParse(plan: unknown): number | undefined {
  let text: string;
  try {
    text = JSON.stringify(plan);
  } catch {
    return undefined; // longer than V8's largest string
  }
  const t = performance.now();
  JSON.parse(text);
  return performance.now() - t;
}

function runChild(count: number): Measurement {
  const out = execFileSync(process.execPath, ["--import", "tsx", __filename, "--child", String(count)], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split("\n").pop() ?? "{}") as Measurement;
}

/** The run with the median plan time of `RUNS` runs. */
function medianRun(count: number): Measurement {
  const runs = Array.from({ length: RUNS }, () => runChild(count)).sort((a, b) => a.planMs - b.planMs);
  return runs[Math.floor(runs.length / 2)] as Measurement;
}

function report(results: readonly Measurement[]): string {
  const table = new Table({
    head: [
      "services",
      "resources",
      "load+validate (ms)",
      "plan (ms)",
      "total (ms)",
      "µs/service",
      "peak RSS (MB)",
      "JSON.parse of the plan (ms)",
    ],
    style: { head: [], border: [] },
  });
  for (const r of results) {
    const total = r.loadMs + r.planMs;
    const parse = r.jsonParseMs === undefined ? "n/a" : r.jsonParseMs.toFixed(1);
    table.push(
      [
        r.services,
        r.resources,
        r.loadMs.toFixed(1),
        r.planMs.toFixed(1),
        total.toFixed(1),
        ((total * 1000) / r.services).toFixed(0),
        r.peakRssMb.toFixed(0),
        parse,
      ].map(String),
    );
  }
  const names = Object.keys(results[0]?.planners ?? {});
  const byPlanner = new Table({
    head: ["services", ...names.map((n) => `${n} (ms)`)],
    style: { head: [], border: [] },
  });
  for (const r of results) byPlanner.push([String(r.services), ...names.map((n) => (r.planners[n] ?? 0).toFixed(1))]);
  const cpu = cpus();
  const machine = `${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB, Node ${process.version}, ${process.platform}/${process.arch}`;
  return [
    `Plan benchmark: generated services in every region of the ${STACK} stack (${results[0]?.regions ?? 0} regions), median of ${RUNS} runs by plan time`,
    machine,
    table.toString(),
    "Plan time by domain planner, each run on its own:",
    byPlanner.toString(),
  ].join("\n");
}

if (process.argv[2] === "--child") {
  process.stdout.write(`${JSON.stringify(measure(Number(process.argv[3])))}\n`);
} else {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  console.log(report((sizes.length > 0 ? sizes : SIZES).map(medianRun)));
}
