/**
 * Prometheus rule and Alertmanager routing shapes as the prometheus-operator CRDs hold them
 * (`PrometheusRule.spec.groups`, `AlertmanagerConfig.spec`), restricted to what Prometheus 2.42 and
 * Alertmanager 0.25 accept.
 * @see https://prometheus.io/docs/prometheus/2.42/configuration/recording_rules/
 * @see https://prometheus-operator.dev/docs/api-reference/api/
 */

/** A recording rule. */
export interface RecordingRule {
  /** Name of the recorded series. */
  readonly record: string;
  /** PromQL expression. */
  readonly expr: string;
  /** Labels added to the recorded series. */
  readonly labels: Readonly<Record<string, string>>;
}

/** An alerting rule. */
export interface AlertingRule {
  /** Alert name. */
  readonly alert: string;
  /** PromQL expression; every result is an alert. */
  readonly expr: string;
  /** How long the expression must hold before the alert fires (omitted: at once). */
  readonly for?: string;
  /** Labels of the alert (`severity`, `service`, ...). */
  readonly labels: Readonly<Record<string, string>>;
  /** Annotations (`summary`, `description`, `runbook_url`). */
  readonly annotations: Readonly<Record<string, string>>;
}

/** A rule of a group. */
export type Rule = RecordingRule | AlertingRule;

/** A rule group (no `labels`, `limit` or `query_offset`: Prometheus 2.42 rejects or ignores them). */
export interface RuleGroup {
  /** Group name, unique within the PrometheusRule. */
  readonly name: string;
  /** Evaluation interval, when the group runs slower than Prometheus's global one. */
  readonly interval?: string;
  /** Rules, evaluated in order (recordings before the alerts that read them). */
  readonly rules: readonly Rule[];
}

/** True for alerting rules. */
export function isAlertingRule(rule: Rule): rule is AlertingRule {
  return "alert" in rule;
}

/**
 * An alert the plan generates, as `plan.json` shows it: once per definition, with the regions
 * that evaluate it. The full rule (expression, every label, annotations) is in each region's
 * PrometheusRule.
 */
export interface AlertSummary {
  /** Alert name. */
  readonly alert: string;
  /** Severity label (`critical` pages, `warning` tickets). */
  readonly severity: string;
  /** Regions whose Prometheus evaluates it (each adds its own `region` label). */
  readonly regions: readonly string[];
  /** The labels that tell it apart from the service's other alerts (`slo`, `probe`, `replica_region`, `endpoint_region`). */
  readonly labels: Readonly<Record<string, string>>;
  /** `for` duration, when any. */
  readonly for?: string;
}

/** What the alert planner decided for a service, for `plan.json` and policies. */
export interface AlertsAnalysis {
  /** Rules (recording and alerting) in the service's first region; other regions differ only by database and failover alerts. */
  readonly ruleCount: number;
  /** Recording rules in the first region. */
  readonly recordingRules: number;
  /** Alerting rules in the first region. */
  readonly alertingRules: number;
  /** Rules per SLO (recording rules and SLO alerts of one objective, both groups), to compare with Sloth's 17. */
  readonly rulesPerSlo: Readonly<Record<string, number>>;
  /** Burn-rate factors by `long/short` window pair. */
  readonly burnRates: readonly {
    readonly severity: string;
    readonly long: string;
    readonly short: string;
    readonly factor: number;
  }[];
  /** Receivers per severity, and whether the spec or the stack's defaults name them. */
  readonly routing?: { readonly critical: string; readonly warning: string; readonly from: "spec" | "stack" };
  /** Why the objectives are not measured, when the spec declares `indicators.none`. */
  readonly unmeasured?: string;
  /** The service-level objectives the alerts measure (what `reliability diff` compares). */
  readonly objectives?: {
    /** Availability target, percent. */
    readonly availability: number;
    /** Latency target, when declared. */
    readonly latency?: { readonly thresholdMs: number; readonly percent: number };
    /** SLO window, milliseconds. */
    readonly windowMs: number;
  };
  /** Every alert, once per definition. */
  readonly alerts: readonly AlertSummary[];
}
