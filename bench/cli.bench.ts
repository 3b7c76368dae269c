/**
 * `npm run bench`: what users wait for. The `reliability` command, run end to end as a child
 * process on a fleet of copies of `services/checkout.yaml` in the prod stack (`plan` writing its
 * files, `check`, `diff` against the plan just written), and in the same run cdk8s-plus
 * synthesizing the equivalent workload objects (`bench/cdk8s.child.ts`), with wall time and peak
 * RSS of each. Sizes: 10, 100 and 1,000 services; `BENCH_10K=1` (or `--10k`) adds 10,000, and
 * `--sizes=10,100` picks others. The prebuilt CLI is built first, as `npm run build` does, so no
 * run pays for bundling. Runs share the machine: compare the ratios within one run (wall time and
 * CPU time both) rather than absolute times across runs.
 */

import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import Table from "cli-table3";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const prebuilt = require("../bin/prebuilt.cjs") as { build: () => string };

const ROOT = resolve(__dirname, "..");
const SIZES = [10, 100, 1_000];
const LARGE = 10_000;
const STACK = "prod";
const REGIONS = ["us-east-1", "eu-west-1"];

/** One timed child process. */
interface Timing {
  /** Wall time, seconds. */
  readonly seconds: number;
  /** CPU time, user and system, seconds. */
  readonly cpuSeconds: number;
  /** Peak resident set size, MB. */
  readonly peakMb: number;
}

/** A project folder holding `count` renamed copies of the checkout example and the stacks. */
function fleet(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), `reliability-bench-${count}-`));
  mkdirSync(join(dir, "services"));
  cpSync(join(ROOT, "stacks"), join(dir, "stacks"), { recursive: true });
  const template = readFileSync(join(ROOT, "services/checkout.yaml"), "utf8");
  for (let i = 1; i <= count; i++)
    writeFileSync(join(dir, "services", `checkout${i}.yaml`), template.replaceAll("checkout", `checkout${i}`));
  return dir;
}

/**
 * Runs `node <args>` in `cwd` with stdout discarded; wall time, and the CPU time and peak RSS the
 * child reports. An exit code outside `accepted` fails the benchmark.
 */
function timed(cwd: string, args: readonly string[], accepted: readonly number[] = [0]): Timing {
  const rssFile = join(tmpdir(), `reliability-bench-usage-${process.pid}.json`);
  const start = performance.now();
  const child = spawnSync(process.execPath, ["--require", join(ROOT, "bench/peak-rss.cjs"), ...args], {
    cwd,
    env: { ...process.env, BENCH_PEAK_RSS_FILE: rssFile },
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 64 << 20,
  });
  const seconds = (performance.now() - start) / 1000;
  if (!accepted.includes(child.status ?? -1))
    throw new Error(`node ${args.join(" ")} exited ${child.status}: ${child.stderr.toString().slice(-2000)}`);
  const usage = JSON.parse(readFileSync(rssFile, "utf8")) as { maxRSS: number; cpu: number };
  rmSync(rssFile, { force: true });
  return { seconds, cpuSeconds: usage.cpu / 1e6, peakMb: usage.maxRSS / 1024 };
}

/** Every measured step for one fleet size. */
function measure(count: number): Record<string, Timing> {
  const dir = fleet(count);
  const cli = join(ROOT, "bin/reliability.cjs");
  try {
    return {
      plan: timed(dir, [cli, "plan", "--stack", STACK, "--out", "out"]),
      check: timed(dir, [cli, "check", "--stack", STACK, "--format", "json"], [0, 1]),
      diff: timed(dir, [cli, "diff", "--stack", STACK, "--base", "out/plan.json", "--format", "json"], [0, 1]),
      cdk8s: timed(ROOT, ["--import", "tsx", "bench/cdk8s.child.ts", String(count), join(dir, "cdk8s"), ...REGIONS]),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function cell(t: Timing | undefined): string {
  return t ? `${t.seconds.toFixed(2)} s (${t.cpuSeconds.toFixed(2)} s CPU) / ${t.peakMb.toFixed(0)} MB` : "n/a";
}

function ratioOf(a: number, b: number): string {
  return `${(a / b).toFixed(2)}×`;
}

function report(rows: readonly [number, Record<string, Timing>][]): string {
  const table = new Table({
    head: ["services", "plan (files written)", "check", "diff", "cdk8s-plus synth", "cdk8s-plus ÷ plan (wall / CPU)"],
    style: { head: [], border: [] },
  });
  for (const [count, t] of rows) {
    const plan = t["plan"];
    const cdk8s = t["cdk8s"];
    const ratio =
      plan && cdk8s ? `${ratioOf(cdk8s.seconds, plan.seconds)} / ${ratioOf(cdk8s.cpuSeconds, plan.cpuSeconds)}` : "n/a";
    table.push([String(count), cell(plan), cell(t["check"]), cell(t["diff"]), cell(cdk8s), ratio]);
  }
  const cpu = cpus();
  return [
    `reliability end to end on copies of services/checkout.yaml, stack ${STACK} (${REGIONS.length} regions); wall time (CPU time) / peak RSS`,
    `${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB, Node ${process.version}`,
    table.toString(),
  ].join("\n");
}

const large = process.env["BENCH_10K"] === "1" || process.argv.includes("--10k");
const picked = process.argv.find((a) => a.startsWith("--sizes="));
const sizes = picked ? picked.slice("--sizes=".length).split(",").map(Number) : [...SIZES, ...(large ? [LARGE] : [])];
prebuilt.build();
const rows: [number, Record<string, Timing>][] = [];
for (const n of sizes) {
  rows.push([n, measure(n)]);
  console.error(`${n} services measured`);
}
console.log(report(rows));
