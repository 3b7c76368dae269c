/**
 * `npm run bench:alerts`: runs the scenario catalogue through Prometheus 2.42's rule engine
 * (`promtool test rules`) for checkout's availability SLO with our rules, Sloth's and Pyrra's, and
 * for every example service's SLOs with ours; prints markdown tables of what fired when, and the
 * rule-evaluation work per minute of each rule set. `-- --scenarios a,b` runs some scenarios only;
 * `-- --checkout-only` skips the per-service table; `-- --no-cache` recomputes cached timelines
 * (kept in out/alerts-bench-cache by a hash of the rules and the scenario).
 */

import { availableParallelism, cpus } from "node:os";
import { join } from "node:path";
import type { Slo } from "../components/domains/alerts/slo.js";
import type { RuleGroup } from "../components/domains/alerts/types.js";
import { formatDuration } from "../components/core/units.js";
import { pyrraRuleGroups } from "../test/alerts/peers/pyrra.js";
import { slothRuleGroups } from "../test/alerts/peers/sloth.js";
import { promDuration } from "../test/alerts/peers/format.js";
import {
  DENSE_HISTORY,
  HISTORY_DAYS,
  SPARSE_EVERY,
  sloScenarioCatalogue,
  type Scenario,
} from "../test/alerts/support/catalogue.js";
import {
  exampleSlos,
  limited,
  outcomeText,
  runScenario,
  type ScenarioOutcome,
  type ServiceSlo,
} from "../test/alerts/support/compare.js";
import { ruleSetWork } from "../test/alerts/support/work.js";
import { ROOT } from "../test/support/project.js";

const STACK = "prod";

/** A rule set to compare. */
interface RuleSet {
  readonly name: string;
  readonly groups: readonly RuleGroup[];
}

function markdownTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

const scenarioLabel = (s: Scenario): string => `${s.id}. ${s.title}`;

/** Where timelines are cached between runs (peers' rules rarely change); `--no-cache` runs everything again. */
const CACHE_DIR = join(ROOT, "out", "alerts-bench-cache");

/** How runs are made. */
interface RunOptions {
  /** promtool runs at a time. */
  readonly parallel: number;
  /** Timeline cache, when used. */
  readonly cacheDir: string | undefined;
  /** The scenarios to run for an SLO and its window. */
  readonly pick: (slo: Slo, windowMs: number) => Scenario[];
}

async function runAll(sets: readonly RuleSet[], s: ServiceSlo, options: RunOptions): Promise<ScenarioOutcome[][]> {
  const { slo } = s;
  const scenarios = options.pick(slo, s.service.objectives.windowMs);
  const jobs = scenarios.flatMap((s) => sets.map((set) => () => runScenario(set.groups, slo, s, options.cacheDir)));
  const flat = await limited(jobs, options.parallel);
  return scenarios.map((_, i) => flat.slice(i * sets.length, (i + 1) * sets.length));
}

function comparisonTable(
  sets: readonly RuleSet[],
  scenarios: readonly Scenario[],
  outcomes: readonly ScenarioOutcome[][],
): string {
  return markdownTable(
    ["scenario", ...sets.map((s) => s.name)],
    scenarios.map((s, i) => [scenarioLabel(s), ...(outcomes[i] ?? []).map(outcomeText)]),
  );
}

function workTable(sets: readonly RuleSet[]): string {
  const rows = sets.map((set) => {
    const w = ruleSetWork(set.groups);
    const groups = w.groups.map((g) => `${g.name} ${g.rules}@${formatDuration(g.intervalMinutes * 60_000)}`).join("; ");
    const round = (n: number): string => String(Math.round(n * 10) / 10);
    return [
      set.name,
      `${w.recordings} + ${w.alerts}`,
      round(w.rulesPerMinute),
      round(w.rawSamplesPerMinute),
      round(w.recordedSamplesPerMinute),
      groups,
    ];
  });
  return markdownTable(
    [
      "rule set",
      "recordings + alerts",
      "rules evaluated / min",
      "raw samples read / min / series",
      "recorded samples read / min",
      "groups (rules@interval)",
    ],
    rows,
  );
}

function timing(outcomes: readonly ScenarioOutcome[][], sets: readonly RuleSet[]): string {
  const cell = (o: ScenarioOutcome): string =>
    o.timeline
      ? `${(o.timeline.elapsedMs / 1000).toFixed(1)} s${o.timeline.cached ? " (cached)" : ""}, ${o.timeline.rules} rules, ${o.scenario.minutes / o.timeline.evaluationMinutes} rounds`
      : "–";
  const rows = outcomes.map((row) => [row[0]?.scenario.id ?? "", ...row.map(cell)]);
  return markdownTable(["scenario", ...sets.map((s) => `${s.name} promtool time`)], rows);
}

