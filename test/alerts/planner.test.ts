import { promqlProblems } from "../../components/plan/alerts/promql.js";
import { describe, expect, it } from "vitest";
import { ALERTMANAGER_CONFIG_TYPE, PROMETHEUS_RULE_TYPE } from "../../components/plan/alerts/index.js";
import type { AlertingRule, RecordingRule, RuleGroup } from "../../components/plan/alerts/types.js";
import { ALERT_NAMES } from "../../components/plan/conventions.js";
import type { Plan, PlannedResource } from "../../components/plan/types.js";
import { SpecError } from "../../components/spec/errors.js";
import { baseSpec, exampleStack, planExamples, planObject, setPath, STACKS } from "../support/project.js";

const groupsOf = (r: PlannedResource): RuleGroup[] => (r.props.spec as unknown as { groups: RuleGroup[] }).groups;
const rulesOf = (plan: Plan, service: string, region = "us-east-1") =>
  plan.services.filter((s) => s.service === service).flatMap((s) => s.resources.filter((r) => r.type === PROMETHEUS_RULE_TYPE && r.region === region)).flatMap(groupsOf).flatMap((g) => g.rules);
const alerts = (rules: readonly (AlertingRule | RecordingRule)[]) => rules.filter((r): r is AlertingRule => "alert" in r);

/** A standard-tier spec with SLOs and routing, planned for prod (whose stack knows the catalog receivers). */
function sloSpec(): Record<string, unknown> {
  const spec = baseSpec();
  setPath(spec, "spec.indicators", { availability: { errors: 'sum(rate(req_total{code=~"5.."}[{{window}}]))', total: "sum(rate(req_total[{{window}}]))" } });
  setPath(spec, "spec.alerting", { page: { receiver: "pager-catalog" }, ticket: { receiver: "chat-catalog" }, runbook: "https://runbooks.example/orders" });
  return spec;
}

describe.each(STACKS)("alerting planned for the example services in %s", (stack) => {
  const { plan } = planExamples(stack);
  const config = exampleStack(stack);

  it("gives every PrometheusRule the stack's rule selector and every AlertmanagerConfig its config selector, in the service namespace", () => {
    for (const s of plan.services) {
      for (const r of s.resources.filter((x) => x.type === PROMETHEUS_RULE_TYPE || x.type === ALERTMANAGER_CONFIG_TYPE)) {
        const meta = r.props.metadata as { namespace: string; labels: Record<string, string> };
        const selector = r.type === PROMETHEUS_RULE_TYPE ? config.prometheus.ruleSelector : (config.prometheus.alertmanagerConfigSelector ?? {});
        expect(meta.namespace).toBe(s.namespace);
        expect(meta.labels).toMatchObject(selector);
      }
    }
  });

  it("labels every alert with the namespace the operator routes on", () => {
    for (const s of plan.services) for (const region of s.regions) for (const a of alerts(rulesOf(plan, s.service, region))) expect(a.labels.namespace).toBe(s.namespace);
  });

  it("records each error ratio once per service and SLO and stays within Sloth's 16 rules per SLO", () => {
    for (const s of plan.services) {
      const records = rulesOf(plan, s.service).filter((r): r is RecordingRule => "record" in r).map((r) => `${r.record}|${r.labels.slo}`);
      expect(new Set(records).size).toBe(records.length);
      for (const count of Object.values(s.analysis.alerts?.rulesPerSlo ?? {})) expect(count).toBeLessThanOrEqual(16);
    }
  });

  it("routes only to receivers defined in the same AlertmanagerConfig", () => {
    for (const s of plan.services) {
      for (const r of s.resources.filter((x) => x.type === ALERTMANAGER_CONFIG_TYPE)) {
        const spec = r.props.spec as unknown as { route: { receiver: string; routes: { receiver: string }[] }; receivers: { name: string }[] };
        const defined = spec.receivers.map((x) => x.name);
        for (const used of [spec.route.receiver, ...spec.route.routes.map((x) => x.receiver)]) expect(defined).toContain(used);
      }
    }
  });
});

