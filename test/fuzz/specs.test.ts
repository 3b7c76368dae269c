import { appendFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SpecError, type Diagnostic } from "../../components/core/spec/errors.js";
import { toPlan } from "../../components/plan/index.js";
import { loadSpecs } from "../../components/spec/load.js";
import { EXAMPLE_TEXTS, expectInside, expectReadable } from "../support/hostile.js";
import { exampleStack, STACKS } from "../support/project.js";
import { mutations } from "./mutations.js";

/** Cases per run: a bounded number in CI; `npm run fuzz` sets FUZZ_RUNS for a long run. */
const RUNS = Number(process.env["FUZZ_RUNS"] ?? 600);
/** The seed: fixed so a failure replays; FUZZ_SEED explores other inputs. */
const SEED = Number(process.env["FUZZ_SEED"] ?? 20261128);
/** Most CPU time any one case may take, in milliseconds (loading, checking and planning every stack). */
const CASE_BUDGET_MS = 3_000;

/** Messages that describe the whole file (syntax and limits) rather than one field. */
const FILE_LEVEL = /^(invalid YAML|must be a YAML mapping|file is|nests more than|holds more than)/;

function checkDiagnostics(diagnostics: readonly Diagnostic[], text: string): void {
  for (const d of diagnostics) {
    expectInside(d, text);
    expectReadable(d);
    if (!FILE_LEVEL.test(d.message)) expect(d.path, d.message).not.toBe("");
  }
}

/** Loads a mutated text without a stack and for every example stack, then plans what loaded. */
function exercise(text: string): void {
  const texts = [{ file: "services/fuzzed.yaml", text }];
  checkDiagnostics(loadSpecs(texts).diagnostics, text);
  for (const name of STACKS) {
    const stack = exampleStack(name);
    const loaded = loadSpecs(texts, stack);
    checkDiagnostics(loaded.diagnostics, text);
    if (loaded.diagnostics.length > 0) continue;
    try {
      toPlan(loaded.services, stack);
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      checkDiagnostics(error.diagnostics, text);
    }
  }
}

/** CPU time of `work` in milliseconds: unlike the wall clock, it does not grow when other processes share the cores. */
function cpuMs(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** A file to append a progress line to every {@link PROGRESS_EVERY} cases (`FUZZ_PROGRESS`), for long runs. */
const PROGRESS = process.env["FUZZ_PROGRESS"];
const PROGRESS_EVERY = 1000;
/** Cases between two yields to the event loop, so a long run does not starve the test runner's own messages. */
const YIELD_EVERY = 100;

describe("fuzzing the example specs", () => {
  it(
    `loads, checks and plans ${RUNS} mutated specs with no escaping exception, every diagnostic in the file, none over budget`,
    async () => {
      const started = performance.now();
      let [cases, slowest] = [0, 0];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...EXAMPLE_TEXTS), mutations, async (example, edits) => {
          const text = edits.reduce((t, edit) => edit(t), example.text);
          const took = cpuMs(() => exercise(text));
          slowest = Math.max(slowest, took);
          expect(took, text.slice(0, 200)).toBeLessThan(CASE_BUDGET_MS);
          cases += 1;
          if (PROGRESS && cases % PROGRESS_EVERY === 0)
            appendFileSync(PROGRESS, `${summary(cases, slowest, started)}\n`);
          if (cases % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
        }),
        { seed: SEED, numRuns: RUNS },
      );
      if (process.env["FUZZ_RUNS"]) console.log(`fuzz: ${summary(RUNS, slowest, started)}`);
    },
    Math.max(90_000, RUNS * CASE_BUDGET_MS),
  );
});

function summary(cases: number, slowest: number, started: number): string {
  const seconds = Math.round((performance.now() - started) / 1000);
  return `${cases} cases, seed ${SEED}, ${seconds} s, slowest case ${slowest.toFixed(0)} ms CPU`;
}
