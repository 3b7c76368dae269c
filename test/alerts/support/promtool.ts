import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import type { RuleGroup } from "../../../components/domains/alerts/types.js";
import type { Plan } from "../../../components/core/plan/types.js";
import { PROMETHEUS_RULE_TYPE } from "../../../components/domains/alerts/plan.js";

/** Rule groups of every PrometheusRule of a plan, by service and region. */
export interface PlannedRules {
  readonly service: string;
  readonly region: string;
  readonly groups: readonly RuleGroup[];
}

/** Every PrometheusRule's `.spec.groups` in a plan. */
export function plannedRules(plan: Plan): PlannedRules[] {
  return plan.services.flatMap((s) =>
    s.resources
      .filter((r) => r.type === PROMETHEUS_RULE_TYPE)
      .map((r) => ({
        service: s.service,
        region: r.region,
        groups: (r.props.spec as unknown as { groups: RuleGroup[] }).groups,
      })),
  );
}

/** Writes rule groups as a plain Prometheus rules file (what the operator mounts), returning its path. */
export function writeRulesFile(dir: string, name: string, groups: readonly RuleGroup[]): string {
  const file = join(dir, `${name}.rules.yaml`);
  writeFileSync(file, stringify({ groups }, { lineWidth: 0 }));
  return file;
}

/** Result of a promtool run. */
export interface ToolResult {
  readonly status: number | null;
  readonly output: string;
}

/**
 * Runs promtool with arguments, bounded in time. Asynchronous, so a long `test rules` run never
 * blocks the test worker's event loop (vitest's worker RPC times out after 60 s of a blocked loop).
 */
export function promtool(args: readonly string[], timeoutMs = 120_000): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("promtool", args, { stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, output }));
  });
}
