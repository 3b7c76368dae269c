/**
 * The state of every alert, minute by minute, as Prometheus's own rule engine computes it: the rules
 * run under `promtool test rules` (Prometheus 2.42) over synthetic input series, with one
 * `promql_expr_test` per sampled minute that expects `ALERTS` to be empty. promtool reports every
 * minute where it is not, with the series it got:
 *
 *     expr: "ALERTS", time: 3m,
 *         exp: nil
 *         got: {__name__="ALERTS", alertname="X", alertstate="firing", severity="critical"} 1E+00, {...} 1E+00
 *
 * and that is parsed back. promtool evaluates every group at every `evaluation_interval` whatever
 * its `interval`; slower groups are emulated (see `emulateInterval`). Cost grows with evaluated
 * minutes × rules (about 0.1 ms per rule evaluation), so long scenarios use a coarser evaluation
 * interval and only the alerts they measure.
 * @see https://prometheus.io/docs/prometheus/2.42/configuration/unit_testing_rules/
 */

import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import type { RuleGroup } from "../../../components/domains/alerts/types.js";
import { parseExprOutput, type ExprResults, type Labels } from "./promtool-output.js";
import { prepareGroups, type AlertFilter } from "./rulesets.js";
import { sampledAlerts, splitAlerts } from "./sampled.js";

/** An input series in promtool's notation. */
export interface InputSeries {
  /** `metric{label="value"}`. */
  readonly series: string;
  /** Expanding notation, one value per minute from minute 0 (`0+10x60 600+5x30 stale`). */
  readonly values: string;
}

/** What to evaluate. */
export interface TimelineRequest {
  /** Rule groups (our planner's or a peer's); recordings no kept alert reads are left out. */
  readonly groups: readonly RuleGroup[];
  /** Input series, one sample a minute from minute 0. */
  readonly series: readonly InputSeries[];
  /** Last minute evaluated (rules run from minute 0 to here). */
  readonly minutes: number;
  /** First minute reported. @default 0 */
  readonly from?: number;
  /** Minutes between rule evaluations. @default 1 */
  readonly evaluationMinutes?: number;
  /** Minutes between samples of the timeline (a multiple of `evaluationMinutes`). @default evaluationMinutes */
  readonly sampleEveryMinutes?: number;
  /**
   * Evaluate the alert conditions as queries at the sampled minutes only (recordings still run
   * every round), `for` counted in samples: much cheaper when alerts read long ranges and only
   * whether they fire matters. @default false
   */
  readonly sampledAlerts?: boolean;
  /** Keep only the alerts this accepts (and the recordings they read); all alerts when left out. */
  readonly keep?: AlertFilter;
  /** promtool time limit in milliseconds. @default 600_000 */
  readonly timeoutMs?: number;
  /** Directory of cached timelines (by a hash of the rules and the test); none when left out. */
  readonly cacheDir?: string;
}

/** An alert that is pending or firing at a minute. */
export interface ActiveAlert {
  /** Alert name. */
  readonly alertname: string;
  /** `pending` (its `for` has not elapsed yet) or `firing`. */
  readonly state: "pending" | "firing";
  /** Its labels (rule labels and the expression's labels), without `__name__`, `alertname` and `alertstate`. */
  readonly labels: Readonly<Record<string, string>>;
}

/** Alert states over a scenario. */
export interface Timeline {
  /** Sampled minutes, ascending, `evaluationMinutes` apart. */
  readonly minutes: readonly number[];
  /** The alerts active at each sampled minute (same index as `minutes`). */
  readonly active: readonly (readonly ActiveAlert[])[];
  /** Minutes between evaluations. */
  readonly evaluationMinutes: number;
  /** Alert conditions were evaluated as queries at the sampled minutes only. */
  readonly sampledAlerts?: boolean;
  /** Rules promtool evaluated each round, after pruning (without the alerts, when they were sampled). */
  readonly rules: number;
  /** Wall-clock milliseconds promtool took. */
  readonly elapsedMs: number;
  /** Read from the cache instead of running promtool. */
  readonly cached?: boolean;
}

/** Result of a promtool run. */
interface Run {
  readonly status: number | null;
  readonly output: string;
}

/** Runs promtool without blocking the event loop (several scenarios can run at once). */
function runPromtool(args: readonly string[], timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn("promtool", args, { stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stderr.on("data", (c: Buffer) => chunks.push(c));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, output: Buffer.concat(chunks).toString("utf8") }));
  });
}

/** Minutes to sample: from `from` to `minutes`, on evaluation ticks. */
function sampleMinutes(from: number, minutes: number, step: number): number[] {
  const out: number[] = [];
  for (let m = Math.ceil(from / step) * step; m <= minutes; m += step) out.push(m);
  return out;
}

