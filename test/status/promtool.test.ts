/**
 * The endpoint alerts under Prometheus 2.42's own rule engine (`promtool test rules`): the planned
 * rules of a public critical service (checks every 30s, down at the first failed check from both
 * regions, up after two passing checks) over synthetic blackbox series, one sample per check.
 * Minute 0 of promtool's clock is Thursday 1970-01-01 00:00 UTC.
 */

import { describe, expect, it } from "vitest";
import { isAlertingRule, type AlertingRule } from "../../components/domains/alerts/types.js";
import type { EndpointRuleGroup } from "../../components/domains/status/alerts.js";
import { promtool, writeRulesFile } from "../alerts/support/promtool.js";
import { tempDir } from "../support/temp.js";
import { promtoolTest, publicRules } from "./support.js";

const URL = "https://orders.acme.example/ready";

type Steps = readonly (readonly [value: number, samples: number])[];

/** promtool's expanding notation for runs of equal samples (`1x9 0x5` is ten 1s, then six 0s). */
function values(steps: Steps): string {
  return steps.map(([v, n]) => `${v}x${n - 1}`).join(" ");
}

/** One blackbox series of the probe from `region`, with the labels the operator's scrape gives it. */
function series(metric: string, region: string, steps: Steps): { series: string; values: string } {
  const labels = `namespace="orders",service="orders",endpoint="public",probe_region="${region}",job="probe/orders/orders-public-from-${region}",instance="${URL}"`;
  return { series: `${metric}{${labels}}`, values: values(steps) };
}

