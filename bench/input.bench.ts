/**
 * `npm run bench:input`: how loading scales with one large mapping in a spec, valid and with one
 * problem (a duplicate key, a bad key, a bad value), which takes the position-keeping parse.
 * Prints the median of `RUNS` runs per case; one problem should cost about what a valid file costs.
 */

import Table from "cli-table3";
import { loadSpecs } from "../components/spec/load.js";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const ROOT = resolve(__dirname, "..");
const SIZES = [1_000, 5_000, 20_000, 30_000];
const RUNS = 3;

/** The checkout example with `entries` environment variables, one of them changed by `damage`. */
function specWith(entries: number, damage: (lines: string[]) => void): string {
  const lines = Array.from({ length: entries }, (_, i) => `      VAR_${i}: "value ${i}"`);
  damage(lines);
  const base = readFileSync(resolve(ROOT, "services/checkout.yaml"), "utf8");
  return base.replace("      LOG_LEVEL: info", lines.join("\n"));
}

const CASES: readonly (readonly [string, (lines: string[]) => void])[] = [
  ["valid", () => undefined],
  ["one duplicate key", (lines) => void lines.push(lines[0] ?? "")],
  ["one bad key", (lines) => void (lines[lines.length >> 1] = `      bad key: "x"`)],
  ["one bad value", (lines) => void (lines[lines.length >> 1] = `      BAD_VALUE: [1]`)],
];

function medianMs(text: string): { ms: number; problems: number } {
  const times: number[] = [];
  let problems = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    problems = loadSpecs([{ file: "bench.yaml", text }]).diagnostics.length;
    times.push(performance.now() - started);
  }
  return { ms: times.sort((a, b) => a - b)[RUNS >> 1] ?? 0, problems };
}

const table = new Table({
  head: ["env entries", ...CASES.map(([name]) => `${name} (ms)`)],
  style: { head: [], border: [] },
});
for (const size of SIZES) {
  table.push([String(size), ...CASES.map(([, damage]) => medianMs(specWith(size, damage)).ms.toFixed(0))]);
}
console.log(`Loading one spec with a large env mapping, median of ${RUNS} runs\n${table.toString()}`);
