import { describe, expect, it } from "vitest";
import type { Slo } from "../../components/domains/alerts/slo.js";
import { isAlertingRule, type RuleGroup } from "../../components/domains/alerts/types.js";
import { pyrraRuleGroups, pyrraWindows } from "./peers/pyrra.js";
import { slothFactors, slothRuleGroups } from "./peers/sloth.js";
import { promDuration, type PeerSlo } from "./peers/format.js";
import { counterTrafficValues } from "./support/catalogue.js";
import {
  episodes,
  everFires,
  firstPage,
  firstTicket,
  isFiring,
  matchingMinutes,
  pageEpisodes,
  pageReset,
} from "./support/measures.js";
import { promtool, writeRulesFile } from "./support/promtool.js";
import { tempDir } from "../support/temp.js";
import { alertsNamed, pruneRules } from "./support/rulesets.js";
import { counters } from "./support/series.js";
import { alertTimeline, parseAlertsOutput } from "./support/timeline.js";
import { ruleSetWork } from "./support/work.js";

const DAY_MS = 86_400_000;

const alert = (
  name: string,
  expr: string,
  labels: Record<string, string>,
  forText?: string,
): RuleGroup["rules"][number] => ({
  alert: name,
  expr,
  labels,
  annotations: {},
  ...(forText ? { for: forText } : {}),
});

const availability: Slo = {
  kind: "availability",
  percent: 99.95,
  errors: 'sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{window}}]))',
  total: 'sum(rate(http_requests_total{job="checkout"}[{{window}}]))',
  path: ["spec", "indicators", "availability"],
};
const latency: Slo = {
  kind: "latency",
  percent: 99,
  good: 'sum(rate(http_request_duration_seconds_bucket{job="checkout",le="0.3"}[{{window}}]))',
  total: 'sum(rate(http_request_duration_seconds_count{job="checkout"}[{{window}}]))',
  path: ["spec", "indicators", "latency"],
};
const peers: PeerSlo[] = [
  { service: "checkout", slo: availability, windowMs: 30 * DAY_MS },
  { service: "checkout", slo: latency, windowMs: 30 * DAY_MS },
  { service: "inventory", slo: { ...availability, percent: 99.9 }, windowMs: 28 * DAY_MS },
];

describe("the alert timeline", () => {
  it("shows an alert on x > 0 over 0,0,1,1,0 firing at minutes 2 and 3, as one episode", async () => {
    const groups: RuleGroup[] = [{ name: "t", rules: [alert("X", "x > 0", { severity: "critical" })] }];
    const t = await alertTimeline({ groups, series: [{ series: 'x{a="1"}', values: "0 0 1 1 0" }], minutes: 4 });
    expect(t.minutes).toEqual([0, 1, 2, 3, 4]);
    expect(matchingMinutes(t, isFiring)).toEqual([2, 3]);
    expect(t.active[2]).toEqual([{ alertname: "X", state: "firing", labels: { a: "1", severity: "critical" } }]);
    expect(firstPage(t)).toBe(2);
    expect(pageEpisodes(t)).toBe(1);
    expect(pageReset(t, 3)).toBe(4);
    expect(everFires(t, "X")).toBe(true);
    expect(firstTicket(t)).toBeUndefined();
  });

  it("shows an alert as pending until its for has elapsed", async () => {
    const groups: RuleGroup[] = [{ name: "t", rules: [alert("Y", "x > 0", { severity: "warning" }, "2m")] }];
    const t = await alertTimeline({ groups, series: [{ series: "x", values: "0 1 1 1 1 0" }], minutes: 5 });
    expect(t.active.map((a) => a.map((x) => x.state).join())).toEqual([
      "",
      "pending",
      "pending",
      "firing",
      "firing",
      "",
    ]);
    expect(firstTicket(t)).toBe(3);
  });

  it("counts separate episodes of a flapping alert and samples only from the first minute asked", async () => {
    const groups: RuleGroup[] = [{ name: "t", rules: [alert("Z", "x > 0", { severity: "critical" })] }];
    const t = await alertTimeline({
      groups,
      series: [{ series: "x", values: "1 0 1 0 1 1 0 1" }],
      minutes: 7,
      from: 2,
    });
    expect(t.minutes).toEqual([2, 3, 4, 5, 6, 7]);
    expect(episodes(t, isFiring)).toBe(3);
  });

  it("evaluates a group with a slower interval on its own ticks only, as Prometheus does", async () => {
    const groups: RuleGroup[] = [
      {
        name: "slow",
        interval: "5m",
        rules: [{ record: "r", expr: "vector(1)", labels: {} }, alert("Slow", "x > 0", { severity: "critical" })],
      },
      { name: "fast", rules: [alert("FewSamples", "count_over_time(r[30m]) < 10", { severity: "warning" })] },
    ];
    const t = await alertTimeline({
      groups,
      series: [{ series: "x", values: "0 0 0 0 0 0 1 1 1 1 1 1 0 0 0 0 0" }],
      minutes: 30,
    });
    expect(matchingMinutes(t, (a) => a.alertname === "Slow")).toEqual([10, 11, 12, 13, 14]);
    expect(firstTicket(t, 30)).toBe(30);
  });

  it("queries sampled alerts only at the sampled minutes, over recordings written every round, counting for in samples", async () => {
    const groups: RuleGroup[] = [
      {
        name: "t",
        rules: [
          { record: "y", expr: "x * 2", labels: { k: "v" } },
          alert("Sampled", "y > 0", { severity: "warning" }, "2m"),
        ],
      },
    ];
    const t = await alertTimeline({
      groups,
      series: [{ series: "x", values: "0 1 1 1 1 1 0 0" }],
      minutes: 7,
      sampleEveryMinutes: 2,
      sampledAlerts: true,
    });
    expect(t.minutes).toEqual([0, 2, 4, 6]);
    expect(t.rules).toBe(1);
    expect(t.active.map((a) => a.map((x) => `${x.state} ${JSON.stringify(x.labels)}`).join())).toEqual([
      "",
      'pending {"k":"v","severity":"warning"}',
      'firing {"k":"v","severity":"warning"}',
      "",
    ]);
  });

  it("reads the minute and every label of promtool's failure output, quotes and commas included", () => {
    const output = [
      "Unit Testing:  t.yaml",
      "  FAILED:",
      '    expr: "ALERTS", time: 2d1h3m,',
      "        exp: nil",
      '        got: {__name__="ALERTS", a="q\\"u,o}te", alertname="X", alertstate="firing"} 1E+00, {__name__="ALERTS", alertname="Y", alertstate="pending", b="\\\\"} 1E+00',
    ].join("\n");
    expect(parseAlertsOutput(output)).toEqual(
      new Map([
        [
          2 * 1440 + 63,
          [
            { alertname: "X", state: "firing", labels: { a: 'q"u,o}te' } },
            { alertname: "Y", state: "pending", labels: { b: "\\" } },
          ],
        ],
      ]),
    );
  });

  it("throws on a rule evaluation error instead of dropping it", () => {
    expect(() => parseAlertsOutput("    rule: r, time: 1m, err: found duplicate series")).toThrow(
      /rule evaluation error/,
    );
  });
});

