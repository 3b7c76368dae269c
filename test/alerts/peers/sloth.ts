/**
 * Sloth's Prometheus rules for one of our SLOs, re-implemented from Sloth's generators so the same
 * scenarios can run through Sloth's rules. Follows slok/sloth v0.16.0 (commit 0e395d8):
 * - `internal/plugin/slo/core/sli_rules_v1/plugin.go`: one `slo:sli_error:ratio_rate<w>` recording
 *   per alert window, plus the SLO period, which (optimised, the default) averages the 5m recording:
 *   `sum_over_time(5m[30d]) / ignoring (sloth_window) count_over_time(5m[30d])`;
 * - `internal/plugin/slo/core/metadata_rules_v1/plugin.go`: the 7 `slo:*` / `sloth_slo_info` recordings;
 * - `internal/plugin/slo/core/alert_rules_v1/plugin.go`: two alerts (page, ticket), each
 *   `(quick short and quick long) or (slow short and slow long)` with `max(... > factor * budget)
 *   without (sloth_window)`, no `for`;
 * - `internal/alert/windows/google-30d.yaml`, `google-28d.yaml` and `internal/alert/window.go`:
 *   page 1h/5m at 2% and 6h/30m at 5%, ticket 1d/2h at 10% and 3d/6h at 10%, factor =
 *   budget% × period hours / 100 / long hours (30d: 14.4, 6, 3, 1);
 * - optional `internal/plugin/slo/contrib/error_budget_exhausted_alert_v1/plugin.go`:
 *   `slo:period_error_budget_remaining:ratio{...} <= 0` for 5m (off by default in Sloth).
 * Golden output: `examples/_gen/getting-started.yml`. Only 28d and 30d periods have default windows.
 * Sloth takes an `error_query`; for a `good` indicator we give it `total - good`, as a user would.
 * Sloth leaves alert labels to the user: we put `severity: critical` on the page and `warning` on
 * the ticket (and `info` on the contrib alert, as its README's example does).
 */

import type { AlertingRule, RecordingRule, RuleGroup } from "../../../components/domains/alerts/types.js";
import { withWindow } from "../../../components/core/windows.js";
import { goFloat, promDuration, type PeerSlo } from "./format.js";

/** Options of the Sloth generator. */
export interface SlothOptions {
  /** Name of both burn alerts (Sloth requires one per SLO). @default "ErrorBudgetBurn" */
  readonly alertName?: string;
  /** Add the contrib `ErrorBudgetExhausted` plugin's alert (and keep the metadata rules it reads). @default false */
  readonly exhaustedPlugin?: boolean;
}

/** Sloth's version we follow, for `sloth_version`. */
export const SLOTH_VERSION = "v0.16.0";

interface SlothWindow {
  readonly budgetPercent: number;
  readonly short: string;
  readonly long: string;
  readonly shortMs: number;
  readonly longMs: number;
}

const H = 3_600_000;
/** `page.quick`, `page.slow`, `ticket.quick`, `ticket.slow` of google-30d.yaml / google-28d.yaml (identical apart from the period). */
const WINDOWS: readonly SlothWindow[] = [
  { budgetPercent: 2, short: "5m", long: "1h", shortMs: H / 12, longMs: H },
  { budgetPercent: 5, short: "30m", long: "6h", shortMs: H / 2, longMs: 6 * H },
  { budgetPercent: 10, short: "2h", long: "1d", shortMs: 2 * H, longMs: 24 * H },
  { budgetPercent: 10, short: "6h", long: "3d", shortMs: 6 * H, longMs: 72 * H },
];

/** `Windows.getBurnRateFactor`: hours to spend the share of the budget, over the long window's hours. */
function factor(w: SlothWindow, periodMs: number): number {
  return (w.budgetPercent * (periodMs / H)) / 100 / (w.longMs / H);
}

/** `GetSLOIDPromLabels`: the labels that identify the SLO. */
function idLabels(p: PeerSlo): Record<string, string> {
  return { sloth_id: `${p.service}-${p.slo.kind}`, sloth_service: p.service, sloth_slo: p.slo.kind };
}

/** `LabelsToPromFilter` (prometheus/common `LabelSet.String()`): sorted, `, `-separated. */
function filter(labels: Record<string, string>): string {
  return `{${Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(", ")}}`;
}

function errorQuery(p: PeerSlo): string {
  if (p.slo.errors !== undefined) return p.slo.errors;
  return `(${p.slo.total}) - (${p.slo.good ?? ""})`;
}

function sliRecordings(p: PeerSlo): RecordingRule[] {
  const id = idLabels(p);
  const windows = [
    ...new Map(
      WINDOWS.flatMap(
        (w) =>
          [
            [w.shortMs, w.short],
            [w.longMs, w.long],
          ] as const,
      ),
    ).entries(),
  ].sort((a, b) => a[0] - b[0]);
  const rules: RecordingRule[] = windows.map(([, w]) => ({
    record: `slo:sli_error:ratio_rate${w}`,
    expr: `(${withWindow(errorQuery(p), w)})\n/\n(${withWindow(p.slo.total, w)})\n`,
    labels: { ...id, sloth_window: w },
  }));
  const period = promDuration(p.windowMs);
  const source = `slo:sli_error:ratio_rate5m${filter(id)}`;
  rules.push({
    record: `slo:sli_error:ratio_rate${period}`,
    expr: `sum_over_time(${source}[${period}])\n/ ignoring (sloth_window)\ncount_over_time(${source}[${period}])\n`,
    labels: { ...id, sloth_window: period },
  });
  return rules;
}