/** The promtool test file: one test per expression and sampled minute, expecting nothing. */
function testFileText(
  request: TimelineRequest,
  exprs: readonly string[],
  minutes: readonly number[],
  step: number,
): string {
  const test = {
    interval: "1m",
    input_series: request.series.map((s) => ({ series: s.series, values: s.values })),
    promql_expr_test: minutes.flatMap((m) => exprs.map((expr) => ({ expr, eval_time: `${m}m`, exp_samples: [] }))),
  };
  return stringify({ rule_files: ["rules.yaml"], evaluation_interval: `${step}m`, tests: [test] }, { lineWidth: 0 });
}

/** Runs promtool on the two files and reads the series each expression returned, by minute. */
async function evaluate(
  rulesText: string,
  testText: string,
  timeoutMs: number,
): Promise<{ readonly results: ExprResults; readonly elapsedMs: number }> {
  // Not the vitest helper `tempDir`: the alerts benchmark runs this outside vitest.
  const dir = mkdtempSync(join(tmpdir(), "timeline-"));
  try {
    writeFileSync(join(dir, "rules.yaml"), rulesText);
    const testFile = join(dir, "timeline.test.yaml");
    writeFileSync(testFile, testText);
    const started = performance.now();
    const run = await runPromtool(["test", "rules", testFile], timeoutMs);
    const elapsedMs = performance.now() - started;
    const problem = (what: string): Error =>
      new Error(`promtool test rules ${testFile} ${what}:\n${run.output.slice(0, 2000)}`);
    if (run.status !== 0 && run.status !== 1) throw problem(`exited with ${String(run.status)}`);
    const results = parseExprOutput(run.output);
    if (run.status === 1 && results.size === 0) throw problem("failed without expression output");
    return { results, elapsedMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What promtool runs: the rules and the expressions queried; and how to turn its output into alerts. */
function plan(
  groups: readonly RuleGroup[],
  minutes: readonly number[],
  sampled: boolean,
): {
  readonly rules: readonly RuleGroup[];
  readonly exprs: string[];
  readonly read: (r: ExprResults) => ActiveAlert[][];
} {
  if (!sampled) {
    return {
      rules: groups,
      exprs: ["ALERTS"],
      read: (r) => minutes.map((m) => (r.get("ALERTS")?.get(m) ?? []).map(toAlert)),
    };
  }
  const { recordings, alerts } = splitAlerts(groups);
  return {
    rules: recordings,
    exprs: [...new Set(alerts.map((a) => a.expr))],
    read: (r) => sampledAlerts(alerts, r, minutes),
  };
}

/**
 * The alert states of some rules over some input series, sampled from `from` to `minutes`. With
 * `cacheDir`, a timeline already computed for the same rules and test is read back instead of
 * running promtool again.
 */
export async function alertTimeline(request: TimelineRequest): Promise<Timeline> {
  const step = request.evaluationMinutes ?? 1;
  const groups = prepareGroups(request.groups, step * 60_000, request.keep);
  const minutes = sampleMinutes(request.from ?? 0, request.minutes, request.sampleEveryMinutes ?? step);
  const sampled = request.sampledAlerts ?? false;
  const run = plan(groups, minutes, sampled);
  const rules = run.rules.reduce((n, g) => n + g.rules.length, 0);
  const base = { minutes, evaluationMinutes: step, rules, ...(sampled ? { sampledAlerts: true } : {}) };
  if (groups.length === 0) return { ...base, active: minutes.map(() => []), elapsedMs: 0 };
  const rulesText = stringify({ groups: run.rules }, { lineWidth: 0 });
  const testText = testFileText(request, run.exprs, minutes, step);
  const cacheFile = request.cacheDir
    ? join(request.cacheDir, `${createHash("sha256").update(rulesText).update(testText).digest("hex")}.json`)
    : undefined;
  if (cacheFile && existsSync(cacheFile))
    return { ...(JSON.parse(readFileSync(cacheFile, "utf8")) as Timeline), cached: true };
  const { results, elapsedMs } = await evaluate(rulesText, testText, request.timeoutMs ?? 600_000);
  const timeline: Timeline = { ...base, active: run.read(results), elapsedMs };
  if (cacheFile) {
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(cacheFile, JSON.stringify(timeline));
  }
  return timeline;
}

/**
 * Parses promtool's failures of `ALERTS` tests into the alerts active at each minute.
 * @throws Error on a rule evaluation error or an unexpected line, so nothing is silently dropped.
 */
export function parseAlertsOutput(output: string): Map<number, ActiveAlert[]> {
  const byMinute = parseExprOutput(output).get("ALERTS") ?? new Map<number, Labels[]>();
  return new Map([...byMinute].map(([minute, series]) => [minute, series.map(toAlert)]));
}

function toAlert(labels: Labels): ActiveAlert {
  const { __name__: _name, alertname, alertstate, ...rest } = labels;
  if (alertname === undefined || (alertstate !== "firing" && alertstate !== "pending"))
    throw new Error(`not an ALERTS series: ${JSON.stringify(labels)}`);
  return { alertname, state: alertstate, labels: rest };
}
