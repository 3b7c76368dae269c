/**
 * Helpers of the import tests: the fixtures, an imported spec loaded and planned for a stack, and
 * the factors its burn-rate alerts fire at, read from the planned PrometheusRule.
 */

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plan } from "../../components/core/plan/types.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import type { ImportResult } from "../../components/import/types.js";
import { specText } from "../../components/import/write.js";
import { toPlan } from "../../components/plan/index.js";
import { loadSpecs } from "../../components/spec/load.js";
import { ROOT } from "../support/project.js";

/** Folder of the import fixtures. */
export const FIXTURES = join(ROOT, "test", "fixtures", "import");

/** The fixture files of a format, as paths relative to the repository. */
export function fixtures(format: "sloth" | "openslo"): string[] {
  return readdirSync(join(FIXTURES, format))
    .sort()
    .map((f) => `test/fixtures/import/${format}/${f}`);
}

/** Reads a fixture. */
export function fixture(path: string): string {
  return readFileSync(join(ROOT, path), "utf8");
}

/** The written specs of an import, loaded (for a stack, when given). */
export function loadImported(result: ImportResult, stack?: StackConfig) {
  return loadSpecs(
    result.services.map((s) => ({ file: `services/${s.name}.yaml`, text: specText(s, ["imported"]) })),
    stack,
  );
}

/** Plans the written specs of an import for a stack. */
export function planImported(result: ImportResult, stack: StackConfig): Plan {
  const loaded = loadImported(result, stack);
  if (loaded.diagnostics.length > 0)
    throw new Error(loaded.diagnostics.map((d) => `${d.path}: ${d.message}`).join("\n"));
  return toPlan(loaded.services, stack);
}

/** One burn-rate alert's window pair as the planned rule reads: severity, long/short and the factor. */
export interface AlertPair {
  readonly severity: string;
  readonly windows: string;
  readonly factor: number;
}

/** The window pairs of the service's availability burn-rate alerts in its first region, read from the PrometheusRule expressions. */
export function burnAlertPairs(plan: Plan): AlertPair[] {
  const rule = plan.services.flatMap((s) => s.resources).find((r) => r.type.endsWith(":PrometheusRule"));
  const groups = (
    rule?.props as unknown as {
      spec: { groups: { rules: { alert?: string; expr: string; labels?: Record<string, string> }[] }[] };
    }
  ).spec.groups;
  const ratio = (w: string) => `slo:sli_error:ratio_rate(${w})\\{[^}]*slo="availability"\\} / [\\d.e-]+ > ([\\d.e-]+)`;
  const pair = new RegExp(`${ratio("\\w+")}\\s+and\\s+${ratio("\\w+")}`, "g");
  return groups
    .flatMap((g) => g.rules)
    .filter((r) => r.alert === "ErrorBudgetBurn" && r.labels?.["slo"] === "availability")
    .flatMap((r) =>
      [...r.expr.matchAll(pair)].map(([, long, factor, short]) => ({
        severity: r.labels?.["severity"] ?? "",
        windows: `${long}/${short}`,
        factor: Number(factor),
      })),
    );
}