describe("the alert planner", () => {
  const prod = exampleStack("prod");

  it("derives the burn-rate thresholds from a 28-day window", () => {
    const plan = planObject(setPath(sloSpec(), "spec.objectives.window", "28d"), prod);
    const factors = alerts(rulesOf(plan, "orders")).filter((a) => a.alert === ALERT_NAMES.burn).map((a) => `${a.labels.long}/${a.labels.short}:${/> ([\d.]+)\n/.exec(a.expr)?.[1]}`);
    expect(factors).toEqual(["1h/5m:13.44", "6h/30m:5.6", "1d/2h:2.8", "3d/6h:0.933333333333"]);
  });

  it.each([
    [0, false],
    [5, true],
  ])("guards pages with the minimum request rate %d only when it is set", (rate, guarded) => {
    const plan = planObject(setPath(sloSpec(), "spec.alerting.minRequestRate", rate), prod);
    const burn = alerts(rulesOf(plan, "orders")).filter((a) => a.alert === ALERT_NAMES.burn);
    expect(burn.filter((a) => a.labels.severity === "critical").every((a) => a.expr.includes(`>= ${rate}`))).toBe(guarded);
    expect(burn.filter((a) => a.labels.severity === "warning").some((a) => a.expr.includes("and on()"))).toBe(false);
  });

  it("plans a latency SLO from good and total events", () => {
    const spec = setPath(sloSpec(), "spec.objectives.latency", { threshold: "250ms", percent: 99 });
    setPath(spec, "spec.indicators.latency", { good: 'sum(rate(d_bucket{le="0.25"}[{{window}}]))', total: "sum(rate(d_count[{{window}}]))" });
    const rules = rulesOf(planObject(spec, prod), "orders");
    const record = rules.find((r) => "record" in r && r.record === "slo:sli_error:ratio_rate5m" && r.labels.slo === "latency");
    expect(record?.expr).toContain('1 - (\n  (sum(rate(d_bucket{le="0.25"}[5m])))');
  });

  it("waits longer before workload alerts for a slower tier", () => {
    const staging = exampleStack("staging");
    const forOf = (tier: string) => alerts(rulesOf(planObject(setPath(sloSpec(), "metadata.tier", tier), staging), "orders")).find((a) => a.alert === ALERT_NAMES.crashLooping)?.for;
    expect([forOf("critical"), forOf("standard"), forOf("best-effort")]).toEqual(["5m", "10m", "15m"]);
  });

  it("alerts on replication lag over half the declared RPO in the replica's region", () => {
    const { plan } = planExamples("prod");
    const lag = alerts(rulesOf(plan, "checkout", "eu-west-1")).find((a) => a.alert === ALERT_NAMES.replicationLag);
    expect(lag?.expr).toBe('aws_rds_aurora_global_dbreplication_lag_maximum{tag_reliability_stack_io_service="checkout",region="eu-west-1"} > 2500');
    expect(lag?.labels.replica_region).toBe("eu-west-1");
  });

  it("watches each region's health check from the other region", () => {
    const { plan } = planExamples("prod");
    const watched = (region: string) => alerts(rulesOf(plan, "checkout", region)).filter((a) => a.alert === ALERT_NAMES.healthCheckFailing).map((a) => a.labels.endpoint_region);
    expect([watched("us-east-1"), watched("eu-west-1")]).toEqual([["eu-west-1"], ["us-east-1"]]);
  });

  it.each([
    ["a syntax error", "sum(rate(req_total[{{window}}])", "must be valid PromQL"],
    ["a function newer than Prometheus 2.42", 'sort_by_label(rate(req_total[{{window}}]), "code")', "must use only functions Prometheus 2.42 knows, got sort_by_label()"],
  ])("reports %s at the indicator's field", (_what, total, message) => {
    const spec = setPath(sloSpec(), "spec.indicators.availability.total", total);
    try {
      planObject(spec, prod);
      expect.unreachable("planning must fail");
    } catch (e) {
      expect(e).toBeInstanceOf(SpecError);
      const d = (e as SpecError).diagnostics[0];
      expect(d?.path).toBe("spec.indicators.availability.total");
      expect(d?.message).toContain(message);
      expect(d?.position.line).toBeGreaterThan(1);
    }
  });

  it("generates only expressions that parse as Prometheus 2.42 PromQL, for every example in every stack", () => {
    const problems: string[] = [];
    for (const stack of STACKS) {
      for (const s of planExamples(stack).plan.services) {
        for (const r of s.resources.filter((x) => x.type === PROMETHEUS_RULE_TYPE).flatMap(groupsOf).flatMap((g) => g.rules)) {
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
          expect(Object.keys(g).sort()).toEqual(["name", "rules"]);
          for (const r of g.rules) for (const l of Object.keys(r.labels)) expect(l).toMatch(/^[a-zA-Z_][a-zA-Z0-9_]*$/);
        }
      }
    }
  });
});