describe("the rule preparation and work analysis", () => {
  it("leaves out the recordings no kept alert reads, directly or through another recording", () => {
    const groups: RuleGroup[] = [
      {
        name: "g",
        rules: [
          { record: "a", expr: "rate(x[5m])", labels: {} },
          { record: "b", expr: "a * 2", labels: {} },
          { record: "unused", expr: "rate(y[1h])", labels: {} },
          alert("B", "b > 1", {}),
          alert("Other", "z > 1", {}),
        ],
      },
    ];
    expect(pruneRules(groups, alertsNamed(["B"]))[0]?.rules.map((r) => ("record" in r ? r.record : r.alert))).toEqual([
      "a",
      "b",
      "B",
    ]);
  });

  it("counts raw and recorded samples read per minute, with slower groups weighted by their interval", () => {
    const groups: RuleGroup[] = [
      {
        name: "fast",
        interval: "30s",
        rules: [{ record: "r5m", expr: "sum(rate(x[5m])) / sum(rate(y[5m]))", labels: {} }],
      },
      {
        name: "slow",
        interval: "5m",
        rules: [
          { record: "e", expr: "rate(x[5m])", labels: {} },
          alert("Spent", "sum_over_time(e[30d]) / sum_over_time(r5m[1h]) > 1", {}),
        ],
      },
    ];
    const work = ruleSetWork(groups);
    expect(work.groups.map((g) => [g.rawSamplesPerRound, g.recordedSamplesPerRound])).toEqual([
      [10, 0],
      [5, 8640 + 120],
    ]);
    expect(work.rulesPerMinute).toBeCloseTo(2 + 2 / 5);
    expect(work.rawSamplesPerMinute).toBeCloseTo(20 + 1);
  });

  it("synthesises counters that never decrease across phases with fractional traffic", () => {
    const [bad, rest] = counters(availability);
    const phases = [
      { minutes: 3, ratio: 0, perMinute: 600 },
      { minutes: 2, ratio: 0.0011, perMinute: 0.66 },
      { minutes: 1, ratio: 1, perMinute: 1 },
    ];
    expect(bad && counterTrafficValues(bad, phases, true)).toBe(
      `0 0+0x2 ${0.0011 * 0.66}+${0.0011 * 0.66}x1 ${0.0011 * 0.66 * 2 + 1} stale`,
    );
    expect(rest && counterTrafficValues(rest, phases, false).startsWith("0 600+600x2 ")).toBe(true);
  });

  it("samples a sparse phase every few minutes and at its end, counting every minute's requests", () => {
    const [, rest] = counters(availability);
    const phases = [
      { minutes: 7, ratio: 0, perMinute: 10, sampleEvery: 3 },
      { minutes: 2, ratio: 0, perMinute: 10 },
    ];
    expect(rest && counterTrafficValues(rest, phases, false)).toBe("0 _x2 30 _x2 60 70 80+10x1");
  });
});

