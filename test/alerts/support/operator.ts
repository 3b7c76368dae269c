/**
 * What the prometheus-operator does with our objects, reproduced for tests that run the real
 * Alertmanager (the conversion itself lives in test/support/alertmanager.ts, shared with the
 * conformance suite's `amtool check-config`), and the time scaling those tests need.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1alpha1.AlertmanagerConfig
 */

import { createRequire } from "node:module";
import type { parser as PromqlParser } from "@prometheus-io/lezer-promql" with { "resolution-mode": "import" };
import type { AlertingRule, RuleGroup } from "../../../components/domains/alerts/types.js";
import { formatDuration, parseDuration } from "../../../components/core/units.js";
import { operatorConfig, type CrSpec } from "../../support/alertmanager.js";

const { parser } = createRequire(__filename)("@prometheus-io/lezer-promql") as { readonly parser: typeof PromqlParser };

/** The parts of `AlertmanagerConfig.spec` the conversion reads. */
export type { CrSpec } from "../../support/alertmanager.js";

/** Timing the test needs instead of the rendered group wait/interval (Alertmanager otherwise holds notifications for minutes). */
export interface FastTiming {
  readonly groupWait: string;
  readonly groupInterval: string;
}

/** alertmanager.yml for one AlertmanagerConfig object, as the operator would generate it (see `operatorConfig`). */
export function alertmanagerYaml(namespace: string, name: string, spec: CrSpec, timing: FastTiming): object {
  return operatorConfig([{ metadata: { namespace, name }, spec }], { timing });
}

/** Scales every range, subquery duration and `for` of an expression or rule by `factor`. */
export function scaleExpr(expr: string, factor: number): string {
  const edits: { from: number; to: number; text: string }[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.name !== "NumberDurationLiteralInDurationContext") return;
      const ms = parseDuration(expr.slice(node.from, node.to));
      if (ms !== undefined)
        edits.push({ from: node.from, to: node.to, text: formatDuration(Math.max(1000, ms * factor)) });
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
      return forText
        ? { ...scaled, for: formatDuration(Math.max(1000, (parseDuration(forText) ?? 0) * factor)) }
        : scaled;
    }),
  }));
}
