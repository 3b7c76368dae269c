/**
 * A Gatus configuration of the status checks: one endpoint per check with its group, URL, method,
 * interval and timeout; conditions on the status code, the latency bound and (https) the
 * certificate's remaining validity; an alert with the check's failure and success thresholds that
 * reports the recovery, through the page or the ticket provider by the service's tier; and the
 * weekly maintenance windows as Gatus's per-endpoint windows. Gatus has only recurring windows, so a
 * one-off window is left out with a note. Checked against the strict Gatus schema. Pure.
 * @see https://github.com/TwiN/gatus#endpoints
 */

import { Document, isScalar, visit } from "yaml";
import { minutesOf } from "../../../core/zone.js";
import { KENER_NAMES } from "../../../core/status-page.js";
import { WEEKDAY_NUMBER } from "../../chaos/windows.js";
import type { PageCheck } from "../page.js";
import type { MaintenanceWindowInput } from "../schema.js";
import { gatusAlertTypes, type StatusStackSettings } from "../settings.js";
import { GATUS_DEFAULTS } from "./defaults.js";
import {
  GATUS_DAYS,
  gatusConfigSchema,
  type GatusConfig,
  type GatusEndpoint,
  type GatusMaintenance,
} from "./schema.js";

/** The rendered configuration and what could not be expressed in it. */
export interface GatusRendering {
  /** The configuration, valid against the Gatus schema. */
  readonly config: GatusConfig;
  /** What was left out and why, one sentence each. */
  readonly notes: readonly string[];
}

const DAY_MINUTES = 1440;

/** A Go duration of whole seconds, in hours, minutes and seconds (`1h30m`, `30s`). */
export function goDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s || total === 0 ? `${s}s` : ""}`;
}

/** The conditions of a check: status codes, latency bound, certificate validity. */
export function conditionsOf(check: PageCheck): string[] {
  const e = check.endpoint;
  const codes = e.statusCodes;
  const status =
    codes.length === 0
      ? ["[STATUS] >= 200", "[STATUS] < 300"]
      : [codes.length === 1 ? `[STATUS] == ${codes[0]}` : `[STATUS] == any(${codes.join(", ")})`];
  const failDays = Math.min(GATUS_DEFAULTS.certificateFailDays, check.status.certificateExpiryDays);
  return [
    ...status,
    ...(e.latencyMs === undefined ? [] : [`[RESPONSE_TIME] < ${e.latencyMs}`]),
    ...(e.tls ? [`[CERTIFICATE_EXPIRATION] > ${failDays * 24}h`] : []),
  ];
}

/** A weekly window as a Gatus window: its start, its length (at most a day) and its days. */
export function maintenanceOf(w: MaintenanceWindowInput, timezone: string): GatusMaintenance {
  const from = minutesOf(w.from ?? "00:00");
  const to = minutesOf(w.to ?? "24:00");
  const length = to > from ? to - from : to + DAY_MINUTES - from;
  const every = (w.days ?? []).map((d) => GATUS_DAYS[WEEKDAY_NUMBER[d] ?? 0] ?? "Sunday");
  const hhmm = `${String(Math.floor(from / 60)).padStart(2, "0")}:${String(from % 60).padStart(2, "0")}`;
  return { start: hhmm, duration: goDuration(length * 60_000), timezone, ...(every.length ? { every } : {}) };
}

/** Text Gatus accepts in an alert description: no `"` or `\\`. */
const gatusText = (text: string) => text.replaceAll('"', "'").replaceAll("\\", "/");

function endpointOf(check: PageCheck, settings: StatusStackSettings | undefined): GatusEndpoint {
  const { endpoint: e, status } = check;
  const page = status.downSeverity === "page";
  const windows = status.maintenance.filter((w) => w.start === undefined).map((w) => maintenanceOf(w, status.timezone));
  const tag = KENER_NAMES.monitorTag(check.service, e.name);
  return {
    name: check.name,
    group: check.group,
    url: e.url,
    method: e.method,
    interval: goDuration(status.intervalMs),
    client: { timeout: goDuration(e.timeoutMs) },
    conditions: conditionsOf(check),
    alerts: [
      {
        type: page ? gatusAlertTypes(settings).page : gatusAlertTypes(settings).ticket,
        "failure-threshold": status.failureThreshold,
        "success-threshold": status.successThreshold,
        "send-on-resolved": true,
        description: gatusText(
          `${check.name} (${tag}) is down: ${e.method} ${e.url} failed ${status.failureThreshold} check${status.failureThreshold === 1 ? "" : "s"} in a row`,
        ),
      },
    ],
    ...(windows.length ? { "maintenance-windows": windows } : {}),
  };
}

/**
 * Renders the Gatus configuration of the checks.
 * @throws Error when the result does not pass the Gatus schema (a defect: the inputs are validated specs).
 */
export function renderGatus(checks: readonly PageCheck[], settings: StatusStackSettings | undefined): GatusRendering {
  const notes = checks
    .filter((c, i) => checks.findIndex((o) => o.service === c.service) === i)
    .flatMap((c) =>
      c.status.maintenance
        .filter((w) => w.start !== undefined)
        .map(
          (w) =>
            `service ${c.service}: maintenance window ${w.name} (${w.start} to ${w.end ?? "?"}) is one-off; Gatus has only daily and weekly windows, so it is left out (its alerts are silenced in Prometheus only)`,
        ),
    );
  const parsed = gatusConfigSchema.safeParse({ endpoints: checks.map((c) => endpointOf(c, settings)) });
  if (!parsed.success)
    throw new Error(
      `internal: the rendered Gatus configuration breaks its schema: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return { config: parsed.data, notes };
}

/** The configuration as YAML, times of day quoted (an unquoted `04:00` is a number to YAML 1.1 readers). */
export function gatusYaml(config: GatusConfig): string {
  const doc = new Document(config);
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === "start" && isScalar(pair.value)) pair.value.type = "QUOTE_DOUBLE";
    },
  });
  return doc.toString({ lineWidth: 0 });
}
