/**
 * Cross-field rules for `spec.chaos`: what Chaos Mesh's admission webhooks would refuse (cron syntax,
 * container names), what the actions need (targets, protocols) and the blast radius the
 * PodDisruptionBudget allows. Each action's own fields are the schema's business.
 * @see https://chaos-mesh.org/docs/define-scheduling-rules/
 */

import { quote } from "../../core/spec/errors.js";
import { podMode, podsHit } from "../../core/pod-mode.js";
import { parseCron } from "../../core/cron.js";
import { isTimeZone, parseLocal, suggestTimeZone } from "../../core/zone.js";
import { ALERT_NAMES } from "../../core/conventions.js";
import { disruptionsAllowed } from "../workload/resolve.js";
import { actionNamed, type ActionRegistry, type ChaosActionRecord } from "./actions/action.js";
import type { ResolvedExperiment } from "./resolved.js";
import type { CheckContext, SpecCheck, SpecIssue } from "../../core/spec/checks.js";

const EXPERIMENTS = ["spec", "chaos", "experiments"] as const;

const timezoneKnown: SpecCheck = ({ input }) => {
  const tz = input.spec.chaos?.timezone;
  if (tz === undefined || isTimeZone(tz)) return [];
  const suggestion = suggestTimeZone(tz);
  const hint =
    suggestion === undefined
      ? "such as Europe/Berlin or America/New_York"
      : `spelt exactly (Chaos Mesh loads zones case-sensitively): did you mean ${suggestion}?`;
  return [
    {
      path: ["spec", "chaos", "timezone"],
      message: `must be an IANA time zone name ${hint}, got ${quote(tz)}`,
    },
  ];
};

const blackoutShape: SpecCheck = ({ input }) =>
  (input.spec.chaos?.blackouts ?? []).flatMap((b, i): SpecIssue[] => {
    const path = ["spec", "chaos", "blackouts", i];
    const weekly = b.days !== undefined || b.from !== undefined || b.to !== undefined;
    const oneOff = b.start !== undefined || b.end !== undefined;
    if (weekly && oneOff)
      return [
        { path, message: `must be either weekly (days, from, to) or one-off (start, end), got both in ${b.name}` },
      ];
    if (!weekly && !oneOff)
      return [
        { path, message: `must give days and/or from/to (weekly) or start/end (one-off), got neither in ${b.name}` },
      ];
    if (weekly && (b.from === undefined) !== (b.to === undefined))
      return [
        {
          path: [...path, b.from === undefined ? "from" : "to"],
          message: `must give from and to together, got only ${b.from === undefined ? "to" : "from"}`,
        },
      ];
    if (!oneOff) return [];
    if (b.start === undefined || b.end === undefined)
      return [
        {
          path: [...path, b.start === undefined ? "start" : "end"],
          message: `must give start and end together, got only ${b.start === undefined ? "end" : "start"}`,
        },
      ];
    const length = parseLocal(b.end) - parseLocal(b.start);
    if (length <= 0)
      return [{ path: [...path, "end"], message: `must be after start (${b.start}), got ${quote(b.end)}` }];
    if (length >= 365 * 86_400_000)
      return [
        {
          path: [...path, "end"],
          message: `must be less than a year after start (${b.start}) because a one-off freeze is applied to the same dates every year, got ${quote(b.end)}`,
        },
      ];
    return [];
  });

const allowedHoursNotEmpty: SpecCheck = ({ input }) => {
  const hours = input.spec.chaos?.allowedHours;
  if (!hours || hours.from !== hours.to) return [];
  const path = ["spec", "chaos", "allowedHours"];
  return [
    {
      path: [...path, "to"],
      related: [[...path, "from"]],
      message: `must differ from allowedHours.from (${hours.from}), because a window that ends when it starts reads as no time or as a whole day; for whole days write from: "00:00" and to: "24:00"; got ${quote(hours.to)}`,
    },
  ];
};

/** The checks of every experiment, reading each one's action from the registry. */
function experimentRules(actions: ActionRegistry): SpecCheck {
  return (context) =>
    context.service.chaos.experiments.flatMap((e, i) => {
      const action = actionNamed(actions, e.action);
      return [
        ...cronRule(e, i),
        ...targetRule(context, action, e, i),
        ...blastRadius(context, e, i),
        ...regionRule(context, i),
        ...protocolRule(context, action, i),
        ...hypothesisRule(e, i),
      ];
    });
}

function cronRule(e: ResolvedExperiment, i: number): SpecIssue[] {
  const parsed = parseCron(e.schedule);
  return parsed.ok
    ? []
    : [
        {
          path: [...EXPERIMENTS, i, "schedule"],
          message: `${parsed.error}; Chaos Mesh reads robfig/cron v3 syntax, got ${quote(e.schedule)}`,
        },
      ];
}

