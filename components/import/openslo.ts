/**
 * `reliability import openslo`: OpenSLO v1 documents (SLOs with inline or referenced SLIs, alert
 * policies and conditions) to one spec per service. A ratio SLO becomes the availability objective
 * (one named like latency, with an `le` bucket in its queries, the latency objective); the time
 * window the SLO window; each burn-rate alert condition a window pair whose factor is its threshold.
 * @see https://github.com/OpenSLO/OpenSLO#slo
 */

import type { SourceFile } from "../core/spec/positions.js";
import { tidy } from "../core/windows.js";
import type { ImportedDocument } from "./source.js";
import { readDocuments } from "./source.js";
import { openSloDocument, type OpenSloDocument, type OpenSloSlo, type OpenSloSliSpec } from "./openslo-schema.js";
import { burnRatesOf } from "./openslo-alerts.js";
import { latencyThreshold, windowedQuery } from "./queries.js";
import { skeleton, serviceName } from "./skeleton.js";
import type { ImportedService, ImportResult, ImportWarning, SpecComment } from "./types.js";
import { shorthandMs, specWindow } from "./windows.js";

/** Reports a warning at a path of a document. */
export type Warn = (source: SourceFile, path: readonly (string | number)[], message: string) => void;

/** The documents of a file, by kind and name, for the references between them. */
export interface OpenSloIndex {
  readonly byName: (kind: string, name: string) => ImportedDocument<OpenSloDocument> | undefined;
}

/** Converts an OpenSLO v1 file. */
export function importOpenSlo(file: string, text: string): ImportResult {
  const docs = readDocuments(file, text, openSloDocument);
  const warnings: ImportWarning[] = [];
  const warn: Warn = (source, path, message) => {
    const p = source.locate(path);
    warnings.push({ at: `${source.file}:${p.line}:${p.col}`, message });
  };
  const index: OpenSloIndex = {
    byName: (kind, name) =>
      docs.find((d) => d.value.kind === kind && (d.value.metadata as { name?: unknown } | undefined)?.name === name),
  };
  for (const d of docs)
    if (["Service", "DataSource", "AlertNotificationTarget"].includes(d.value.kind))
      warn(
        d.source,
        ["kind"],
        `${d.value.kind} has no equivalent here (services are specs, data sources and notification targets belong to the stack); it was left out`,
      );
  const slos = docs.filter((d): d is ImportedDocument<OpenSloSlo> => d.value.kind === "SLO");
  const services = [...new Set(slos.map((s) => s.value.spec.service))].map((service) =>
    serviceOf(
      service,
      slos.filter((s) => s.value.spec.service === service),
      index,
      warn,
    ),
  );
  return { services, warnings };
}

/** An SLO with its SLI resolved. */
interface Measured {
  readonly doc: ImportedDocument<OpenSloSlo>;
  readonly sli: OpenSloSliSpec;
  readonly queries: { readonly errors?: string; readonly good?: string; readonly total: string };
}

function serviceOf(
  service: string,
  slos: ImportedDocument<OpenSloSlo>[],
  index: OpenSloIndex,
  warn: Warn,
): ImportedService {
  const name = serviceName(service);
  const first = slos[0];
  if (first && name !== service)
    warn(
      first.source,
      ["spec", "service"],
      `service ${service} is named ${name} (a spec's name is a DNS label of at most 30 characters)`,
    );
  const base = skeleton(name, undefined, "OpenSLO");
  const comments = [...base.comments];
  const measured = slos.flatMap((s) => measure(s, index, warn));
  const latency = measured.find(
    (m) => isLatency(m) && latencyThreshold(Object.values(m.queries).join("\n")) !== undefined,
  );
  const availability = measured.find((m) => m !== latency);
  for (const m of measured.filter((x) => x !== latency && x !== availability))
    warn(
      m.doc.source,
      ["metadata", "name"],
      `SLO ${m.doc.value.metadata.name}: a spec has one availability and one latency objective; it was left out`,
    );
  const main = availability ?? latency ?? (first ? { doc: first } : undefined);
  const windowMs = main ? windowOf(main.doc, warn) : 30 * 86_400_000;
  const burnRates = main ? burnRatesOf(main.doc, windowMs, index, warn) : undefined;
  const objectives: Record<string, unknown> = {
    availability: main ? percentOf(main.doc, warn) : 99.9,
    window: specWindow(windowMs) ?? "30d",
    ...(burnRates && burnRates.length > 0 ? { burnRates } : {}),
  };
  const spec = base.spec as { spec: Record<string, unknown> };
  spec.spec = { ...spec.spec, objectives, indicators: indicatorsOf(availability, latency, objectives, warn, comments) };
  comments.push({
    path: ["spec", "objectives"],
    text: "TODO: alerts go to the stack's defaultReceivers; add spec.alerting { page, ticket, runbook } to route them",
  });
  return { name, spec: base.spec, comments };
}

