/**
 * The alert scenario suite, run by Prometheus 2.42's own rule engine (`promtool test rules`) on
 * synthetic traffic at 1-minute resolution after 3 days of clean history (see the catalogue):
 * checkout's availability SLO must do at least as well as the better of Sloth and Pyrra on every
 * scenario, and every example SLO must keep the properties the catalogue states.
 */

import { beforeAll, describe, expect, it } from "vitest";
import type { Slo } from "../../components/domains/alerts/slo.js";
import type { RuleGroup } from "../../components/domains/alerts/types.js";
import { ALERT_NAMES, SEVERITY } from "../../components/core/conventions.js";
import { TIER_DEFAULTS } from "../../components/core/defaults.js";
import { parseDuration } from "../../components/core/units.js";
import { pyrraRuleGroups } from "./peers/pyrra.js";
import { slothRuleGroups } from "./peers/sloth.js";
import { sloScenarioCatalogue, type Scenario } from "./support/catalogue.js";
import { exampleSlos, limited, runScenario, type ScenarioOutcome } from "./support/compare.js";

const STACK = "prod";

/** Minutes measured, where "never" is worse than any minute. */
const orNever = (m: number | undefined): number => m ?? Number.POSITIVE_INFINITY;

/** Runs every scenario through each rule set, two promtool runs at a time. */
async function runAll(
  sets: readonly (readonly RuleGroup[])[],
  slo: Slo,
  scenarios: readonly Scenario[],
): Promise<Map<string, ScenarioOutcome[]>> {
  const jobs = scenarios.flatMap((s) => sets.map((groups) => () => runScenario(groups, slo, s)));
  const flat = await limited(jobs, 2);
  return new Map(scenarios.map((s, i) => [s.id, flat.slice(i * sets.length, (i + 1) * sets.length)]));
}

const all = exampleSlos(STACK);
const checkout = all.find((e) => e.service.name === "checkout" && e.slo.kind === "availability");
if (!checkout) throw new Error("the example services have no checkout availability SLO");

describe("checkout's availability alerts against Sloth's and Pyrra's on the same traffic", () => {
  const peer = { service: checkout.service.name, slo: checkout.slo, windowMs: checkout.service.objectives.windowMs };
  const scenarios = sloScenarioCatalogue(checkout.slo, checkout.service.objectives.windowMs);
  let outcomes = new Map<string, ScenarioOutcome[]>();
  const get = (id: string): { ours: ScenarioOutcome; peers: ScenarioOutcome[] } => {
    const [ours, ...peers] = outcomes.get(id) ?? [];
    if (!ours) throw new Error(`scenario ${id} did not run`);
    return { ours, peers };
  };
  const best = (peers: readonly ScenarioOutcome[], pick: (o: ScenarioOutcome) => number | undefined): number =>
    Math.min(...peers.map((o) => orNever(pick(o))));

  beforeAll(async () => {
    outcomes = await runAll(
      [checkout.ours, slothRuleGroups(peer, { exhaustedPlugin: true }), pyrraRuleGroups(peer)],
      checkout.slo,
      scenarios,
    );
  }, 1_800_000);

  it.each([
    [
      "a",
      "100% errors for 30 minutes pages, tickets and resets no later than the best peer",
      ["page", "ticket", "reset"],
    ],
    ["b", "2% errors for 3 hours pages and tickets no later than the best peer", ["page", "ticket"]],
    ["c", "4× the budget for 2 days tickets no later than the best peer", ["ticket"]],
    [
      "d",
      "10% errors 5 minutes on and 5 off pages as early and in no more episodes than the best peer",
      ["page", "episodes"],
    ],
  ] as const)("scenario %s: %s", (id, _what, measures) => {
    const { ours, peers } = get(id);
    for (const m of measures) {
      const pick = (o: ScenarioOutcome): number | undefined =>
        m === "episodes" ? (o.episodes === 0 ? undefined : o.episodes) : o[m];
      expect(pick(ours), `${id} ${m}`).toBeDefined();
      expect(orNever(pick(ours)), `${id} ${m}`).toBeLessThanOrEqual(best(peers, pick));
    }
  });

  it("scenario c: a slow burn never pages", () => {
    expect(get("c").ours.page).toBeUndefined();
  });

  it("scenario e: a quiet service failing every request pages within 5 minutes and tickets no later than the best peer", () => {
    const { ours, peers } = get("e");
    expect(orNever(ours.page)).toBeLessThanOrEqual(5);
    expect(orNever(ours.ticket)).toBeLessThanOrEqual(best(peers, (o) => o.ticket));
  });

  it("scenario f: one failed request of a quiet service neither pages nor tickets, where both peers page", () => {
    const { ours, peers } = get("f");
    expect([ours.page, ours.ticket]).toEqual([undefined, undefined]);
    expect(peers.every((p) => p.page !== undefined)).toBe(true);
  });

  it("scenario g: stale indicator series page within 5 minutes, no later than the best peer", () => {
    const { ours, peers } = get("g");
    expect(ours.firstAlert).toMatchObject({ alertname: ALERT_NAMES.absent, severity: SEVERITY.page });
    expect(orNever(ours.firstAlert?.after)).toBeLessThanOrEqual(
      Math.min(
        5,
        best(peers, (o) => o.firstAlert?.after),
      ),
    );
  });

  it.each(["h", "h2"])(
    "scenario %s: ErrorBudgetExhausted stays silent while the budget is not spent, or the history does not span the window",
    (id) => {
      expect(get(id).ours.exhausted).toBeUndefined();
    },
  );

  it("scenario i: ErrorBudgetExhausted fires once a really spent budget's history spans the window", () => {
    expectExhaustedAfterWindow(get("i").ours, checkout.service.objectives.windowMs);
  });
});