function targetRule(
  { service }: CheckContext,
  action: ChaosActionRecord,
  e: ResolvedExperiment,
  i: number,
): SpecIssue[] {
  const path = [...EXPERIMENTS, i, "target"];
  if (e.target === undefined)
    return action.targeted === "required"
      ? [
          {
            path: [...EXPERIMENTS, i],
            message: `must name a target dependency for ${e.action} (cutting off every dependency at once is an outage, not an experiment), got no target`,
          },
        ]
      : [];
  const dep = service.dependencies.find((d) => d.name === e.target);
  const declared = service.dependencies.map((d) => d.name).join(", ") || "none";
  if (!dep)
    return [
      {
        path,
        message: `must name a dependency declared in spec.dependencies (${declared}), got ${quote(e.target)}`,
      },
    ];
  if (dep.kind === "service" && dep.service === undefined)
    return [{ path, message: `must name a service dependency with its service field set, got ${quote(e.target)}` }];
  if (dep.kind !== "service" && dep.host === undefined)
    return [
      {
        path,
        message: `must name a dependency with a host (Chaos Mesh targets external endpoints by host name or IP), got ${quote(e.target)} which has none`,
      },
    ];
  return [];
}

function blastRadius({ service }: CheckContext, e: ResolvedExperiment, i: number): SpecIssue[] {
  const w = service.workload;
  const path = [...EXPERIMENTS, i, "maxUnavailable"];
  const mode = podMode(e.maxUnavailable);
  const asked = quote(e.maxUnavailable);
  const max = w.scaling.kind === "auto" ? w.scaling.max : w.minReplicas;
  for (let pods = w.minReplicas; pods <= max; pods++) {
    const hits = podsHit(mode, pods);
    const allowed = disruptionsAllowed(w.maxUnavailable, pods);
    if (hits > allowed) {
      return [
        {
          path,
          message: `must hit at most the ${allowed} pod${allowed === 1 ? "" : "s"} the PodDisruptionBudget allows (maxUnavailable ${quote(w.maxUnavailable)} at ${pods} replicas), got ${asked} which hits ${hits}`,
        },
      ];
    }
  }
  return podsHit(mode, w.minReplicas) === 0
    ? [
        {
          path,
          message: `must hit at least one of the ${w.minReplicas} pods (Chaos Mesh rounds percentages down), got ${asked}`,
        },
      ]
    : [];
}

function protocolRule({ service }: CheckContext, action: ChaosActionRecord, i: number): SpecIssue[] {
  if (action.kind !== "HTTPChaos" || service.workload.protocol === "http") return [];
  return [
    {
      path: [...EXPERIMENTS, i, "action"],
      message: `must not be an HTTP fault for a ${service.workload.protocol} service (Chaos Mesh's HTTPChaos proxies HTTP/1 only), got ${action.action}`,
    },
  ];
}

/** Declared regions the service does not run in (read as written: the resolved list keeps only the service's). */
function regionRule({ service, input }: CheckContext, i: number): SpecIssue[] {
  return (input.spec.chaos?.experiments?.[i]?.regions ?? []).flatMap((r, j): SpecIssue[] =>
    service.regions.includes(r)
      ? []
      : [
          {
            path: [...EXPERIMENTS, i, "regions", j],
            message: `must be one of the service's regions (${quote(service.regions)}), got ${quote(r)}`,
          },
        ],
  );
}

function hypothesisRule(e: ResolvedExperiment, i: number): SpecIssue[] {
  const h = e.hypothesis;
  const pages: string[] = [ALERT_NAMES.burn];
  if (!h.expectAlert || !h.noPage || !pages.includes(h.expectAlert.name)) return [];
  return [
    {
      path: [...EXPERIMENTS, i, "hypothesis", "noPage"],
      message: `must be false when the experiment expects the page alert ${h.expectAlert.name} to fire, got ${String(h.noPage)}`,
    },
  ];
}

const uniqueNames: SpecCheck = ({ input }) => {
  const seen = new Set<string>();
  return (input.spec.chaos?.experiments ?? []).flatMap((e, i): SpecIssue[] => {
    if (!seen.has(e.name)) return (seen.add(e.name), []);
    return [
      {
        path: [...EXPERIMENTS, i, "name"],
        message: `must be unique among the service's experiments, got ${quote(e.name)} twice`,
      },
    ];
  });
};

/** Every chaos check, for the actions of a registry. */
export function chaosChecks(actions: ActionRegistry): readonly SpecCheck[] {
  return [timezoneKnown, blackoutShape, allowedHoursNotEmpty, experimentRules(actions), uniqueNames];
}
