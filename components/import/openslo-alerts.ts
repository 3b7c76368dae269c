/**
 * OpenSLO alert policies as `objectives.burnRates`: each burn-rate condition (`op: gt` or `gte`,
 * `threshold` a burn-rate factor over `lookbackWindow`) becomes a window pair with the lookback as
 * its long window, a twelfth of it as the short one, and the share of the budget that factor spends.
 */

import type { BurnRatePair } from "../core/windows.js";
import type { Warn, OpenSloIndex } from "./openslo.js";
import type { OpenSloConditionSpec, OpenSloPolicySpec, OpenSloSlo } from "./openslo-schema.js";
import type { ImportedDocument } from "./source.js";
import { budgetPercentOf, shorthandMs, shortWindowOf, specWindow } from "./windows.js";

/** Severities that page; any other opens a ticket. */
const PAGING = /^(page|pager|critical|high|sev-?[01]|p[01])$/i;

/** The SLO's burn-rate window pairs; undefined when it has no alert policy (the defaults apply). */
export function burnRatesOf(
  doc: ImportedDocument<OpenSloSlo>,
  windowMs: number,
  index: OpenSloIndex,
  warn: Warn,
): BurnRatePair[] | undefined {
  const policies = doc.value.spec.alertPolicies;
  if (!policies || policies.length === 0) return undefined;
  const pairs: BurnRatePair[] = [];
  policies.forEach((p, i) => {
    const path = ["spec", "alertPolicies", i];
    const ref = "alertPolicyRef" in p && typeof p.alertPolicyRef === "string" ? p.alertPolicyRef : undefined;
    const policy = ref === undefined ? (p as { spec: OpenSloPolicySpec }).spec : policySpec(ref, index);
    if (!policy) return warn(doc.source, path, `alert policy ${ref ?? ""} is not in this file; it was left out`);
    if ((policy.notificationTargets ?? []).length > 0)
      warn(
        doc.source,
        path,
        "notification targets have no equivalent: alerts route by severity to spec.alerting's receivers",
      );
    policy.conditions.forEach((c, j) => {
      const cref = "conditionRef" in c && typeof c.conditionRef === "string" ? c.conditionRef : undefined;
      const condition = cref === undefined ? (c as { spec: OpenSloConditionSpec }).spec : conditionSpec(cref, index);
      const at = [...path, ...(ref === undefined ? ["spec", "conditions", j] : [])];
      if (!condition) return warn(doc.source, at, "the alert condition is not in this file; it was left out");
      const pair = pairOf(condition, windowMs, (message) => warn(doc.source, at, message));
      if (pair) pairs.push(pair);
    });
  });
  return pairs;
}

function policySpec(name: string, index: OpenSloIndex): OpenSloPolicySpec | undefined {
  const d = index.byName("AlertPolicy", name)?.value;
  return d?.kind === "AlertPolicy" ? d.spec : undefined;
}

function conditionSpec(name: string, index: OpenSloIndex): OpenSloConditionSpec | undefined {
  const d = index.byName("AlertCondition", name)?.value;
  return d?.kind === "AlertCondition" ? d.spec : undefined;
}

/** One condition as a window pair, or undefined (with the reason) when it has no equivalent. */
function pairOf(
  spec: OpenSloConditionSpec,
  windowMs: number,
  warn: (message: string) => void,
): BurnRatePair | undefined {
  const c = spec.condition;
  if ((c.kind ?? "burnrate") !== "burnrate")
    return void warn(`a ${c.kind} condition has no equivalent (only burn rates); it was left out`);
  if (c.op === "lt" || c.op === "lte")
    return void warn(
      `op ${c.op} alerts while the budget burns slowly, which a burn-rate alert here never does; it was left out`,
    );
  const longMs = shorthandMs(c.lookbackWindow);
  const long = Number.isFinite(longMs) ? specWindow(longMs) : undefined;
  if (!long || longMs > windowMs || longMs < 12 * 60_000)
    return void warn(
      `a lookback window of ${c.lookbackWindow} must be between 12m and the SLO window here; it was left out`,
    );
  const budgetPercent = budgetPercentOf(c.threshold, longMs, windowMs);
  if (!(budgetPercent > 0 && budgetPercent < 100))
    return void warn(
      `a threshold of ${c.threshold}× over ${c.lookbackWindow} spends ${budgetPercent}% of the budget; it must be between 0 and 100%; it was left out`,
    );
  if (c.alertAfter && c.alertAfter !== "0m")
    warn(
      `alertAfter ${c.alertAfter} has no equivalent: the short window (${shortWindowOf(longMs)}) confirms the burn instead`,
    );
  return {
    severity: PAGING.test(spec.severity) ? "page" : "ticket",
    budgetPercent,
    long,
    short: shortWindowOf(longMs),
  };
}
