/**
 * Cross-field rules for `spec.workload` and `spec.regions`.
 */

import { isProduction } from "../../core/conventions.js";
import { DEFAULTS, TIER_DEFAULTS } from "../../core/defaults.js";
import type { ResolvedProbe } from "./resolved.js";
import { cpuMillicores, humanDuration, memoryBytes } from "../../core/units.js";
import { quote } from "../../core/spec/errors.js";
import type { PathSegment } from "../../core/spec/positions.js";
import type { CheckContext, SpecCheck, SpecIssue } from "../../core/spec/checks.js";

const PROBES = ["startup", "liveness", "readiness"] as const;

const regionsDefinedByStack: SpecCheck = ({ service, stack }) => {
  if (!stack) return [];
  const defined = Object.keys(stack.regions);
  return service.regions.flatMap((region, i): SpecIssue[] =>
    defined.includes(region)
      ? []
      : [
          {
            path: ["spec", "regions", i],
            message: `must be a region the stack ${stack.stack} defines (${defined.join(", ")}), got ${quote(region)}; narrow the regions for environment ${stack.environment} under spec.environments.${stack.environment}.regions`,
          },
        ],
  );
};

const oneHandlerPerProbe: SpecCheck = ({ input }) =>
  PROBES.flatMap((name): SpecIssue[] => {
    const probe = input.spec.workload.probes[name];
    if (!probe) return [];
    const set = (["http", "tcp", "grpc", "exec"] as const).filter((h) => probe[h] !== undefined);
    if (set.length === 1 || (name === "startup" && set.length === 0)) return [];
    const got = set.length === 0 ? "none" : set.join(" and ");
    return [
      {
        path: ["spec", "workload", "probes", name],
        message: `must set exactly one check of http, tcp, grpc or exec, got ${got}`,
      },
    ];
  });

const replicasOrAutoscaling: SpecCheck = ({ input }) => {
  const w = input.spec.workload;
  const issues: SpecIssue[] = [];
  if (w.replicas !== undefined && w.autoscaling !== undefined) {
    issues.push({
      path: ["spec", "workload", "replicas"],
      message: `must not be set together with autoscaling (the autoscaler owns the replica count), got ${w.replicas}`,
    });
  }
  if (w.autoscaling && w.autoscaling.min > w.autoscaling.max) {
    issues.push({
      path: ["spec", "workload", "autoscaling", "min"],
      message: `must be at most autoscaling.max (${w.autoscaling.max}), got ${w.autoscaling.min}`,
    });
  }
  return issues;
};

const livenessSlowerThanReadiness: SpecCheck = ({ service, input }) => {
  const { liveness, readiness } = service.workload.probes;
  const declared = input.spec.workload.probes.liveness;
  if (window(liveness) > window(readiness)) return [];
  const field = declared.failureThreshold !== undefined ? "failureThreshold" : "periodSeconds";
  return [
    {
      path: ["spec", "workload", "probes", "liveness", field],
      message: `must give liveness a failure window (periodSeconds × failureThreshold) longer than readiness's ${window(readiness)}s, so a slow pod is taken out of traffic before it is restarted; got ${liveness.periodSeconds}s × ${liveness.failureThreshold} = ${window(liveness)}s`,
    },
  ];
};

const timeoutWithinPeriod: SpecCheck = ({ service }) =>
  PROBES.flatMap((name): SpecIssue[] => {
    const p = service.workload.probes[name];
    return p.timeoutSeconds <= p.periodSeconds
      ? []
      : [
          {
            path: ["spec", "workload", "probes", name, "timeoutSeconds"],
            message: `must be at most periodSeconds (${p.periodSeconds}) so checks do not overlap, got ${p.timeoutSeconds}`,
          },
        ];
  });

const someoneStaysUp: SpecCheck = ({ service }) => {
  const w = service.workload;
  if (service.tier === "best-effort" || w.disruptionsAllowed < w.minReplicas) return [];
  return [
    {
      path: ["spec", "workload", "disruption", "maxUnavailable"],
      message: `must leave at least one of the ${w.minReplicas} replicas running during voluntary disruptions for a ${service.tier} service, got ${JSON.stringify(w.maxUnavailable)} (allows ${w.disruptionsAllowed})`,
    },
  ];
};

const multiRegionInProduction: SpecCheck = ({ service, stack }) => {
  if (
    !stack ||
    !isProduction(stack.environment) ||
    !TIER_DEFAULTS[service.tier].multiRegionInProd ||
    service.regions.length >= 2
  )
    return [];
  return [
    {
      path: ["spec", "regions"],
      message: `must list at least 2 regions for a ${service.tier} service in ${stack.environment}, so one region's outage is survivable; got ${JSON.stringify(service.regions)}`,
    },
  ];
};

const RESOURCE_PAIRS = [
  { request: "memory", limit: "memoryLimit", value: memoryBytes },
  { request: "cpu", limit: "cpuLimit", value: cpuMillicores },
  { request: "ephemeralStorage", limit: "ephemeralStorageLimit", value: memoryBytes },
] as const;

