/**
 * The Kener monitor of each status-page check: an `API` monitor with the endpoint's request, a
 * check every interval (Kener runs checks on cron minutes, so a shorter interval becomes every
 * minute), the failure threshold as its confirmation threshold, and an evaluation function that
 * passes the endpoint's status codes and reports a check slower than its latency bound as
 * DEGRADED. Pure.
 * @see https://github.com/rajnandan1/kener
 */

import { KENER_NAMES } from "../../../core/status-page.js";
import { formatDuration } from "../../../core/units.js";
import { describeStatusCodes, type PageCheck } from "../page.js";
import type { ResolvedEndpoint } from "../resolved.js";
import type { MonitorInput } from "./api.js";

const MINUTE = 60_000;

/** Five-field cron of checks every `intervalMs`, rounded up to whole minutes (Kener's finest step). */
export function cronOf(intervalMs: number): string {
  const minutes = Math.max(1, Math.ceil(intervalMs / MINUTE));
  if (minutes >= 60) return "0 * * * *";
  return minutes === 1 ? "* * * * *" : `*/${minutes} * * * *`;
}

/** The JavaScript condition that a status code passes. */
function statusTest(codes: readonly number[]): string {
  return codes.length === 0 ? "statusCode >= 200 && statusCode < 300" : `[${codes.join(", ")}].includes(statusCode)`;
}

/** Kener's evaluation function for an endpoint: DOWN on another status, DEGRADED when slower than its bound. */
export function evalOf(endpoint: ResolvedEndpoint): string {
  const latency =
    endpoint.latencyMs === undefined ? `"UP"` : `responseTime > ${endpoint.latencyMs} ? "DEGRADED" : "UP"`;
  return [
    "(async function (statusCode, responseTime) {",
    `  if (!(${statusTest(endpoint.statusCodes)})) return { status: "DOWN", latency: responseTime };`,
    `  return { status: ${latency}, latency: responseTime };`,
    "})",
  ].join("\n");
}

/** The description of a monitor: what it checks, then the mark of the monitors the sync manages. */
function descriptionOf(check: PageCheck, stack: string): string {
  const e = check.endpoint;
  const slow = e.latencyMs === undefined ? "" : `, degraded above ${formatDuration(e.latencyMs)}`;
  return `${check.group} / ${e.component}: ${e.method} ${e.url} (${describeStatusCodes(e.statusCodes)}${slow})\n${KENER_NAMES.managedMarker(stack)}`;
}

/** The monitor a check of a stack should have in Kener. */
export function monitorOf(check: PageCheck, stack: string): MonitorInput {
  const e = check.endpoint;
  return {
    tag: KENER_NAMES.monitorTag(check.service, e.name),
    name: check.name,
    description: descriptionOf(check, stack),
    cron: cronOf(check.status.intervalMs),
    monitor_type: "API",
    type_data: {
      url: e.url,
      method: e.method,
      headers: [],
      body: "",
      timeout: e.timeoutMs,
      allowSelfSignedCert: false,
      eval: evalOf(e),
    },
    confirmation_threshold: check.status.failureThreshold,
  };
}

/** Whether a monitor's description carries the mark of the monitors the sync of `stack` manages. */
export function isManaged(description: string | null | undefined, stack: string): boolean {
  return (description ?? "").trimEnd().endsWith(KENER_NAMES.managedMarker(stack));
}