function metadataRecordings(p: PeerSlo): RecordingRule[] {
  const id = idLabels(p);
  const objective = p.slo.percent / 100;
  const burn = (sli: string): string =>
    `${sli}${filter(id)}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio${filter(id)}\n`;
  return [
    { record: "slo:objective:ratio", expr: `vector(${goFloat(objective)})`, labels: id },
    { record: "slo:error_budget:ratio", expr: `vector(1-${goFloat(objective)})`, labels: id },
    { record: "slo:time_period:days", expr: `vector(${goFloat(p.windowMs / (24 * H))})`, labels: id },
    { record: "slo:current_burn_rate:ratio", expr: burn("slo:sli_error:ratio_rate5m"), labels: id },
    {
      record: "slo:period_burn_rate:ratio",
      expr: burn(`slo:sli_error:ratio_rate${promDuration(p.windowMs)}`),
      labels: id,
    },
    {
      record: "slo:period_error_budget_remaining:ratio",
      expr: `1 - slo:period_burn_rate:ratio${filter(id)}`,
      labels: id,
    },
    {
      record: "sloth_slo_info",
      expr: "vector(1)",
      labels: {
        ...id,
        sloth_version: SLOTH_VERSION,
        sloth_mode: "cli-gen-prom",
        sloth_spec: "prometheus/v1",
        sloth_objective: goFloat(p.slo.percent),
      },
    },
  ];
}

/** `mwmbAlertTpl` for one severity: the quick pair or the slow pair. */
function burnAlert(
  p: PeerSlo,
  name: string,
  severity: "page" | "ticket",
  quick: SlothWindow,
  slow: SlothWindow,
): AlertingRule {
  const f = filter(idLabels(p));
  const budget = (100 - p.slo.percent) / 100;
  const cond = (w: string, k: number): string =>
    `max(slo:sli_error:ratio_rate${w}${f} > (${goFloat(k)} * ${goFloat(budget)})) without (sloth_window)`;
  const pair = (w: SlothWindow): string => {
    const k = factor(w, p.windowMs);
    return `(\n    ${cond(w.short, k)}\n    and\n    ${cond(w.long, k)}\n)`;
  };
  return {
    alert: name,
    expr: `${pair(quick)}\nor\n${pair(slow)}\n`,
    labels: { severity: severity === "page" ? "critical" : "warning", sloth_severity: severity },
    annotations: {
      title: `(${severity}) {{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is too fast.`,
      summary: "{{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is over expected.",
    },
  };
}

/** The contrib plugin's alert with its defaults (threshold 0, `for` 5m). */
function exhaustedAlert(p: PeerSlo): AlertingRule {
  return {
    alert: "ErrorBudgetExhausted",
    expr: `slo:period_error_budget_remaining:ratio${filter(idLabels(p))} <= 0`,
    for: "5m",
    labels: { severity: "info" },
    annotations: {},
  };
}

/**
 * Sloth's three rule groups (SLI recordings, metadata recordings, alerts) for one SLO.
 * @throws Error when the SLO window has no default Sloth alert windows (only 28d and 30d do).
 */
export function slothRuleGroups(p: PeerSlo, options: SlothOptions = {}): RuleGroup[] {
  if (p.windowMs !== 28 * 24 * H && p.windowMs !== 30 * 24 * H) {
    throw new Error(
      `Sloth has default alert windows for 28d and 30d SLO periods only, got ${promDuration(p.windowMs)}`,
    );
  }
  const id = `${p.service}-${p.slo.kind}`;
  const name = options.alertName ?? "ErrorBudgetBurn";
  const [pageQuick, pageSlow, ticketQuick, ticketSlow] = WINDOWS as [
    SlothWindow,
    SlothWindow,
    SlothWindow,
    SlothWindow,
  ];
  const alerts: AlertingRule[] = [
    burnAlert(p, name, "page", pageQuick, pageSlow),
    burnAlert(p, name, "ticket", ticketQuick, ticketSlow),
  ];
  if (options.exhaustedPlugin) alerts.push(exhaustedAlert(p));
  return [
    { name: `sloth-slo-sli-recordings-${id}`, rules: sliRecordings(p) },
    { name: `sloth-slo-meta-recordings-${id}`, rules: metadataRecordings(p) },
    { name: `sloth-slo-alerts-${id}`, rules: alerts },
  ];
}

/** The burn-rate factors Sloth uses for a period, in the order page quick, page slow, ticket quick, ticket slow. */
export function slothFactors(windowMs: number): number[] {
  return WINDOWS.map((w) => factor(w, windowMs));
}
