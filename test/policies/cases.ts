import { expect, it } from "vitest";
import type { Plan } from "../../components/core/plan/types.js";
import type { Rule } from "../../components/core/policy/types.js";
import { cachedBaseline, offline, sdkProxy, setProp, throughPack } from "./support.js";

/**
 * AWSGuard-style cases: the example prod plan passes every rule; one change makes exactly the
 * rule under test fail, offline and through the CrossGuard pack; the same field unknown in a
 * preview makes the rule say nothing rather than fail or crash.
 */
export interface RuleCase {
  /** What the change does, for the test name. */
  readonly name: string;
  /** The rule under test. */
  readonly rule: Rule;
  /** The one change. */
  readonly change: (plan: Plan) => void;
  /** Resource key the violation names ("" for service-level findings). */
  readonly resource: string;
  /** Expected enforcement (checkout is critical in prod: mandatory). */
  readonly level: "mandatory" | "advisory";
  /** Whether the pack can see it (false for rules that need spec facts or the analysis). */
  readonly inPack: boolean;
  /** Resource key and prop path that, unknown during a preview, leave the rule unable to judge. */
  readonly unknownAt?: readonly [string, string];
  /** Fragment the message must contain. */
  readonly says: string;
}

/** Asserts the baseline passes the rule, offline and in the pack. */
export async function expectBaselineClean(rule: Rule): Promise<void> {
  const { plan, facts } = cachedBaseline();
  expect(offline(plan, facts, rule)).toEqual([]);
  expect(await throughPack(plan, rule)).toEqual([]);
}

/** Asserts the change makes the rule fail offline, naming resource, level and a "must ... because" message. */
export function expectOffline(c: RuleCase): void {
  const { plan, facts } = cachedBaseline();
  c.change(plan);
  const found = offline(plan, facts, c.rule);
  expect(found.length).toBeGreaterThan(0);
  for (const v of found) {
    expect(v.policy).toBe(c.rule.name);
    expect(v.level).toBe(c.level);
    expect(v.message).toMatch(/ must .+ because /);
  }
  expect(found.map((v) => v.resource)).toContain(c.resource);
  expect(found.map((v) => v.message).join("\n")).toContain(c.says);
}

/** Asserts the pack reports the change when its policy has the finding's level (a mandatory policy leaves advisory findings to the offline check). */
export async function expectPack(c: RuleCase): Promise<void> {
  const { plan } = cachedBaseline();
  c.change(plan);
  const found = await throughPack(plan, c.rule);
  if (!c.inPack) {
    expect(found).toEqual([]);
    return;
  }
  expect(found.length).toBeGreaterThan(0);
  expect(new Set(found.map((v) => v.level))).toEqual(new Set([c.level]));
  expect(new Set(found.map((v) => v.policy))).toEqual(new Set([c.rule.name]));
  expect(found.map((v) => v.message).join("\n")).toContain(c.says);
}

/** Asserts that with the changed field unknown (preview), the rule neither throws nor reports. */
export async function expectUnknownTolerated(c: RuleCase): Promise<void> {
  if (!c.unknownAt) return;
  const { plan } = cachedBaseline();
  c.change(plan);
  setProp(plan, c.unknownAt[0], c.unknownAt[1], sdkProxy.unknownStringValue);
  expect(await throughPack(plan, c.rule)).toEqual([]);
}

/** The tests of a table of cases: each reported offline, through the pack, and not judged when its field is unknown. */
export function itReportsEachCase(cases: readonly RuleCase[]): void {
  const named = cases.map((k) => [k.name, k] as const);
  it.each(named)("%s is reported offline with rule, resource and level", (_name, k) => expectOffline(k));
  it.each(named)("%s is reported by the pack exactly when the pack can see it", async (_name, k) => expectPack(k));
  it.each(named.filter(([, k]) => k.unknownAt))(
    "%s with the field unknown in a preview is not judged and does not crash",
    async (_name, k) => expectUnknownTolerated(k),
  );
}
