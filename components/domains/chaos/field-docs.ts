/**
 * Documentation of `spec.chaos`: meaning, default per tier and the Chaos Mesh objects each field
 * drives. The fields of the actions are documented from the action registry: which actions read a
 * field and each one's default.
 */

import { DEFAULTS, TIER_DEFAULTS } from "../../core/defaults.js";
import {
  always,
  byTier,
  doc,
  required,
  under,
  unset,
  type FieldDoc,
  type FieldDocs,
} from "../../core/spec/field-docs.js";
import type { ActionRegistry } from "./actions/action.js";
import { CHAOS_DEFAULTS } from "./defaults.js";

/**
 * The fields of a weekly window or one-off freeze (chaos blackouts, status maintenance windows),
 * local to the section's time zone.
 */
export function windowDocs(what: string, drives: string): FieldDocs {
  return {
    "[].name": doc(`Name of the ${what}.`, required, drives),
    "[].days": doc("Days of the week it covers (weekly window).", unset("every day, when from/to are set"), drives),
    "[].from": doc("Local time it starts each day, HH:MM.", unset("00:00 (weekly window)"), drives),
    "[].to": doc("Local time it ends each day, HH:MM (24:00: end of day).", unset("24:00 (weekly window)"), drives),
    "[].start": doc("Local date or date-time a one-off window starts.", unset("a weekly window"), drives),
    "[].end": doc("Local date or date-time a one-off window ends (exclusive).", unset("a weekly window"), drives),
  };
}

/** What the action-specific fields mean. */
const ACTION_FIELDS: Readonly<Record<string, string>> = {
  target: "A dependency (spec.dependencies[].name) the fault is aimed at.",
  containerNames: "Containers of the pod the action hits.",
  latency: "Delay added to each packet or request.",
  jitter: "Variation of the added delay.",
  lossPercent: "Percentage of packets dropped.",
  cpuWorkers: "CPU stress workers.",
  cpuLoad: "Load per CPU worker, percent.",
  memorySize: "Memory the stress worker takes, such as 256MB or 50%.",
  httpPath: "Request path the HTTP fault applies to (*: every path).",
};

/** One action-specific field: its meaning, which actions read it and each one's default. */
function actionField(actions: ActionRegistry, field: string): FieldDoc {
  const readers = actions.filter((a) => (field === "target" ? a.targeted !== "never" : field in a.params.shape));
  const defaults = readers.flatMap((a) =>
    field in a.defaults ? [`${a.action}: ${String((a.defaults as Record<string, unknown>)[field])}`] : [],
  );
  const fallback =
    field === "containerNames"
      ? "the workload's main container"
      : field === "target"
        ? "all egress or the service itself"
        : "none";
  return doc(
    `${ACTION_FIELDS[field] ?? field} Read by ${readers.map((a) => a.action).join(", ")}.`,
    unset(defaults.length > 0 ? `per action: ${defaults.join(", ")}` : fallback),
    `the ${[...new Set(readers.map((a) => a.kind))].join("/")} spec`,
  );
}

function experimentDocs(actions: ActionRegistry): FieldDocs {
  const fields = new Set(
    actions.flatMap((a) => [...(a.targeted === "never" ? [] : ["target"]), ...Object.keys(a.params.shape)]),
  );
  return {
    "": doc(
      "The experiments, each one action on a cron schedule.",
      always([]),
      "Schedule and Workflow objects per experiment and region",
    ),
    "[].name": doc("Experiment name, unique in the service.", required, "Schedule and Workflow names"),
    "[].action": doc(
      `The fault: ${actions.map((a) => a.action).join(", ")}.`,
      required,
      "the Chaos Mesh kind (PodChaos, NetworkChaos, ...)",
    ),
    "[].schedule": doc(
      "Cron expression of the runs, in chaos.timezone.",
      required,
      "Schedule spec.schedule and time zone; chaos calendar",
    ),
    "[].duration": doc(
      "How long the fault lasts (kills: how long the effect is watched).",
      always(CHAOS_DEFAULTS.duration),
      "Workflow deadline",
    ),
    "[].maxUnavailable": doc(
      "Pods the experiment hits: a count or a percentage.",
      always(CHAOS_DEFAULTS.maxUnavailable),
      "chaos mode and value; PodDisruptionBudget check",
    ),
    "[].hypothesis": doc(
      "What must hold while it runs (steady-state hypothesis).",
      unset("noPage: true"),
      "Workflow status checks (abort)",
    ),
    "[].hypothesis.noPage": doc(
      "No page alert of the service fires during the run.",
      always(true),
      "Workflow status check on page alerts",
    ),
    "[].hypothesis.expectAlert": doc(
      "An alert that must fire, proving the failure is detected.",
      unset("none"),
      "Workflow status check on the alert",
    ),
    "[].hypothesis.expectAlert.name": doc("Prometheus alert name.", required, "Workflow status check query"),
    "[].hypothesis.expectAlert.within": doc(
      "How soon the alert must fire.",
      required,
      "Workflow status check deadline",
    ),
    "[].regions": doc(
      "Regions it runs in (one after the other).",
      unset("every region of the service"),
      "one Schedule per region",
    ),
    ...Object.fromEntries([...fields].map((f) => [`[].${f}`, actionField(actions, f)])),
  };
}

/** Documentation of the chaos domain's section, for the actions of a registry. */
export function chaosFieldDocs(actions: ActionRegistry): FieldDocs {
  const hours = CHAOS_DEFAULTS.productionHoursCritical;
  return under("chaos", {
    "": doc(
      "Chaos Mesh experiments, their time zone, allowed hours and blackouts.",
      unset("no experiments"),
      "Chaos Mesh Schedules, Workflows and the control ConfigMap",
    ),
    enabled: doc(
      "Whether experiments run.",
      byTier((tier) => TIER_DEFAULTS[tier].chaosEnabled),
      "whether any chaos object is planned",
    ),
    timezone: doc(
      "IANA time zone of schedules, allowed hours and blackouts.",
      always(DEFAULTS.timezone),
      "Schedule timeZone; chaos calendar",
    ),
    allowedHours: doc(
      "Hours experiments may start in.",
      unset(`critical in production: ${hours.days.join(",")} ${hours.from}-${hours.to}; otherwise any time`),
      "Schedules split to stay within the hours",
    ),
    "allowedHours.days": doc("Days of the week.", unset("every day"), "Schedule cron expressions"),
    "allowedHours.from": doc("Local time the hours start, HH:MM.", required, "Schedule cron expressions"),
    "allowedHours.to": doc("Local time the hours end, HH:MM.", required, "Schedule cron expressions"),
    blackouts: doc(
      "Windows no experiment may run in.",
      always([]),
      "Schedules split around the windows; chaos calendar",
    ),
    ...under("blackouts", windowDocs("blackout", "Schedules split around the window")),
    ...under("experiments", experimentDocs(actions)),
  });
}
