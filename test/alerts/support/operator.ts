import { createRequire } from "node:module";
import type { parser as PromqlParser } from "@prometheus-io/lezer-promql" with { "resolution-mode": "import" };
import type { AlertingRule, RuleGroup } from "../../../components/plan/alerts/types.js";
import { formatDuration, parseDuration } from "../../../components/spec/units.js";

/**
 * What the prometheus-operator does with our objects, reproduced for tests that run the real
 * Alertmanager: an AlertmanagerConfig becomes a sub-route of the root route with a
 * `namespace="<object namespace>"` matcher (strategy OnNamespace), receivers are renamed
 * `<namespace>/<object name>/<receiver>`, and inhibit rules get the namespace matcher on both sides.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1alpha1.AlertmanagerConfig
 */

const { parser } = createRequire(__filename)("@prometheus-io/lezer-promql") as { readonly parser: typeof PromqlParser };

interface CrMatcher { readonly name: string; readonly value: string; readonly matchType?: string }
interface CrRoute { readonly receiver: string; readonly groupBy?: string[]; readonly groupWait?: string; readonly groupInterval?: string; readonly repeatInterval?: string; readonly matchers?: CrMatcher[]; readonly routes?: CrRoute[] }
interface CrReceiver { readonly name: string; readonly webhookConfigs?: { url?: string; sendResolved?: boolean }[] }
/** The parts of `AlertmanagerConfig.spec` the conversion reads. */
export interface CrSpec { readonly route: CrRoute; readonly receivers: CrReceiver[]; readonly inhibitRules: { sourceMatch: CrMatcher[]; targetMatch: CrMatcher[]; equal: string[] }[] }

const matcher = (m: CrMatcher): string => `${m.name}${m.matchType ?? "="}${JSON.stringify(m.value)}`;

/** Timing the test needs instead of the rendered group wait/interval (Alertmanager otherwise holds notifications for minutes). */
export interface FastTiming { readonly groupWait: string; readonly groupInterval: string }

/** alertmanager.yml for one AlertmanagerConfig object, as the operator would generate it. */
export function alertmanagerYaml(namespace: string, name: string, spec: CrSpec, timing: FastTiming): object {
  const rename = (r: string): string => `${namespace}/${name}/${r}`;
  const nsMatcher = matcher({ name: "namespace", value: namespace });
  const route = (r: CrRoute, top: boolean): object => ({
    receiver: rename(r.receiver),
    ...(r.groupBy ? { group_by: r.groupBy } : {}),
    ...(top ? { group_wait: timing.groupWait, group_interval: timing.groupInterval, repeat_interval: r.repeatInterval } : {}),
    matchers: [...(top ? [nsMatcher] : []), ...(r.matchers ?? []).map(matcher)],
    ...(r.routes ? { routes: r.routes.map((c) => route(c, false)) } : {}),
  });
  return {
    route: { receiver: "null", group_by: ["alertname"], routes: [{ ...route(spec.route, true), continue: true }] },
    receivers: [
      { name: "null" },
      ...spec.receivers.map((r) => ({ name: rename(r.name), ...(r.webhookConfigs ? { webhook_configs: r.webhookConfigs.map((w) => ({ url: w.url, send_resolved: w.sendResolved ?? false })) } : {}) })),
    ],
    inhibit_rules: spec.inhibitRules.map((i) => ({
      source_matchers: [nsMatcher, ...i.sourceMatch.map(matcher)],
      target_matchers: [nsMatcher, ...i.targetMatch.map(matcher)],
      equal: i.equal,
    })),
  };
}

/** Scales every range, subquery duration and `for` of an expression or rule by `factor`. */
export function scaleExpr(expr: string, factor: number): string {
  const edits: { from: number; to: number; text: string }[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.name !== "NumberDurationLiteralInDurationContext") return;
      const ms = parseDuration(expr.slice(node.from, node.to));
      if (ms !== undefined) edits.push({ from: node.from, to: node.to, text: formatDuration(Math.max(1000, ms * factor)) });
    },
  });
  return edits.reverse().reduce((text, e) => text.slice(0, e.from) + e.text + text.slice(e.to), expr);
}

/** Rule groups with every window and `for` scaled by `factor` (labels such as `long="1h"` keep their real values). */
export function scaleGroups(groups: readonly RuleGroup[], factor: number): RuleGroup[] {
  return groups.map((g) => ({
    name: g.name,
    rules: g.rules.map((r) => {
      const scaled = { ...r, expr: scaleExpr(r.expr, factor) };
      const forText = (r as AlertingRule).for;
      return forText ? { ...scaled, for: formatDuration(Math.max(1000, (parseDuration(forText) ?? 0) * factor)) } : scaled;
    }),
  }));
}
