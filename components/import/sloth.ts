/**
 * `reliability import sloth`: a Sloth `prometheus/v1` spec (one service, a list of SLOs with
 * events or raw SLIs and page/ticket alerting) to our spec. The first events SLO becomes the
 * availability objective, one named like latency the latency objective (its threshold read from
 * the `le` bucket its queries compare with); Sloth's alert windows become `objectives.burnRates`.
 * @see https://sloth.dev/specs/prometheus/
 */

import { z } from "zod";
import type { SourceFile } from "../core/spec/positions.js";
import { readDocuments } from "./source.js";
import { skeleton, serviceName, teamName } from "./skeleton.js";
import { latencyThreshold, slothQuery } from "./queries.js";
import type { ImportResult, ImportWarning, SpecComment } from "./types.js";
import { SLOTH_PERIODS, SLOTH_WINDOWS } from "./windows.js";

const labels = z.record(z.string(), z.string({ error: "must be a string" }));
const alert = z.looseObject({
  disable: z.boolean().optional(),
  labels: labels.optional(),
  annotations: labels.optional(),
});

const slo = z.looseObject({
  name: z.string({ error: "must be the SLO's name" }).min(1),
  description: z.string().optional(),
  objective: z
    .number({ error: "must be the objective in percent, such as 99.9" })
    .gt(0, { error: "must be above 0 percent" })
    .lt(100, { error: "must be below 100 percent (an objective of 100% leaves no error budget)" }),
  labels: labels.optional(),
  sli: z.looseObject({
    events: z.strictObject({ error_query: z.string().min(1), total_query: z.string().min(1) }).optional(),
    raw: z.strictObject({ error_ratio_query: z.string().min(1) }).optional(),
    plugin: z.looseObject({ id: z.string() }).optional(),
  }),
  alerting: z
    .looseObject({
      name: z.string().optional(),
      labels: labels.optional(),
      annotations: labels.optional(),
      page_alert: alert.optional(),
      ticket_alert: alert.optional(),
    })
    .optional(),
});

/** Sloth's `prometheus/v1` spec, as far as the import reads it. */
export const slothSchema = z.looseObject({
  version: z.literal("prometheus/v1", { error: 'must be "prometheus/v1" (the Sloth spec version this import reads)' }),
  service: z.string({ error: "must be the service's name" }).min(1),
  labels: labels.optional(),
  slos: z.array(slo).min(1, { error: "must list at least one SLO" }),
});

type SlothSpec = z.output<typeof slothSchema>;
type SlothSlo = z.output<typeof slo>;

/** Converts a Sloth spec file. */
export function importSloth(file: string, text: string): ImportResult {
  const [doc, ...rest] = readDocuments(file, text, slothSchema);
  if (!doc) return { services: [], warnings: [] };
  const warnings: ImportWarning[] = rest.map((d) =>
    warn(d.source, [], "a second document: Sloth reads one spec per file; it was left out"),
  );
  const sloth = doc.value;
  const name = serviceName(sloth.service);
  const base = skeleton(name, teamName(sloth.labels?.["owner"] ?? sloth.labels?.["team"]), "Sloth");
  const comments = [...base.comments];
  const spec = base.spec as { spec: Record<string, unknown> };
  const at = (path: (string | number)[], message: string) => warnings.push(warn(doc.source, path, message));
  if (name !== sloth.service)
    at(
      ["service"],
      `service ${sloth.service} is named ${name} (a spec's name is a DNS label of at most 30 characters)`,
    );
  for (const key of Object.keys(sloth.labels ?? {}).filter((k) => k !== "owner" && k !== "team"))
    at(
      ["labels", key],
      `label ${key} has no equivalent (our alerts carry service, slo, severity, team, namespace and region)`,
    );
  const chosen = chooseSlos(sloth, at);
  spec.spec = { ...spec.spec, ...objectivesOf(chosen, at, comments) };
  alertingOf(sloth, chosen, at, spec.spec, comments);
  return { services: [{ name, spec: base.spec, comments }], warnings };
}

/** The availability SLO (the first events SLO not named like latency) and the latency one, by index. */
interface Chosen {
  readonly availability?: { readonly slo: SlothSlo; readonly index: number };
  readonly latency?: { readonly slo: SlothSlo; readonly index: number; readonly thresholdMs: number };
}

function chooseSlos(sloth: SlothSpec, at: (path: (string | number)[], message: string) => void): Chosen {
  let chosen: Chosen = {};
  sloth.slos.forEach((s, index) => {
    const path = ["slos", index];
    if (!s.sli.events) {
      const kind = s.sli.raw ? "a raw error-ratio SLI" : "a plugin SLI";
      return at(
        [...path, "sli"],
        `SLO ${s.name} has ${kind}: our indicators are errors over total queries; it was left out`,
      );
    }
    const threshold = latencyThreshold(`${s.sli.events.error_query}\n${s.sli.events.total_query}`);
    const latencyLike = /latenc|duration|slow/i.test(`${s.name} ${s.labels?.["category"] ?? ""}`);
    if (latencyLike && threshold !== undefined && !chosen.latency)
      chosen = { ...chosen, latency: { slo: s, index, thresholdMs: threshold } };
    else if (!latencyLike && !chosen.availability) chosen = { ...chosen, availability: { slo: s, index } };
    else at(path, `SLO ${s.name}: a spec has one availability and one latency objective; it was left out`);
  });
  return chosen;
}