function indicatorsOf(
  availability: Measured | undefined,
  latency: Measured | undefined,
  objectives: Record<string, unknown>,
  warn: Warn,
  comments: SpecComment[],
): Record<string, unknown> {
  if (!availability) {
    comments.push({
      path: ["spec", "indicators"],
      text: "TODO: the availability indicator (errors and total queries with {{window}})",
    });
    return { none: { reason: "TODO: no OpenSLO SLO could become the availability indicator" } };
  }
  const q = availability.queries;
  const errors = q.errors ?? `(${q.total})\n-\n(${q.good ?? ""})`;
  const out: Record<string, unknown> = { availability: { errors, total: q.total } };
  if (latency) {
    objectives["latency"] = {
      threshold: `${latencyThreshold(Object.values(latency.queries).join("\n"))}ms`,
      percent: percentOf(latency.doc, warn),
    };
    out["latency"] = { ...latency.queries };
  }
  return out;
}

const isLatency = (m: Measured): boolean =>
  /latenc|duration|slow/i.test(`${m.doc.value.metadata.name} ${m.doc.value.metadata.displayName ?? ""}`);

/** The SLO's SLI and its queries with `{{window}}`; nothing (with a warning) when it has no equivalent. */
function measure(doc: ImportedDocument<OpenSloSlo>, index: OpenSloIndex, warn: Warn): Measured[] {
  const spec = doc.value.spec;
  const ref = spec.indicatorRef === undefined ? undefined : index.byName("SLI", spec.indicatorRef);
  if (spec.indicatorRef !== undefined && !ref) {
    warn(doc.source, ["spec", "indicatorRef"], `SLI ${spec.indicatorRef} is not in this file; the SLO was left out`);
    return [];
  }
  const sli = (spec.indicator?.spec ?? (ref?.value as { spec: OpenSloSliSpec } | undefined)?.spec) as OpenSloSliSpec;
  const at = spec.indicator ? ["spec", "indicator", "spec"] : ["spec", "indicatorRef"];
  const ratio = sli.ratioMetric;
  if (!ratio || ratio.raw) {
    warn(
      doc.source,
      at,
      `${ratio ? "a raw ratio" : "a threshold metric"} has no equivalent (our indicators are PromQL ratios of events); the SLO was left out`,
    );
    return [];
  }
  const query = (part: "good" | "bad" | "total"): string | undefined => {
    const source = ratio[part]?.metricSource;
    if (!source) return undefined;
    const text = source.spec["query"];
    const windowed =
      /^prometheus$/i.test(source.type ?? "") && typeof text === "string"
        ? windowedQuery(text, ratio.counter ?? false)
        : undefined;
    if (windowed === undefined)
      warn(
        doc.source,
        [...at, "ratioMetric", part],
        `the ${part} query must be a Prometheus query this tool can put a {{window}} in (type ${source.type ?? "unset"}); the SLO was left out`,
      );
    return windowed;
  };
  const total = query("total");
  const good = ratio.good ? query("good") : undefined;
  const errors = ratio.bad ? query("bad") : undefined;
  if (total === undefined || (good === undefined && errors === undefined)) return [];
  if (ratio.counter !== true)
    warn(
      doc.source,
      [...at, "ratioMetric"],
      "counter is not true: the queries' ranges were set to {{window}}, which reads them as rates",
    );
  return [{ doc, sli, queries: { total, ...(good ? { good } : {}), ...(errors ? { errors } : {}) } }];
}

/** The objective's target in percent (the first objective; the others are reported). */
function percentOf(doc: ImportedDocument<OpenSloSlo>, warn: Warn): number {
  const [o, ...rest] = doc.value.spec.objectives;
  rest.forEach((_, i) =>
    warn(doc.source, ["spec", "objectives", i + 1], "a second objective of one SLO has no equivalent; it was left out"),
  );
  if (doc.value.spec.budgetingMethod !== "Occurrences")
    warn(
      doc.source,
      ["spec", "budgetingMethod"],
      `${doc.value.spec.budgetingMethod} has no equivalent: the budget here counts events (Occurrences)`,
    );
  return o?.targetPercent ?? tidy((o?.target ?? 0.999) * 100);
}

/** The SLO window in milliseconds: the rolling duration (a month read as 30d, a quarter as 90d). */
function windowOf(doc: ImportedDocument<OpenSloSlo>, warn: Warn): number {
  const w = doc.value.spec.timeWindow?.[0];
  const path = ["spec", "timeWindow", 0];
  if (!w) {
    warn(doc.source, ["spec"], "no timeWindow: the window is 30d");
    return 30 * 86_400_000;
  }
  if (w.calendar || w.isRolling === false)
    warn(doc.source, path, "a calendar-aligned window has no equivalent: the window here rolls");
  const ms = shorthandMs(w.duration);
  if (Number.isFinite(ms) && ms >= 86_400_000 && ms <= 90 * 86_400_000) return ms;
  warn(
    doc.source,
    [...path, "duration"],
    `a window of ${w.duration} has no equivalent (between 1d and 90d); the window is 30d`,
  );
  return 30 * 86_400_000;
}