describe.each(peers.map((p) => [`${p.service} ${p.slo.kind} (${promDuration(p.windowMs)})`, p] as const))(
  "the peer rules for %s",
  (_name, p) => {
    it.each([
      ["Sloth", () => slothRuleGroups(p, { exhaustedPlugin: true })],
      ["Pyrra", () => pyrraRuleGroups(p)],
    ] as const)("from %s pass promtool check rules", async (_peer, generate) => {
      const file = writeRulesFile(tempDir("peer-rules"), "peer", generate());
      const result = await promtool(["check", "rules", file]);
      expect(result.output).toContain("SUCCESS");
      expect(result.status).toBe(0);
    });
  },
);

describe("the peer generators", () => {
  it("give Sloth's burn factors: 14.4, 6, 3, 1 for 30 days and 13.44, 5.6, 2.8, 0.93 for 28", () => {
    expect(slothFactors(30 * DAY_MS)).toEqual([14.4, 6, 3, 1]);
    expect(slothFactors(28 * DAY_MS).map((f) => Number(f.toFixed(2)))).toEqual([13.44, 5.6, 2.8, 0.93]);
  });

  it("give Sloth's 7 SLI windows plus the period, 7 metadata recordings and 2 alerts without for", () => {
    const [sli, meta, alerts] = slothRuleGroups(peers[0] as PeerSlo);
    expect(sli?.rules.map((r) => ("record" in r ? r.labels.sloth_window : ""))).toEqual([
      "5m",
      "30m",
      "1h",
      "2h",
      "6h",
      "1d",
      "3d",
      "30d",
    ]);
    expect(meta?.rules).toHaveLength(7);
    expect(alerts?.rules.filter(isAlertingRule).map((r) => [r.labels.sloth_severity, r.for])).toEqual([
      ["page", undefined],
      ["ticket", undefined],
    ]);
  });

  it("print Sloth's thresholds as its golden example does for 99.9%", () => {
    const groups = slothRuleGroups({
      service: "myservice",
      slo: { ...availability, percent: 99.9 },
      windowMs: 30 * DAY_MS,
    });
    const page = groups[2]?.rules[0];
    expect(page?.expr).toContain(
      'max(slo:sli_error:ratio_rate5m{sloth_id="myservice-availability", sloth_service="myservice", sloth_slo="availability"} > (14.4 * 0.0009999999999999432)) without (sloth_window)',
    );
    expect(groups[1]?.rules[0]?.expr).toBe("vector(0.9990000000000001)");
  });

  it("give Pyrra's windows: upstream's for 28 days, scaled for 30", () => {
    const text = (windowMs: number): string[] =>
      pyrraWindows(windowMs).map(
        (w) =>
          `${promDuration(w.longMs)}/${promDuration(w.shortMs)} ×${w.factor} for ${promDuration(w.forMs)} ${w.severity}`,
      );
    expect(text(28 * DAY_MS)).toEqual([
      "1h/5m ×14 for 2m critical",
      "6h/30m ×7 for 15m critical",
      "1d/2h ×2 for 1h warning",
      "4d/6h ×1 for 3h warning",
    ]);
    expect(text(30 * DAY_MS)).toEqual([
      "1h4m/5m ×14 for 2m critical",
      "6h26m/32m ×7 for 16m critical",
      "1d1h43m/2h9m ×2 for 1h4m warning",
      "4d6h51m/6h26m ×1 for 3h13m warning",
    ]);
  });

  it("print Pyrra's rules as its golden http-ratio test does", () => {
    const slo: Slo = {
      kind: "availability",
      percent: 99,
      errors: 'sum(rate(http_requests_total{job="thanos-receive-default",code=~"5.."}[{{window}}]))',
      total: 'sum(rate(http_requests_total{job="thanos-receive-default"}[{{window}}]))',
      path: [],
    };
    const [increase, burn] = pyrraRuleGroups({ service: "monitoring-http", slo, windowMs: 28 * DAY_MS });
    expect(increase?.interval).toBe("2m30s");
    expect(increase?.rules.map((r) => [r.expr, r.labels, "for" in r ? r.for : undefined])).toEqual([
      [
        'sum by (code) (increase(http_requests_total{job="thanos-receive-default"}[4w]))',
        { job: "thanos-receive-default", slo: "monitoring-http-availability" },
        undefined,
      ],
      [
        'absent(http_requests_total{job="thanos-receive-default"}) == 1',
        { job: "thanos-receive-default", slo: "monitoring-http-availability", severity: "critical" },
        "10m",
      ],
    ]);
    expect(burn?.rules[0]?.expr).toBe(
      'sum(rate(http_requests_total{code=~"5..",job="thanos-receive-default"}[5m])) / sum(rate(http_requests_total{job="thanos-receive-default"}[5m]))',
    );
    const fastest = burn?.rules.find(isAlertingRule);
    expect(fastest?.expr).toBe(
      'http_requests:burnrate5m{job="thanos-receive-default",slo="monitoring-http-availability"} > (14 * (1-0.99)) and http_requests:burnrate1h{job="thanos-receive-default",slo="monitoring-http-availability"} > (14 * (1-0.99))',
    );
    expect([fastest?.for, fastest?.labels.exhaustion]).toEqual(["2m0s", "2d"]);
  });
});