function parseArgs(argv: readonly string[]): {
  readonly scenarios?: readonly string[];
  readonly checkoutOnly: boolean;
  readonly noCache: boolean;
} {
  const i = argv.indexOf("--scenarios");
  const list = i >= 0 ? argv[i + 1]?.split(",") : undefined;
  return {
    ...(list ? { scenarios: list } : {}),
    checkoutOnly: argv.includes("--checkout-only"),
    noCache: argv.includes("--no-cache"),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const parallel = availableParallelism();
  const options: RunOptions = {
    parallel,
    cacheDir: args.noCache ? undefined : CACHE_DIR,
    pick: (slo, windowMs) =>
      sloScenarioCatalogue(slo, windowMs).filter((s) => !args.scenarios || args.scenarios.includes(s.id)),
  };
  const started = performance.now();
  const slos = exampleSlos(STACK);
  const checkout = slos.find((s) => s.service.name === "checkout" && s.slo.kind === "availability");
  if (!checkout) throw new Error("the example services have no checkout availability SLO");
  const peer = { service: checkout.service.name, slo: checkout.slo, windowMs: checkout.service.objectives.windowMs };
  const sets: RuleSet[] = [
    { name: "ours", groups: checkout.ours },
    { name: "Sloth", groups: slothRuleGroups(peer, { exhaustedPlugin: true }) },
    { name: "Pyrra", groups: pyrraRuleGroups(peer) },
  ];
  const scenarios = options.pick(checkout.slo, checkout.service.objectives.windowMs);
  const outcomes = await runAll(sets, checkout, options);
  const out = [
    `## SLO alerts under Prometheus 2.42's rule engine (promtool test rules), ${STACK} stack`,
    `${cpus()[0]?.model ?? "unknown CPU"}, ${parallel} promtool runs at a time, Node ${process.version}. Every scenario except h2 starts after ${HISTORY_DAYS} days of clean traffic ` +
      `(the last ${formatDuration(DENSE_HISTORY * 60_000)} sampled every minute, older every ${SPARSE_EVERY}m); times are from the errors' start (resets: from their end). ` +
      "A page is a firing alert with severity=critical, a ticket one with severity=warning.",
    "",
    `### checkout availability (${checkout.slo.percent}% over ${promDuration(checkout.service.objectives.windowMs)}): ours vs Sloth (+ contrib ErrorBudgetExhausted) vs Pyrra`,
    comparisonTable(sets, scenarios, outcomes),
    "",
    "### Rule-evaluation work per SLO (groups without `interval` at Prometheus's default 1m; the prometheus-operator's default 30s doubles them)",
    workTable(sets),
  ];
  if (!args.checkoutOnly) out.push("", ...(await perServiceTable(slos, checkout, outcomes, options)));
  out.push(
    "",
    "### promtool time per run (checkout availability)",
    timing(outcomes, sets),
    "",
    `Total ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
  console.log(out.join("\n"));
}

/** Our rules for every example SLO, scenario by scenario (checkout availability reused from the comparison). */
async function perServiceTable(
  slos: readonly ServiceSlo[],
  checkout: ServiceSlo,
  known: readonly ScenarioOutcome[][],
  options: RunOptions,
): Promise<string[]> {
  const others = slos.filter((s) => s !== checkout);
  const results = await limited(
    others.map((s) => () => runAll([{ name: "ours", groups: s.ours }], s, options)),
    1,
  );
  const columns = [checkout, ...others];
  const byColumn = [known.map((row) => row[0]), ...results.map((r) => r.map((row) => row[0]))];
  const scenarios = options.pick(checkout.slo, checkout.service.objectives.windowMs);
  const rows = scenarios.map((s, i) => [scenarioLabel(s), ...byColumn.map((c) => (c[i] ? outcomeText(c[i]) : ""))]);
  const head = [
    "scenario",
    ...columns.map(
      (c) => `${c.service.name} ${c.slo.kind} ${c.slo.percent}%/${promDuration(c.service.objectives.windowMs)}`,
    ),
  ];
  return [
    "### Our rules for every example SLO (c, h and h2 scale their error ratios with each SLO's budget; titles show checkout's)",
    markdownTable(head, rows),
  ];
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
