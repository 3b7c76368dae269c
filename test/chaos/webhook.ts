/**
 * The rules Chaos Mesh enforces in its admission webhooks and controllers rather than in the CRD
 * schemas (see the reference README): pod-mode `value` semantics, `containerNames` for
 * container-kill, `duration` for pod-failure, a cron that parses, Workflow template names, and the
 * 51-character limit of a Schedule that wraps a Workflow.
 * @see https://github.com/chaos-mesh/chaos-mesh/blob/master/api/v1alpha1/common_validation.go
 */

import { Cron } from "croner";
import { parseCron, splitZonedCron } from "../../components/core/cron.js";
import { isTimeZone } from "../../components/core/zone.js";
import type { KubeObject } from "./support.js";
import { embeddedChaos, templates } from "./support.js";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Every webhook-only problem of a Schedule (empty when Chaos Mesh would admit it). */
export function webhookProblems(schedule: KubeObject): string[] {
  const problems: string[] = [];
  const name = String(schedule.metadata["name"]);
  if (schedule.spec["type"] === "Workflow" && name.length > 51)
    problems.push(`name ${name} is longer than 51 characters`);
  problems.push(...cronProblems(String(schedule.spec["schedule"])));
  problems.push(...templateProblems(schedule));
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

function templateProblems(schedule: KubeObject): string[] {
  const list = templates(schedule);
  const names = list.map((t) => String(t["name"]));
  const problems = names
    .filter((n, i) => !DNS_LABEL.test(n) || names.indexOf(n) !== i)
    .map((n) => `template name ${n} is not a unique DNS-1123 label`);
  const entry = (schedule.spec["workflow"] as Record<string, unknown>)["entry"];
  if (!names.includes(String(entry))) problems.push(`entry ${String(entry)} is not a template`);
  for (const t of list)
    for (const child of (t["children"] as string[] | undefined) ?? [])
      if (!names.includes(child)) problems.push(`child ${child} is not a template`);
  return problems;
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
  if (spec["action"] === "pod-failure" && spec["duration"] === undefined) return ["pod-failure needs a duration"];
  return [];
}