function alert(group: EndpointRuleGroup, name: string): AlertingRule {
  const found = group.rules.filter(isAlertingRule).find((r) => r.alert === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

/** The `ALERTS` series of a firing alert, in promtool's notation. */
function firing(rule: AlertingRule, extra: Record<string, string> = {}): { labels: string; value: number } {
  const labels = {
    __name__: "ALERTS",
    alertname: rule.alert,
    alertstate: "firing",
    ...rule.labels,
    endpoint: "public",
    ...extra,
  };
  return {
    labels: `{${Object.entries(labels)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(", ")}}`,
    value: 1,
  };
}

/** Expects exactly these firing endpoint alerts at each minute (`5m30s` style). */
function expectations(at: Readonly<Record<string, readonly { labels: string; value: number }[]>>): object[] {
  return Object.entries(at).map(([time, samples]) => ({
    expr: 'ALERTS{alertstate="firing",alertname=~"Endpoint.*"}',
    eval_time: time,
    exp_samples: samples,
  }));
}

interface Scenario {
  readonly name: string;
  readonly status?: Record<string, unknown>;
  readonly input: (g: EndpointRuleGroup) => { series: string; values: string }[];
  readonly expect: (g: EndpointRuleGroup) => Readonly<Record<string, readonly { labels: string; value: number }[]>>;
}

const up = (n: number): [number, number] => [1, n];
const down = (n: number): [number, number] => [0, n];
const success = (us: Steps, eu: Steps) => [
  series("probe_success", "us-east-1", us),
  series("probe_success", "eu-west-1", eu),
];

const SCENARIOS: readonly Scenario[] = [
  {
    name: "one region failing for a whole interval opens EndpointDegraded for that region and pages nobody",
    input: () => success([up(10), down(10), up(10)], [up(30)]),
    expect: (g) => ({
      "5m": [],
      "5m30s": [firing(alert(g, "EndpointDegraded"), { probe_region: "us-east-1" })],
      "9m30s": [firing(alert(g, "EndpointDegraded"), { probe_region: "us-east-1" })],
      "10m30s": [],
    }),
  },
  {
    name: "a region that fails one check before the other opens no EndpointDegraded when the other then fails too",
    input: () => success([up(10), down(10), up(10)], [up(11), down(9), up(10)]),
    expect: (g) => ({
      "5m": [],
      "5m30s": [firing(alert(g, "EndpointDown"))],
      "6m": [firing(alert(g, "EndpointDown"))],
    }),
  },
  {
    name: "both regions failing fire EndpointDown at the first failed check, and not EndpointDegraded",
    input: () => success([up(10), down(10), up(10)], [up(10), down(10), up(10)]),
    expect: (g) => ({
      "4m30s": [],
      "5m": [firing(alert(g, "EndpointDown"))],
      "9m30s": [firing(alert(g, "EndpointDown"))],
    }),
  },
  {
    name: "recovery resolves EndpointDown at the second passing check",
    input: () => success([up(10), down(10), up(10)], [up(10), down(10), up(10)]),
    expect: (g) => ({ "10m": [firing(alert(g, "EndpointDown"))], "10m30s": [], "14m30s": [] }),
  },
  {
    name: "regions failing at different checks fire EndpointDown once both fail",
    input: () => success([up(10), down(20)], [up(14), down(16)]),
    expect: (g) => {
      const degraded = firing(alert(g, "EndpointDegraded"), { probe_region: "us-east-1" });
      return {
        "5m": [],
        "5m30s": [degraded],
        "6m30s": [degraded],
        "7m": [firing(alert(g, "EndpointDown")), degraded],
        "7m30s": [firing(alert(g, "EndpointDown"))],
      };
    },
  },
  {
    name: "a failure threshold of 3 fires at the third failed check and ignores two",
    status: { failureThreshold: 3 },
    input: () => success([up(10), down(2), up(8), down(10)], [up(10), down(2), up(8), down(10)]),
    expect: (g) => ({ "5m30s": [], "10m": [], "10m30s": [], "11m": [firing(alert(g, "EndpointDown"))] }),
  },
  {
    name: "a maintenance window silences EndpointDown while it is open (Thursday 00:10–00:20 UTC)",
    status: { timezone: "UTC", maintenance: [{ name: "patch", days: ["thu"], from: "00:10", to: "00:20" }] },
    input: () => success([up(10), down(50)], [up(10), down(50)]),
    expect: (g) => ({
      "9m30s": [firing(alert(g, "EndpointDown"))],
      "11m": [],
      "19m30s": [],
      "20m": [firing(alert(g, "EndpointDown"))],
    }),
  },
  {
    name: "a maintenance window in a time zone opens at its local time (Thursday 01:10–01:20 in Berlin in January)",
    status: { timezone: "Europe/Berlin", maintenance: [{ name: "patch", days: ["thu"], from: "01:10", to: "01:20" }] },
    input: () => success([up(10), down(50)], [up(10), down(50)]),
    expect: (g) => ({
      "9m30s": [firing(alert(g, "EndpointDown"))],
      "11m": [],
      "20m": [firing(alert(g, "EndpointDown"))],
    }),
  },
  {
    name: "a one-off maintenance window silences EndpointDown between its start and end",
    status: {
      timezone: "UTC",
      maintenance: [{ name: "migration", start: "1970-01-01T00:12", end: "1970-01-01T00:15" }],
    },
    input: () => success([up(10), down(50)], [up(10), down(50)]),
    expect: (g) => ({
      "11m30s": [firing(alert(g, "EndpointDown"))],
      "13m": [],
      "15m": [firing(alert(g, "EndpointDown"))],
    }),
  },
  {
    name: "five slow passing checks from a region open EndpointSlow for it",
    status: { latency: "300ms" },
    input: () => [
      ...success([up(30)], [up(30)]),
      series("probe_duration_seconds", "us-east-1", [
        [0.1, 10],
        [0.5, 20],
      ]),
      series("probe_duration_seconds", "eu-west-1", [[0.1, 30]]),
    ],
    expect: (g) => ({ "7m": [], "7m30s": [firing(alert(g, "EndpointSlow"), { probe_region: "us-east-1" })] }),
  },
  {
    name: "a certificate that one region sees expire within 14 days opens EndpointCertificateExpiring",
    input: () => [
      ...success([up(30)], [up(30)]),
      series("probe_ssl_earliest_cert_expiry", "us-east-1", [[20 * 86_400, 30]]),
      series("probe_ssl_earliest_cert_expiry", "eu-west-1", [[10 * 86_400, 30]]),
    ],
    expect: (g) => ({ "5m": [firing(alert(g, "EndpointCertificateExpiring"))] }),
  },
  {
    name: "a certificate expiring in 20 days opens nothing",
    input: () => [
      ...success([up(30)], [up(30)]),
      series("probe_ssl_earliest_cert_expiry", "us-east-1", [[20 * 86_400, 30]]),
      series("probe_ssl_earliest_cert_expiry", "eu-west-1", [[20 * 86_400, 30]]),
    ],
    expect: () => ({ "5m": [], "14m30s": [] }),
  },
];

describe("the endpoint alerts under promtool test rules", () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))(
    "%s",
    async (_name, scenario) => {
      const group = publicRules(scenario.status);
      const test = {
        interval: "30s",
        input_series: scenario.input(group),
        promql_expr_test: expectations(scenario.expect(group)),
      };
      const result = await promtoolTest([group], [test], "30s");
      expect(result.output).toContain("SUCCESS");
      expect(result.status).toBe(0);
    },
    60_000,
  );

  it("render the annotations with the number of failing regions and the failing region", async () => {
    const group = publicRules();
    const [downRule, degradedRule] = [alert(group, "EndpointDown"), alert(group, "EndpointDegraded")];
    const render = (rule: AlertingRule, value: string, region: string) =>
      Object.fromEntries(
        Object.entries(rule.annotations).map(([k, v]) => [
          k,
          v.replace("{{ $value }}", value).replace("{{ $labels.probe_region }}", region),
        ]),
      );
    const test = {
      interval: "30s",
      input_series: success([up(10), down(10)], [up(14), down(6)]),
      alert_rule_test: [
        {
          eval_time: "5m30s",
          alertname: "EndpointDegraded",
          exp_alerts: [
            {
              exp_labels: { ...degradedRule.labels, endpoint: "public", probe_region: "us-east-1" },
              exp_annotations: render(degradedRule, "0", "us-east-1"),
            },
          ],
        },
        {
          eval_time: "7m",
          alertname: "EndpointDown",
          exp_alerts: [
            { exp_labels: { ...downRule.labels, endpoint: "public" }, exp_annotations: render(downRule, "2", "") },
          ],
        },
      ],
    };
    const result = await promtoolTest([group], [test], "30s");
    expect(result.output).toContain("SUCCESS");
  }, 60_000);

  it.each([
    ["without maintenance windows", {}],
    [
      "with weekly and one-off windows in a time zone",
      {
        timezone: "America/New_York",
        maintenance: [
          { name: "w", days: ["sat", "sun"] },
          { name: "o", start: "2026-12-24", end: "2026-12-27" },
        ],
      },
    ],
  ])("pass promtool check rules %s", async (_name, status) => {
    const file = writeRulesFile(tempDir("status-check"), "endpoints", [publicRules(status)]);
    const result = await promtool(["check", "rules", file]);
    expect(result.output).toContain("SUCCESS");
    expect(result.status).toBe(0);
  });
});
