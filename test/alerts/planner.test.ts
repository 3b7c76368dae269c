import { promqlProblems } from "../../components/domains/alerts/promql.js";
import { describe, expect, it } from "vitest";
import { ALERTMANAGER_CONFIG_TYPE, PROMETHEUS_RULE_TYPE } from "../../components/domains/alerts/plan.js";
import type { AlertingRule, RecordingRule, RuleGroup } from "../../components/domains/alerts/types.js";
import { ALERT_NAMES } from "../../components/core/conventions.js";
import type { Plan, PlannedResource } from "../../components/core/plan/types.js";
import { baseSpec, exampleStack, loadObject, planExamples, planObject, setPath, STACKS } from "../support/project.js";

const groupsOf = (r: PlannedResource): RuleGroup[] => (r.props.spec as unknown as { groups: RuleGroup[] }).groups;
const rulesOf = (plan: Plan, service: string, region = "us-east-1") =>
  plan.services
    .filter((s) => s.service === service)
    .flatMap((s) => s.resources.filter((r) => r.type === PROMETHEUS_RULE_TYPE && r.region === region))
    .flatMap(groupsOf)
    .flatMap((g) => g.rules);
const alerts = (rules: readonly (AlertingRule | RecordingRule)[]) =>
  rules.filter((r): r is AlertingRule => "alert" in r);

/** A standard-tier spec with SLOs and routing, planned for prod (whose stack knows the catalog receivers). */
function sloSpec(): Record<string, unknown> {
  const spec = baseSpec();
  setPath(spec, "spec.indicators", {
    availability: {
      errors: 'sum(rate(req_total{code=~"5.."}[{{window}}]))',
      total: "sum(rate(req_total[{{window}}]))",
    },
  });
  setPath(spec, "spec.alerting", {
    page: { receiver: "pager-catalog" },
    ticket: { receiver: "chat-catalog" },
    runbook: "https://runbooks.example/orders",
  });
  return spec;
}

describe.each(STACKS)("alerting planned for the example services in %s", (stack) => {
  const { plan } = planExamples(stack);
  const config = exampleStack(stack);

  it("gives every PrometheusRule the stack's rule selector and every AlertmanagerConfig its config selector, in the service namespace", () => {
    for (const s of plan.services) {
      for (const r of s.resources.filter(
        (x) => x.type === PROMETHEUS_RULE_TYPE || x.type === ALERTMANAGER_CONFIG_TYPE,
      )) {
        const meta = r.props.metadata as { namespace: string; labels: Record<string, string> };
        const selector =
          r.type === PROMETHEUS_RULE_TYPE
            ? config.prometheus.ruleSelector
            : (config.prometheus.alertmanagerConfigSelector ?? {});
        expect(meta.namespace).toBe(s.namespace);
        expect(meta.labels).toMatchObject(selector);
      }
    }
  });

  it("labels every alert with the namespace the operator routes on", () => {
    for (const s of plan.services)
      for (const region of s.regions)
        for (const a of alerts(rulesOf(plan, s.service, region))) expect(a.labels.namespace).toBe(s.namespace);
  });

  it("records each error ratio once per service and SLO, in 13 rules per SLO (Sloth: 17)", () => {
    for (const s of plan.services) {
      const records = rulesOf(plan, s.service)
        .filter((r): r is RecordingRule => "record" in r)
        .map((r) => `${r.record}|${r.labels.slo}`);
      expect(new Set(records).size).toBe(records.length);
      for (const count of Object.values(s.analysis.alerts?.rulesPerSlo ?? {})) expect(count).toBe(13);
    }
  });

  it("routes only to receivers defined in the same AlertmanagerConfig", () => {
    for (const s of plan.services) {
      for (const r of s.resources.filter((x) => x.type === ALERTMANAGER_CONFIG_TYPE)) {
        const spec = r.props.spec as unknown as {
          route: { receiver: string; routes?: { receiver: string }[] };
          receivers: { name: string }[];
        };
        const defined = spec.receivers.map((x) => x.name);
        for (const used of [spec.route.receiver, ...(spec.route.routes ?? []).map((x) => x.receiver)])
          expect(defined).toContain(used);
      }
    }
  });
});