/** The budget-exhausted alert fired, within two hours after the data first spans the SLO window (hourly samples). */
function expectExhaustedAfterWindow(o: ScenarioOutcome, windowMs: number): void {
  const window = windowMs / 60_000;
  expect(o.exhausted).toBeGreaterThanOrEqual(window - 60);
  expect(o.exhausted).toBeLessThanOrEqual(window + 120);
}

describe.each(all.filter((e) => e !== checkout).map((e) => [`${e.service.name} ${e.slo.kind}`, e] as const))(
  "the %s alerts",
  (_name, example) => {
    const { service, slo } = example;
    const scenarios = sloScenarioCatalogue(slo, service.objectives.windowMs).filter((s) =>
      ["a", "c", "f", "g", "h", "h2", "i"].includes(s.id),
    );
    let outcomes = new Map<string, ScenarioOutcome[]>();
    const ours = (id: string): ScenarioOutcome => {
      const o = outcomes.get(id)?.[0];
      if (!o) throw new Error(`scenario ${id} did not run`);
      return o;
    };

    beforeAll(async () => {
      outcomes = await runAll([example.ours], slo, scenarios);
    }, 1_800_000);

    it("page and ticket on a total outage and reset within the slow page pair's short window after it", () => {
      const a = ours("a");
      expect([a.page, a.ticket]).toEqual([expect.any(Number), expect.any(Number)]);
      expect(orNever(a.reset)).toBeLessThanOrEqual(31);
    });

    it("ticket on 4× the budget for 2 days without paging", () => {
      expect([typeof ours("c").ticket, ours("c").page]).toEqual(["number", undefined]);
    });

    it("neither page nor ticket on one failed request of a quiet service", () => {
      expect([ours("f").page, ours("f").ticket]).toEqual([undefined, undefined]);
    });

    it("raise SLIMetricsAbsent at the tier's severity within its wait when the series go stale", () => {
      const missing = TIER_DEFAULTS[service.tier].missingMetrics;
      const g = ours("g");
      expect(g.firstAlert).toMatchObject({ alertname: ALERT_NAMES.absent, severity: SEVERITY[missing.severity] });
      expect(orNever(g.firstAlert?.after)).toBeLessThanOrEqual((parseDuration(missing.for) ?? 0) / 60_000 + 1);
    });

    it("keep ErrorBudgetExhausted silent on night errors worth 0.2× the budget and on history shorter than the window", () => {
      expect([ours("h").exhausted, ours("h2").exhausted]).toEqual([undefined, undefined]);
    });

    it("fire ErrorBudgetExhausted once a really spent budget's history spans the window", () => {
      expectExhaustedAfterWindow(ours("i"), service.objectives.windowMs);
    });
  },
);
