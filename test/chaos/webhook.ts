/**
 * The rules Chaos Mesh enforces in its admission webhooks rather than in the CRD schemas (see the
 * reference README): pod-mode `value` semantics, `containerNames` for container-kill, a cron that
 * parses, the 51-character limit of a Schedule that wraps a Workflow, and every rule of the Workflow
 * webhook, which judges the Workflow a `type: Workflow` Schedule creates each time it fires.
 * @see https://github.com/chaos-mesh/chaos-mesh/blob/master/api/v1alpha1/common_validation.go
 * @see https://github.com/chaos-mesh/chaos-mesh/blob/master/api/v1alpha1/workflow_webhook.go
 */

import { Cron } from "croner";
import { parseCron, splitZonedCron } from "../../components/core/cron.js";
import { isTimeZone } from "../../components/core/zone.js";
import type { KubeObject } from "./support.js";
import { embeddedChaos } from "./support.js";
import { workflowProblems } from "./workflow-webhook.js";

/** Every webhook-only problem of a Schedule (empty when Chaos Mesh would admit it). */
export function webhookProblems(schedule: KubeObject): string[] {
  const problems: string[] = [];
  const name = String(schedule.metadata["name"]);
  if (schedule.spec["type"] === "Workflow" && name.length > 51)
    problems.push(`name ${name} is longer than 51 characters`);
  problems.push(...cronProblems(String(schedule.spec["schedule"])));
  if (schedule.spec["type"] === "Workflow") problems.push(...workflowProblems(schedule.spec["workflow"]));
  for (const chaos of embeddedChaos(schedule)) problems.push(...modeProblems(chaos.spec), ...actionProblems(chaos));
  return problems;
}

function cronProblems(schedule: string): string[] {
  const { timezone, cron } = splitZonedCron(schedule);
  if (!schedule.startsWith("CRON_TZ=")) return [`schedule ${schedule} has no CRON_TZ= prefix`];
  if (!isTimeZone(timezone)) return [`schedule ${schedule} names an unknown zone`];
  const parsed = parseCron(cron);
  if (!parsed.ok) return [`schedule ${schedule}: ${parsed.error}`];
  if (/[?LW#]/.test(cron)) return [`schedule ${schedule} uses syntax robfig/cron does not read the same way`];
  new Cron(cron, { timezone, legacyMode: true });
  return [];
}

function modeProblems(spec: Record<string, unknown>): string[] {
  const value = spec["value"] as string | undefined;
  switch (spec["mode"]) {
    case "one":
      return [];
    case "all":
      return ["mode all selects every pod"];
    case "fixed":
      return /^[1-9]\d*$/.test(value ?? "") ? [] : [`fixed mode needs an integer value > 0, got ${String(value)}`];
    case "fixed-percent":
    case "random-max-percent":
      return /^\d+$/.test(value ?? "") && Number(value) > 0 && Number(value) <= 100
        ? []
        : [`${String(spec["mode"])} needs a value in (0, 100], got ${String(value)}`];
    default:
      return [`unknown mode ${String(spec["mode"])}`];
  }
}

function actionProblems(chaos: KubeObject): string[] {
  const spec = chaos.spec;
  if (chaos.kind !== "PodChaos") return [];
  if (spec["action"] === "container-kill" && !(spec["containerNames"] as unknown[] | undefined)?.length)
    return ["container-kill needs containerNames"];
  return [];
}