describe("the alert planner", () => {
  const prod = exampleStack("prod");

  it("derives the burn-rate thresholds from a 28-day window", () => {
    const plan = planObject(setPath(sloSpec(), "spec.objectives.window", "28d"), prod);
    const burns = alerts(rulesOf(plan, "orders")).filter((a) => a.alert === ALERT_NAMES.burn);
    const factors = burns.map(
      (a) =>
        `${a.labels.severity}:${[...a.expr.matchAll(/ratio_rate(\w+)\{[^}]*\} \/ [\d.]+ > ([\d.]+)/g)].map((m) => `${m[1]}>${m[2]}`).join(",")}`,
    );
    expect(factors).toEqual([
      "critical:1h>13.44,5m>13.44,6h>5.6,30m>5.6",
      "warning:1d>1.86666666667,2h>1.86666666667,3d>0.933333333333,6h>0.933333333333",
    ]);
  });

  it("fires one page and one ticket alert per SLO, without a pending delay", () => {
    const burns = alerts(rulesOf(planObject(sloSpec(), prod), "orders")).filter((a) => a.alert === ALERT_NAMES.burn);
    expect(burns.map((a) => `${a.labels.slo}/${a.labels.severity}/${a.for ?? "at once"}`)).toEqual([
      "availability/critical/at once",
      "availability/warning/at once",
    ]);
  });

  it.each([
    [0, ""],
    [3, "* 300 >= 3"],
    [10, "* 1800 >= 10"],
  ])("guards pages with at least %d failed requests in the pair's short window, and never tickets", (count, guard) => {
    const plan = planObject(setPath(sloSpec(), "spec.alerting.minFailedRequests", count), prod);
    const burn = alerts(rulesOf(plan, "orders")).filter((a) => a.alert === ALERT_NAMES.burn);
    const page = burn.find((a) => a.labels.severity === "critical");
    expect(page?.expr.includes("and on()")).toBe(count > 0);
    if (guard) expect(page?.expr).toContain(guard);
    expect(burn.filter((a) => a.labels.severity === "warning").some((a) => a.expr.includes("and on()"))).toBe(false);
  });

  it("computes the spent budget from event rates in a slower group, silent until the history spans the window", () => {
    const groups =
      planObject(sloSpec(), prod)
        .services[0]?.resources.filter((r) => r.type === PROMETHEUS_RULE_TYPE)
        .flatMap(groupsOf) ?? [];
    const budget = groups.find((g) => g.name === "orders-slo-budget");
    expect(budget?.interval).toBe("5m");
    expect(budget?.rules.map((r) => ("record" in r ? r.record : r.alert))).toEqual([
      "slo:sli_error:rate5m",
      "slo:sli_total:rate5m",
      ALERT_NAMES.exhausted,
    ]);
    const exhausted = budget?.rules.find((r): r is AlertingRule => "alert" in r);
    expect(exhausted?.expr).toContain('sum_over_time(slo:sli_error:rate5m{service="orders",slo="availability"}[30d])');
    expect(exhausted?.expr).toContain(
      'present_over_time(slo:sli_total:rate5m{service="orders",slo="availability"}[1h] offset 719h)',
    );
  });

  it.each([
    ["critical", "critical", "2m"],
    ["standard", "warning", "5m"],
    ["best-effort", "warning", "15m"],
  ])(
    "raises SLIMetricsAbsent for a %s service at severity %s after %s, on the raw series the total query reads",
    (tier, severity, wait) => {
      const absent = alerts(
        rulesOf(planObject(setPath(sloSpec(), "metadata.tier", tier), exampleStack("staging")), "orders"),
      ).find((a) => a.alert === ALERT_NAMES.absent);
      expect(absent?.expr).toBe("absent(req_total)");
      expect(absent?.labels.severity).toBe(severity);
      expect(absent?.for).toBe(wait);
    },
  );

  it("watches a latency SLO's histogram buckets as well as its count, since either missing silences it", () => {
    const spec = setPath(sloSpec(), "spec.objectives.latency", { threshold: "250ms", percent: 99 });
    setPath(spec, "spec.indicators.latency", {
      good: 'sum(rate(d_bucket{le="0.25"}[{{window}}]))',
      total: "sum(rate(d_count[{{window}}]))",
    });
    const absent = alerts(rulesOf(planObject(spec, prod), "orders"))
      .filter((a) => a.alert === ALERT_NAMES.absent)
      .map((a) => `${a.labels.slo}: ${a.expr}`);
    expect(absent).toEqual([
      "availability: absent(req_total)",
      'latency: absent(d_count)\nor\nabsent(d_bucket{le="0.25"})',
    ]);
  });

  it("routes a service without alerting to the stack's default receivers", () => {
    const spec = sloSpec();
    delete (spec.spec as Record<string, unknown>).alerting;
    const plan = planObject(spec, prod);
    const amc = plan.services[0]?.resources.find((r) => r.type === ALERTMANAGER_CONFIG_TYPE);
    const route = (amc?.props.spec as { route: { receiver: string; routes: { receiver: string }[] } } | undefined)
      ?.route;
    expect([route?.receiver, ...(route?.routes.map((r) => r.receiver) ?? [])]).toEqual([
      "chat-platform",
      "pager-platform",
      "chat-platform",
    ]);
    expect(plan.services[0]?.analysis.alerts?.routing).toEqual({
      critical: "pager-platform",
      warning: "chat-platform",
      from: "stack",
    });
  });

  it("plans a latency SLO from good and total events", () => {
    const spec = setPath(sloSpec(), "spec.objectives.latency", { threshold: "250ms", percent: 99 });
    setPath(spec, "spec.indicators.latency", {
      good: 'sum(rate(d_bucket{le="0.25"}[{{window}}]))',
      total: "sum(rate(d_count[{{window}}]))",
    });
    const rules = rulesOf(planObject(spec, prod), "orders");
    const record = rules.find(
      (r) => "record" in r && r.record === "slo:sli_error:ratio_rate5m" && r.labels.slo === "latency",
    );
    expect(record?.expr).toContain('1 - (\n  (sum(rate(d_bucket{le="0.25"}[5m])))');
  });

  it("waits longer before workload alerts for a slower tier", () => {
    const staging = exampleStack("staging");
    const forOf = (tier: string) =>
      alerts(rulesOf(planObject(setPath(sloSpec(), "metadata.tier", tier), staging), "orders")).find(
        (a) => a.alert === ALERT_NAMES.crashLooping,
      )?.for;
    expect([forOf("critical"), forOf("standard"), forOf("best-effort")]).toEqual(["5m", "10m", "15m"]);
  });

  it("alerts on replication lag over half the declared RPO in the replica's region", () => {
    const { plan } = planExamples("prod");
    const lag = alerts(rulesOf(plan, "checkout", "eu-west-1")).find((a) => a.alert === ALERT_NAMES.replicationLag);
    expect(lag?.expr).toBe(
      'aws_rds_aurora_global_dbreplication_lag_maximum{tag_reliability_stack_io_service="checkout",region="eu-west-1"} > 2500',
    );
    expect(lag?.labels.replica_region).toBe("eu-west-1");
  });

  it("watches each region's health check from the other region", () => {
    const { plan } = planExamples("prod");
    const watched = (region: string) =>
      alerts(rulesOf(plan, "checkout", region))
        .filter((a) => a.alert === ALERT_NAMES.healthCheckFailing)
        .map((a) => a.labels.endpoint_region);
    expect([watched("us-east-1"), watched("eu-west-1")]).toEqual([["eu-west-1"], ["us-east-1"]]);
  });

  it.each([
    ["a syntax error", "sum(rate(req_total[{{window}}])", "must be valid PromQL"],
    [
      "a syntax error at a control character, escaped",
      "\u0000sum(rate(req_total[{{window}}]))",
      'must be valid PromQL, got a syntax error at character 1 (near "\\u0000")',
    ],
    [
      "a function newer than Prometheus 2.42",
      'sort_by_label(rate(req_total[{{window}}]), "code")',
      "must use only functions Prometheus 2.42 knows, got sort_by_label()",
    ],
  ])("reports %s at the indicator's field when the spec is loaded", (_what, total, message) => {
    const spec = setPath(sloSpec(), "spec.indicators.availability.total", total);
    const [d, ...more] = loadObject(spec, prod).diagnostics;
    expect(more).toEqual([]);
    expect(d?.path).toBe("spec.indicators.availability.total");
    expect(d?.message).toContain(message);
    expect(d?.position.line).toBeGreaterThan(1);
  });

  it("generates only expressions that parse as Prometheus 2.42 PromQL, for every example in every stack", () => {
    const problems: string[] = [];
    for (const stack of STACKS) {
      for (const s of planExamples(stack).plan.services) {
        for (const r of s.resources
          .filter((x) => x.type === PROMETHEUS_RULE_TYPE)
          .flatMap(groupsOf)
          .flatMap((g) => g.rules)) {
          problems.push(...promqlProblems(r.expr).map((p) => `${stack} ${s.service}: ${p}`));
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("emits no group labels, limit or query_offset and only valid label names", () => {
    for (const stack of STACKS) {
      for (const s of planExamples(stack).plan.services) {
        for (const g of s.resources.filter((r) => r.type === PROMETHEUS_RULE_TYPE).flatMap(groupsOf)) {
          expect(
            Object.keys(g)
              .filter((k) => k !== "interval")
              .sort(),
          ).toEqual(["name", "rules"]);
          for (const r of g.rules) for (const l of Object.keys(r.labels)) expect(l).toMatch(/^[a-zA-Z_][a-zA-Z0-9_]*$/);
        }
      }
    }
  });
});
