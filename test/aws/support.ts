/**
 * Harness for the AWS tests: example stack files edited as text (so diagnostics carry real
 * file:line:col), and one planted defect in an otherwise valid plan, judged offline and in the pack.
 */

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import type { Plan } from "../../components/core/plan/types.js";
import { formatDiagnostic, SpecError } from "../../components/core/spec/errors.js";
import { type StackConfig } from "../../components/core/stack/config.js";
import { loadStackConfig } from "../../components/spec/stack.js";
import type { Rule } from "../../components/core/policy/types.js";
import { cachedBaseline, offline, throughPack } from "../policies/support.js";
import { ROOT } from "../support/project.js";

/** Loads `stacks/Pulumi.<stack>.yaml` after an edit of its text; the diagnostics (`file:line:col path: message`), none when it loads. */
export function stackDiagnostics(stack: string, edit: (yaml: string) => string): string[] {
  const before = readFileSync(join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8");
  const after = edit(before);
  if (after === before) throw new Error("the edit changed nothing");
  const dir = mkdtempSync(join(tmpdir(), "reliability-stack-"));
  try {
    mkdirSync(join(dir, "stacks"));
    writeFileSync(join(dir, "stacks", `Pulumi.${stack}.yaml`), after);
    loadStackConfig("stacks", stack, dir);
    return [];
  } catch (error) {
    if (error instanceof SpecError) return error.diagnostics.map(formatDiagnostic);
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An example stack with a change to its validated config (for plans the example files do not cover). */
export function stackWith(
  stack: StackConfig,
  change: (config: { -readonly [K in keyof StackConfig]: StackConfig[K] }) => void,
): StackConfig {
  const copy = structuredClone(stack) as { -readonly [K in keyof StackConfig]: StackConfig[K] };
  change(copy);
  return copy;
}

/** One defect planted in an example plan and what the rule must say about it. */
export interface PlantedDefect {
  /** What the change does, for the test name. */
  readonly name: string;
  /** Stack whose example plan is the baseline. */
  readonly stack: "dev" | "staging" | "prod";
  /** The rule that must catch it. */
  readonly rule: Rule;
  /** The one change. */
  readonly change: (plan: Plan) => void;
  /** Key of the resource the violation names. */
  readonly resource: string;
  /** Fragment the message must contain. */
  readonly says: string;
  /** Whether the pack sees it too (false when it depends on a reference the preview does not know). */
  readonly inPack?: boolean;
}

/** Asserts the defect is reported offline as a mandatory violation of the rule naming the resource, and by the pack's mandatory policy. */
export async function expectCaught(d: PlantedDefect): Promise<void> {
  const { plan, facts } = cachedBaseline(d.stack);
  d.change(plan);
  const found = offline(plan, facts, d.rule);
  expect(found.map((v) => v.message).join("\n")).toContain(d.says);
  expect(found.map((v) => v.resource)).toContain(d.resource);
  for (const v of found) expect([v.policy, v.level]).toEqual([d.rule.name, "mandatory"]);
  for (const v of found) expect(v.message).toMatch(/ must .+ because /);
  if (d.inPack === false) return;
  const packed = await throughPack(plan, d.rule);
  expect(new Set(packed.map((v) => v.policy))).toEqual(new Set([d.rule.name]));
  expect(packed.map((v) => v.message).join("\n")).toContain(d.says);
}
