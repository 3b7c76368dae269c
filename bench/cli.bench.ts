/**
 * `npm run bench`: what users wait for. The `reliability` command, run end to end as a child
 * process on a fleet of copies of `services/checkout.yaml` in the prod stack (`plan` writing its
 * files and `check`, each with an empty cache, then with nothing changed, then after a change to
 * one spec; `diff` against the plan just written), and in the same run cdk8s-plus synthesizing the
 * equivalent workload objects (`bench/cdk8s.child.ts`), with wall time and peak RSS of each. Sizes: 10, 100 and 1,000 services; `BENCH_10K=1` (or `--10k`) adds 10,000, and
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

/** The steps measured for each fleet size, in the order they run. */
const STEPS = [
  "plan, first run",
  "plan, nothing changed",
  "plan, one spec changed",
  "check, first run",
  "check, nothing changed",
  "check, one spec changed",
  "diff",
  "cdk8s-plus synth",
] as const;

type Step = (typeof STEPS)[number];

/** Changes one spec of the fleet (its log level), as a pull request touching one service does. */
function touch(dir: string, level: string): void {
  const file = join(dir, "services", "checkout1.yaml");
  writeFileSync(file, readFileSync(file, "utf8").replace(/LOG_LEVEL: \w+/, `LOG_LEVEL: ${level}`));
}

/**
 * Every step for one fleet size. Each command's first run starts with an empty cache; the next
 * finds nothing changed; the third follows a change to one spec.
 */
function measure(count: number): Record<Step, Timing> {
  const dir = fleet(count);
  const cli = join(ROOT, "bin/reliability.cjs");
  const plan = [cli, "plan", "--stack", STACK, "--out", "out"];
  const check = [cli, "check", "--stack", STACK, "--format", "json"];
  try {
    const planned = [timed(dir, plan), timed(dir, plan)];
    touch(dir, "debug");
    planned.push(timed(dir, plan));
    const checked = [timed(dir, check, [0, 1]), timed(dir, check, [0, 1])];
    touch(dir, "warn");
    checked.push(timed(dir, check, [0, 1]));
    const diff = timed(dir, [cli, "diff", "--stack", STACK, "--base", "out/plan.json", "--format", "json"], [0, 1]);
    const cdk8s = timed(ROOT, [
      "--import",
      "tsx",
      "bench/cdk8s.child.ts",
      String(count),
      join(dir, "cdk8s"),
      ...REGIONS,
    ]);
    const times = [...planned, ...checked, diff, cdk8s];
    return Object.fromEntries(STEPS.map((step, i) => [step, times[i]!])) as Record<Step, Timing>;
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

function report(rows: readonly [number, Record<Step, Timing>][]): string {
  const table = new Table({
    head: ["step", ...rows.map(([count]) => `${count.toLocaleString("en-US")} services`)],
    style: { head: [], border: [] },
  });
  for (const step of STEPS) table.push([step, ...rows.map(([, t]) => cell(t[step]))]);
  const ratios = rows.map(([, t]) => {
    const [plan, cdk8s] = [t["plan, first run"], t["cdk8s-plus synth"]];
    return `${ratioOf(cdk8s.seconds, plan.seconds)} / ${ratioOf(cdk8s.cpuSeconds, plan.cpuSeconds)}`;
  });
  table.push(["cdk8s-plus ÷ plan, first run (wall / CPU)", ...ratios]);
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
const rows: [number, Record<Step, Timing>][] = [];
for (const n of sizes) {
  rows.push([n, measure(n)]);
  console.error(`${n} services measured`);
}
console.log(report(rows));