const limitsCoverRequests: SpecCheck = ({ service, input }) => {
  const resources = service.workload.resources;
  const declared = input.spec.workload.resources ?? {};
  return RESOURCE_PAIRS.flatMap(({ request, limit, value }): SpecIssue[] => {
    const [asked, cap] = [resources[request], resources[limit]];
    if (cap === undefined || (value(asked) ?? 0) <= (value(cap) ?? Number.POSITIVE_INFINITY)) return [];
    const field = declared[limit] !== undefined ? limit : request;
    return [
      {
        path: ["spec", "workload", "resources", field],
        message: `must keep ${limit} at least ${request}, because the API server refuses a container whose limit is below its request; got ${request} ${asked} and ${limit} ${cap}`,
      },
    ];
  });
};

const writablePathsUnique: SpecCheck = ({ input }) =>
  (input.spec.workload.writablePaths ?? []).flatMap((path, i, all): SpecIssue[] =>
    all.indexOf(path) === i
      ? []
      : [
          {
            path: ["spec", "workload", "writablePaths", i],
            message: `must not repeat a path, because the API server refuses two volume mounts at the same path; got ${quote(path)} again`,
          },
        ],
  );

/**
 * Longest shutdown grace (drain + request timeout + margin), in seconds. Kubernetes sets no upper
 * bound on `terminationGracePeriodSeconds`, but the machinery that removes pods does: the Cluster
 * Autoscaler kills a pod still terminating after `--max-graceful-termination-sec` (600 s by
 * default) when it scales a node down, so a longer grace is cut there anyway, and a rollout or node
 * drain waiting that long per pod stalls for hours. Ten minutes is the bound a spec may ask for.
 */
export const MAX_SHUTDOWN_GRACE_SECONDS = 600;

const shutdownGraceBounded: SpecCheck = ({ service, input }) => {
  const s = service.workload.shutdown;
  if (s.terminationGracePeriodSeconds <= MAX_SHUTDOWN_GRACE_SECONDS) return [];
  const declared = input.spec.workload.shutdown ?? {};
  const fields = (["requestTimeoutSeconds", "drainSeconds"] as const).filter((f) => declared[f] !== undefined);
  const [field = "drainSeconds", ...others] = fields;
  return [
    {
      path: ["spec", "workload", "shutdown", field],
      related: others.map((f) => ["spec", "workload", "shutdown", f]),
      message: `must keep the shutdown grace (drainSeconds ${s.drainSeconds} + requestTimeoutSeconds ${s.requestTimeoutSeconds} + ${DEFAULTS.shutdownMarginSeconds}s margin) at most ${MAX_SHUTDOWN_GRACE_SECONDS}s, because the Cluster Autoscaler kills a pod still shutting down after ${MAX_SHUTDOWN_GRACE_SECONDS}s when it drains a node, and drains and rollouts stall while they wait; got ${s.terminationGracePeriodSeconds}s (${humanDuration(s.terminationGracePeriodSeconds * 1000)})`,
    },
  ];
};

const startupWithinRto: SpecCheck = ({ service, input }) => {
  const { maxStartupSeconds } = service.workload;
  const { rtoMs } = service.objectives;
  if (maxStartupSeconds * 1000 <= rtoMs) return [];
  const rto: PathSegment[] = ["spec", "objectives", "rto"];
  const startup: PathSegment[] = ["spec", "workload", "probes", "startup", "maxStartupSeconds"];
  const rtoDeclared = input.spec.objectives.rto !== undefined;
  const startupDeclared = input.spec.workload.probes.startup?.maxStartupSeconds !== undefined;
  const rtoText = `${humanDuration(rtoMs)}${rtoDeclared ? "" : ` (the ${service.tier} tier's default)`}`;
  return [
    {
      path: rtoDeclared ? rto : startup,
      related: rtoDeclared && startupDeclared ? [startup] : [],
      message: rtoDeclared
        ? `must be at least the workload's startup budget (probes.startup.maxStartupSeconds ${maxStartupSeconds}s${startupDeclared ? "" : `, the ${service.tier} tier's default`}), because a replacement pod may take that long to become ready; got ${input.spec.objectives.rto}`
        : `must be at most the RTO of ${rtoText}, because a replacement pod that takes longer to become ready cannot restore the service within it; got ${maxStartupSeconds}`,
    },
  ];
};

function window(p: ResolvedProbe): number {
  return p.periodSeconds * p.failureThreshold;
}

/** Every workload check. */
export const workloadChecks: readonly SpecCheck[] = [
  regionsDefinedByStack,
  oneHandlerPerProbe,
  replicasOrAutoscaling,
  livenessSlowerThanReadiness,
  timeoutWithinPeriod,
  someoneStaysUp,
  multiRegionInProduction,
  limitsCoverRequests,
  writablePathsUnique,
  shutdownGraceBounded,
  startupWithinRto,
];

export type { CheckContext };
