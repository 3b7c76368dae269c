/**
 * The ConfigMap that hands the gate its stops: one per service and region, in the service's
 * namespace, managed with the rest of the plan (a replan updates it; nothing else writes it).
 */

import { LABELS, resourceKey, standardLabels } from "../../core/conventions.js";
import { CHAOS_COMPONENT, CHAOS_STOPS } from "../../core/chaos-conventions.js";
import { kubeBody, kubeResource } from "../../core/plan/kube.js";
import type { PlannedResource } from "../../core/plan/types.js";
import type { ResolvedService } from "../../core/spec/service.js";
import type { GateStop } from "./stops.js";

/** The stops as the gate reads them: `<schedule|*> <from> <until> <reason>`, epoch seconds, sorted by start. */
export function stopLines(stops: readonly GateStop[]): string {
  const seconds = (iso: string) => String(Date.parse(iso) / 1000);
  return [...stops]
    .sort((a, b) => a.from.localeCompare(b.from) || (a.schedule ?? "").localeCompare(b.schedule ?? ""))
    .map((s) => `${s.schedule ?? "*"} ${seconds(s.from)} ${seconds(s.until)} ${s.reason}\n`)
    .join("");
}

/** The stops in the gate's text (`stopLines`); lines that do not parse are left out. */
export function parseStopLines(text: string): GateStop[] {
  return text.split("\n").flatMap((line): GateStop[] => {
    const m = /^(\S+) (\d+) (\d+) (.+)$/.exec(line);
    if (!m) return [];
    const [, schedule = "*", from = "0", until = "0", reason = ""] = m;
    const iso = (seconds: string) => new Date(Number(seconds) * 1000).toISOString();
    return [{ ...(schedule === "*" ? {} : { schedule }), from: iso(from), until: iso(until), reason }];
  });
}

/** The stops ConfigMap of a service in one region, holding the stops of that region's Schedules and the freezes. */
export function stopsResource(service: ResolvedService, region: string, stops: readonly GateStop[]): PlannedResource {
  return kubeResource(
    service,
    {
      region,
      kind: "ChaosStops",
      suffix: CHAOS_STOPS.configMap,
      type: "kubernetes:core/v1:ConfigMap",
      origin: "spec.chaos.blackouts",
      opts: { dependsOn: [resourceKey(service.name, region, "Namespace")] },
    },
    kubeBody("kubernetes:core/v1:ConfigMap", {
      metadata: {
        name: CHAOS_STOPS.configMap,
        namespace: service.namespace,
        labels: { ...standardLabels(service), [LABELS.component]: CHAOS_COMPONENT },
      },
      data: { [CHAOS_STOPS.key]: stopLines(stops) },
    }),
  );
}
