/**
 * The fail-closed gate every run passes before it injects: a Chaos Mesh `Task` whose pod reads the
 * service's control state (the `reliability-chaos-control` ConfigMap) and the planned stops (the
 * `reliability-chaos-stops` ConfigMap), both mounted non-optional, and asks Prometheus the
 * budget-gate query. Its script exits 0 only when the service is active (or its freeze has ended),
 * no stop meets the run, AND Prometheus answered 200 within the time limit with exactly an empty vector; any
 * other outcome exits non-zero, and the Task's only conditional branch (`exitCode == 0`) then
 * spawns nothing. A pod that never finishes (image not pulled, ConfigMap missing) leaves the branch
 * unevaluated, so nothing is injected either.
 * @see https://chaos-mesh.org/docs/create-chaos-mesh-workflow/
 * @see https://github.com/chaos-mesh/chaos-mesh/blob/master/pkg/workflow/controllers/task_reconciler.go
 */

import { CHAOS_CONTROL, CHAOS_STOPS } from "../../core/chaos-conventions.js";
import { pullPolicyFor } from "../../core/images.js";
import type { GateSettings } from "./resolved.js";

/** The only answer of Prometheus's `/api/v1/query` that opens the gate: success with an empty vector. */
export const GATE_PASS_BODY = '{"status":"success","data":{"resultType":"vector","result":[]}}';

/** The expression that selects the run branch: the gate's container exited 0. */
export const GATE_PASS_EXPRESSION = "exitCode == 0";

/**
 * Exit codes of the gate script, one per reason it closes (the Task's pod status shows which).
 * Every code but `pass` stops the run.
 */
export const GATE_EXIT = {
  pass: 0,
  noControl: 3,
  paused: 4,
  frozen: 5,
  badControl: 6,
  queryFailed: 7,
  budget: 8,
  stopped: 9,
} as const;

/** Environment variables the script reads; the gate's container sets them. */
export const GATE_ENV = {
  service: "GATE_SERVICE",
  url: "GATE_URL",
  controlDir: "GATE_CONTROL_DIR",
  maxTime: "GATE_MAX_TIME",
  schedule: "GATE_SCHEDULE",
  runSeconds: "GATE_RUN_SECONDS",
  stopsFile: "GATE_STOPS_FILE",
} as const;

/** Where the gate's pod mounts the stops ConfigMap (one-off freezes and daylight-saving change-day runs). */
const STOPS_MOUNT = "/etc/reliability/chaos-stops";
const STOPS_VOLUME = "chaos-stops";

/**
 * The POSIX sh script of the gate. A freeze's `until` must be UTC RFC 3339 without fractions
 * (`2026-12-01T08:00:00Z`), which the freeze command writes; it is compared as 14 digits. A stop
 * (`<schedule|*> <from> <until> <reason>`, epoch seconds) of this Schedule or of all of them that
 * meets the run's window, from now for `GATE_RUN_SECONDS`, closes it.
 */
export const GATE_SCRIPT = [
  "set -u",
  `svc="$${GATE_ENV.service}"; dir="$${GATE_ENV.controlDir}"`,
  `field() { cat "$dir/$svc.$1" 2>/dev/null; }`,
  `state="$(field state)" || { echo "closed: no control state for $svc"; exit ${GATE_EXIT.noControl}; }`,
  `case "$state" in`,
  "  active) ;;",
  `  paused) echo "closed: paused by $(field by) ($(field reason))"; exit ${GATE_EXIT.paused} ;;`,
  "  frozen)",
  `    until="$(field until | tr -dc 0-9)"; now="$(date -u +%Y%m%d%H%M%S)"`,
  `    [ "\${#until}" -eq 14 ] || { echo "closed: frozen with an unreadable until"; exit ${GATE_EXIT.badControl}; }`,
  `    [ "$now" -ge "$until" ] || { echo "closed: frozen until $(field until) ($(field reason))"; exit ${GATE_EXIT.frozen}; } ;;`,
  `  *) echo "closed: unknown control state $state"; exit ${GATE_EXIT.badControl} ;;`,
  "esac",
  `now="$(date -u +%s)"; end=$((now + $${GATE_ENV.runSeconds}))`,
  `[ -r "$${GATE_ENV.stopsFile}" ] || { echo "closed: no stops list"; exit ${GATE_EXIT.noControl}; }`,
  `while read -r sched from until reason || [ -n "$sched" ]; do`,
  `  case "$sched" in "*"|"$${GATE_ENV.schedule}") ;; *) continue ;; esac`,
  `  case "$from$until" in ""|*[!0-9]*) echo "closed: unreadable stop $sched $from $until"; exit ${GATE_EXIT.badControl} ;; esac`,
  `  if [ "$from" -lt "$end" ] && [ "$now" -lt "$until" ]; then echo "closed: stopped ($reason)"; exit ${GATE_EXIT.stopped}; fi`,
  `done < "$${GATE_ENV.stopsFile}"`,
  `body="$(curl --silent --show-error --fail --max-time "$${GATE_ENV.maxTime}" "$${GATE_ENV.url}")" || { echo "closed: budget query failed"; exit ${GATE_EXIT.queryFailed}; }`,
  `[ "$body" = '${GATE_PASS_BODY}' ] || { echo "closed: budget alerts firing or an unexpected answer"; exit ${GATE_EXIT.budget}; }`,
  'echo "open"',
].join("\n");

/** What the gate Task of one run is built from. */
export interface GateInput {
  /** The service whose control state and alerts it reads. */
  readonly service: string;
  /** The Schedule's name, as the stops list names it. */
  readonly schedule: string;
  /** Seconds a run occupies from firing. */
  readonly runSeconds: number;
  /** The budget-gate URL (the stack's Prometheus with the gate query). */
  readonly gateUrl: string;
  /** The gate's pod settings. */
  readonly settings: GateSettings;
}

/** The gate's `task`: one container running the script, with the control ConfigMap mounted (non-optional). */
export function gateTask(input: GateInput): Record<string, unknown> {
  const { settings } = input;
  const resources = { cpu: settings.cpu, memory: settings.memory };
  return {
    container: {
      name: CHAOS_CONTROL.container,
      image: settings.image,
      imagePullPolicy: pullPolicyFor(settings.image),
      command: ["/bin/sh", "-c", GATE_SCRIPT],
      env: [
        { name: GATE_ENV.service, value: input.service },
        { name: GATE_ENV.url, value: input.gateUrl },
        { name: GATE_ENV.controlDir, value: CHAOS_CONTROL.mountPath },
        { name: GATE_ENV.maxTime, value: String(settings.queryTimeoutSeconds) },
        { name: GATE_ENV.schedule, value: input.schedule },
        { name: GATE_ENV.runSeconds, value: String(input.runSeconds) },
        { name: GATE_ENV.stopsFile, value: `${STOPS_MOUNT}/${CHAOS_STOPS.key}` },
      ],
      resources: { requests: { ...resources }, limits: { ...resources } },
      volumeMounts: [
        { name: CHAOS_CONTROL.volume, mountPath: CHAOS_CONTROL.mountPath, readOnly: true },
        { name: STOPS_VOLUME, mountPath: STOPS_MOUNT, readOnly: true },
      ],
    },
    volumes: [
      { name: CHAOS_CONTROL.volume, configMap: { name: CHAOS_CONTROL.configMap, optional: false } },
      { name: STOPS_VOLUME, configMap: { name: CHAOS_STOPS.configMap, optional: false } },
    ],
  };
}