/** `objectives` and `indicators` from the chosen SLOs, with Sloth's period and windows. */
function objectivesOf(
  chosen: Chosen,
  at: (path: (string | number)[], message: string) => void,
  comments: SpecComment[],
): Record<string, unknown> {
  const { availability, latency } = chosen;
  const burnRates = burnRatesOf(availability?.slo ?? latency?.slo, at, availability?.index ?? latency?.index ?? 0);
  const objectives: Record<string, unknown> = {
    availability: availability?.slo.objective ?? latency?.slo.objective ?? 99.9,
    window: SLOTH_PERIODS.default,
    ...(burnRates ? { burnRates } : {}),
  };
  comments.push({
    path: ["spec", "objectives", "window"],
    text: `Sloth's default SLO period (--default-slo-period ${SLOTH_PERIODS.default})`,
  });
  if (!availability) {
    comments.push({
      path: ["spec", "indicators"],
      text: "TODO: the availability indicator (errors and total queries with {{window}})",
    });
    return {
      objectives,
      indicators: { none: { reason: "TODO: no Sloth SLO could become the availability indicator" } },
    };
  }
  const events = availability.slo.sli.events ?? { error_query: "", total_query: "" };
  const indicators: Record<string, unknown> = {
    availability: { errors: slothQuery(events.error_query), total: slothQuery(events.total_query) },
  };
  if (latency?.slo.sli.events) {
    objectives["latency"] = { threshold: `${latency.thresholdMs}ms`, percent: latency.slo.objective };
    indicators["latency"] = {
      errors: slothQuery(latency.slo.sli.events.error_query),
      total: slothQuery(latency.slo.sli.events.total_query),
    };
  }
  return { objectives, indicators };
}

/** Sloth's window pairs for an SLO, without those of a disabled page or ticket alert; undefined when both are disabled. */
function burnRatesOf(
  s: SlothSlo | undefined,
  at: (path: (string | number)[], message: string) => void,
  index: number,
): (typeof SLOTH_WINDOWS)[number][] | undefined {
  const disabled = new Set(
    (["page", "ticket"] as const).filter((severity) => s?.alerting?.[`${severity}_alert`]?.disable === true),
  );
  const pairs = SLOTH_WINDOWS.filter((w) => !disabled.has(w.severity));
  if (pairs.length > 0) return pairs;
  at(
    ["slos", index, "alerting"],
    "page and ticket alerts are both disabled: every measured service here has burn-rate alerts, so ours stay with their default windows",
  );
  return undefined;
}

/** Warnings for Sloth's alert names, labels and annotations, and the TODO of the routing. */
function alertingOf(
  sloth: SlothSpec,
  chosen: Chosen,
  at: (path: (string | number)[], message: string) => void,
  spec: Record<string, unknown>,
  comments: SpecComment[],
): void {
  for (const c of [chosen.availability, chosen.latency]) {
    const a = c?.slo.alerting;
    if (!c || !a) continue;
    const path = ["slos", c.index, "alerting"];
    if (a.name)
      at(
        [...path, "name"],
        `alert name ${a.name} has no equivalent: every SLO alert is ErrorBudgetBurn, told apart by its service and slo labels`,
      );
    for (const severity of ["page", "ticket"] as const) {
      const l = a[`${severity}_alert`]?.labels ?? {};
      if (Object.keys(l).length > 0)
        at(
          [...path, `${severity}_alert`, "labels"],
          `${severity} alert labels ${Object.entries(l)
            .map(([k, v]) => `${k}=${v}`)
            .join(", ")} have no equivalent: alerts route by severity to spec.alerting's receivers`,
        );
    }
    const runbook = a.annotations?.["runbook"] ?? a.annotations?.["runbook_url"];
    if (runbook)
      at(
        [...path, "annotations"],
        `runbook ${runbook}: set it as spec.alerting.runbook, with the page and ticket receivers`,
      );
  }
  if (sloth.slos.length > 0 && "objectives" in spec)
    comments.push({
      path: ["spec", "objectives"],
      text: "TODO: alerts go to the stack's defaultReceivers; add spec.alerting { page, ticket, runbook } to route them",
    });
}

/** A warning at a field of the Sloth file. */
function warn(source: SourceFile, path: readonly (string | number)[], message: string): ImportWarning {
  const p = source.locate(path);
  return { at: `${source.file}:${p.line}:${p.col}`, message };
}
