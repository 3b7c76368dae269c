/**
 * Workload rules over one Deployment at a time: probes, shutdown, image, resources and the
 * security context of every container.
 * @see https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/
 */

import { z } from "zod";
import { imagePin } from "../../../core/images.js";
import { describe, must, resourceRule } from "../../../core/policy/framework.js";
import {
  isServiceWorkload,
  containers,
  failureWindow,
  KUBE,
  preStopSeconds,
  probeHandler,
  probeTarget,
  type ContainerView,
} from "../../../core/policy/kube.js";
import type { Finding, SpecFacts, Subject } from "../../../core/policy/types.js";
import { at, isObject, isSet, isUnknown, num, str } from "../../../core/policy/values.js";

const PROBES = "spec.workload.probes";

/** Runs `check` on every container of a Deployment; nothing when its containers are not known yet. */
export function perContainer(subject: Subject, check: (c: ContainerView) => Finding[]): Finding[] {
  const list = containers(subject.props);
  return isUnknown(list) ? [] : list.flatMap(check);
}

/** "Container <name> of <Deployment>", the subject of a per-container message. */
export function where(subject: Subject, c: ContainerView): string {
  return `Container ${c.name} of ${describe(subject)}`;
}

/** Readiness and liveness on every container; startup when the declared start is slower than liveness tolerates. */
export const probesPresent = resourceRule("workload", {
  name: "probes-present",
  fix: "Declare spec.workload.probes.readiness and spec.workload.probes.liveness (e.g. { http: { path: /ready } } and { http: { path: /healthz } }), and probes.startup with maxStartupSeconds when the service starts slowly.",
  anchor:
    "kube-score pod-probes; Polaris readinessProbeMissing, livenessProbeMissing: without probes traffic reaches pods that are not ready and hung pods are never restarted.",
  description:
    "Every container declares a readiness and a liveness probe, and a startup probe when it may start slower than liveness tolerates.",
  types: [KUBE.deployment],
  config: z.object({}),
  check: (subject, _config, { facts }) =>
    perContainer(subject, (c) => {
      const out: Finding[] = [];
      const who = where(subject, c);
      if (!isSet(c.body["readinessProbe"]))
        out.push({
          resource: subject.key,
          path: `${PROBES}.readiness`,
          message: must(
            who,
            "declare a readinessProbe",
            "without one it receives traffic before it can serve and while it cannot",
          ),
        });
      if (!isSet(c.body["livenessProbe"]))
        out.push({
          resource: subject.key,
          path: `${PROBES}.liveness`,
          message: must(who, "declare a livenessProbe", "a hung process is otherwise never restarted"),
        });
      const live = failureWindow(c.body["livenessProbe"]);
      if (facts && !isSet(c.body["startupProbe"]) && typeof live === "number" && facts.maxStartupSeconds > live) {
        out.push({
          resource: subject.key,
          path: `${PROBES}.startup`,
          message: must(
            who,
            `declare a startupProbe`,
            `it may take ${facts.maxStartupSeconds}s to start and liveness restarts it after ${live}s`,
          ),
        });
      }
      return out;
    }),
});

/** Liveness must not be a copy of readiness unless it waits strictly longer. */
export const livenessDistinct = resourceRule("workload", {
  name: "liveness-distinct-from-readiness",
  fix: "Point spec.workload.probes.liveness at a cheaper, local check than readiness (e.g. http.path /healthz while readiness uses /ready).",
  anchor:
    "kube-score pod-probes-identical: a liveness probe equal to readiness restarts pods that are only busy or cut off from a dependency, turning a slowdown into an outage.",
  description: "A liveness probe that checks the same thing as readiness has a strictly longer failure window.",
  types: [KUBE.deployment],
  config: z.object({}),
  check: (subject) =>
    perContainer(subject, (c) => {
      const live = c.body["livenessProbe"];
      const ready = c.body["readinessProbe"];
      if (!isObject(live) || !isObject(ready)) return [];
      const lh = probeHandler(live);
      const rh = probeHandler(ready);
      const lw = failureWindow(live);
      const rw = failureWindow(ready);
      if (isUnknown(lh) || isUnknown(rh) || isUnknown(lw) || isUnknown(rw) || lh !== rh || lw > rw) return [];
      return [
        {
          resource: subject.key,
          path: `${PROBES}.liveness`,
          message: must(
            where(subject, c),
            `give its liveness probe (same check as readiness) a failure window longer than readiness's ${String(rw)}s, got ${String(lw)}s`,
            "a slow dependency would otherwise restart every pod at once instead of only taking them out of rotation",
          ),
        },
      ];
    }),
});

/** Liveness must probe the process itself, never a dependency. */
export const livenessNotOnDependency = resourceRule("workload", {
  name: "liveness-not-on-dependency",
  fix: "Make spec.workload.probes.liveness check the process itself (e.g. http.path /healthz on the service's own port), never a host or port listed in spec.dependencies.",
  anchor:
    "SRE workbook (managing load, cascading failures): a liveness probe that calls a dependency restarts every replica when the dependency fails.",
  description: "A liveness probe does not call a declared dependency (its host or port).",
  types: [KUBE.deployment],
  config: z.object({}),
  check: (subject, _config, { facts }) =>
    facts === undefined ? [] : perContainer(subject, (c) => dependencyProbed(subject, c, facts)),
});

function dependencyProbed(subject: Subject, c: ContainerView, facts: SpecFacts): Finding[] {
  const probe = c.body["livenessProbe"];
  const target = probeTarget(probe);
  const ownPorts = new Set(
    (Array.isArray(c.body["ports"]) ? c.body["ports"] : []).flatMap((p) =>
      isObject(p) ? [p["containerPort"], p["name"]] : [],
    ),
  );
  const command = at(probe, "exec.command");
  const words = Array.isArray(command) ? command.join(" ") : "";
  const hit = facts.dependencies.find(
    (d) =>
      (d.host !== undefined && (target.host === d.host || words.includes(d.host))) ||
      (d.port !== undefined && target.ports.includes(d.port) && !ownPorts.has(d.port)),
  );
  if (!hit) return [];
  return [
    {
      resource: subject.key,
      path: `${PROBES}.liveness`,
      message: must(
        where(subject, c),
        `not probe dependency ${hit.name} in its liveness probe`,
        "an outage of the dependency would restart every pod of this service and turn a partial outage into a full one",
      ),
    },
  ];
}

/** The startup probe's budget covers the declared start time. */
export const startupCoversMaxStartup = resourceRule("workload", {
  name: "startup-covers-max-startup",
  fix: "Raise spec.workload.probes.startup.maxStartupSeconds (or the startup probe's failureThreshold) so periodSeconds × failureThreshold ≥ the declared start time.",
  anchor:
    "Kubernetes probe guidance: a startup budget shorter than the start time kills every pod before it is ready (crash loop).",
  description: "The startup probe's budget (periodSeconds × failureThreshold) covers the declared maxStartupSeconds.",
  types: [KUBE.deployment],
  config: z.object({}),
  check: (subject, _config, { facts }) =>
    facts === undefined || !isServiceWorkload(subject)
      ? []
      : perContainer(subject, (c) => {
          const probe = c.body["startupProbe"];
          if (!isObject(probe)) return [];
          const budget = failureWindow(probe);
          if (isUnknown(budget) || budget >= facts.maxStartupSeconds) return [];
          return [
            {
              resource: subject.key,
              path: `${PROBES}.startup.maxStartupSeconds`,
              message: must(
                where(subject, c),
                `allow at least ${facts.maxStartupSeconds}s in its startup probe, got ${budget}s`,
                "a container that starts within its declared time would otherwise be killed and restarted forever",
              ),
            },
          ];
        }),
});

/** terminationGracePeriodSeconds outlasts the preStop drain. */
export const graceCoversDrain = resourceRule("workload", {
  name: "grace-covers-drain",
  fix: "Lower spec.workload.shutdown.drainSeconds or raise requestTimeoutSeconds so the grace period exceeds the drain by at least the margin (e.g. drainSeconds: 10 with requestTimeoutSeconds: 30).",
  anchor:
    "Kubernetes pod termination: SIGKILL at the end of the grace period cuts in-flight requests that the drain did not let finish.",
  description:
    "The grace period (terminationGracePeriodSeconds) exceeds the preStop drain by at least marginSeconds, so in-flight requests finish after draining.",
  types: [KUBE.deployment],
  config: z.object({
    marginSeconds: z
      .number()
      .int()
      .min(0)
      .default(1)
      .describe("Seconds the grace period must exceed the preStop drain by."),
  }),
  check: (subject, config) => {
    const grace = num(subject.props, "spec.template.spec.terminationGracePeriodSeconds") ?? 30;
    if (isUnknown(grace)) return [];
    return perContainer(subject, (c) => {
      const drain = preStopSeconds(c.body);
      if (isUnknown(drain) || grace >= drain + config.marginSeconds) return [];
      return [
        {
          resource: subject.key,
          path: "spec.workload.shutdown",
          message: must(
            `${describe(subject)}`,
            `give terminationGracePeriodSeconds at least ${drain + config.marginSeconds}s (preStop drain ${drain}s + ${config.marginSeconds}s), got ${grace}s`,
            "the kubelet kills the container before it has drained and finished its requests",
          ),
        },
      ];
    });
  },
});

/** Images are pinned by a tag other than latest, or by digest. */
export const imagePinned = resourceRule("workload", {
  name: "image-pinned",
  fix: "Set spec.workload.image to a version tag or digest, e.g. ghcr.io/acme/app:1.8.2 or @sha256:….",
  anchor:
    "kube-score container-image-tag; Polaris tagNotSpecified: latest changes under a running fleet and cannot be rolled back.",
  description: "Every container image is pinned by a version tag or digest, never latest or implicit.",
  types: [KUBE.deployment],
  config: z.object({}),
  check: (subject) =>
    perContainer(subject, (c) => {
      const image = str(c.body, "image");
      if (isUnknown(image)) return [];
      if (imagePin(image ?? "") !== "mutable") return [];
      return [
        {
          resource: subject.key,
          path: "spec.workload.image",
          message: must(
            where(subject, c),
            `pin its image by a version tag or digest, got ${JSON.stringify(image ?? "")}`,
            "latest changes under a running Deployment and a rollback cannot return to it",
          ),
        },
      ];
    }),
});

/** CPU and memory requests and a memory limit. */
export const resourcesSet = resourceRule("workload", {
  name: "resources-set",
  fix: "Set spec.workload.resources.cpu and memory (e.g. { cpu: 250m, memory: 256Mi }); the memory limit follows from them.",
  anchor:
    "kube-score container-resources; Polaris cpuRequestsMissing, memoryLimitsMissing: unrequested pods are evicted first and unlimited memory starves neighbours.",
  description: "Every container requests CPU and memory and limits memory.",
  types: [KUBE.deployment],
  config: z.object({}),
  check: (subject) =>
    perContainer(subject, (c) => {
      const missing = ["requests.cpu", "requests.memory", "limits.memory"].filter(
        (p) => !isSet(at(c.body["resources"], p)),
      );
      if (missing.length === 0) return [];
      return [
        {
          resource: subject.key,
          path: "spec.workload.resources",
          message: must(
            where(subject, c),
            `set resources ${missing.join(", ")}`,
            "the scheduler and the eviction order depend on them, and an unlimited container can starve its neighbours",
          ),
        },
      ];
    }),
});

/** Non-root, no privilege escalation, read-only root filesystem, all capabilities dropped. */
export const securityContextRestrictive = resourceRule("workload", {
  name: "security-context-restrictive",
  fix: "Remove the override of the container's securityContext: keep runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true and capabilities.drop: [ALL].",
  anchor:
    "kube-score container-security-context; Polaris runAsRootAllowed, privilegeEscalationAllowed, notReadOnlyRootFilesystem, dangerousCapabilities.",
  description:
    "Every container runs as non-root, without privilege escalation, with a read-only root filesystem and all capabilities dropped.",
  types: [KUBE.deployment],
  config: z.object({}),
  check: (subject) =>
    perContainer(subject, (c) => {
      const pod = at(subject.props, "spec.template.spec.securityContext");
      const sc = c.body["securityContext"];
      const nonRoot = at(sc, "runAsNonRoot") ?? at(pod, "runAsNonRoot");
      const drops = at(sc, "capabilities.drop");
      const checks: [string, unknown][] = [
        ["runAsNonRoot: true", nonRoot === true || isUnknown(nonRoot)],
        [
          "allowPrivilegeEscalation: false",
          at(sc, "allowPrivilegeEscalation") === false || isUnknown(at(sc, "allowPrivilegeEscalation")),
        ],
        [
          "readOnlyRootFilesystem: true",
          at(sc, "readOnlyRootFilesystem") === true || isUnknown(at(sc, "readOnlyRootFilesystem")),
        ],
        ["privileged not true", at(sc, "privileged") !== true],
        ["capabilities.drop: [ALL]", isUnknown(drops) || (Array.isArray(drops) && drops.includes("ALL"))],
      ];
      const failed = checks.filter(([, ok]) => ok !== true).map(([what]) => what);
      if (failed.length === 0) return [];
      return [
        {
          resource: subject.key,
          path: "spec.workload",
          message: must(
            where(subject, c),
            `set securityContext ${failed.join(", ")}`,
            "a compromised or buggy process must not be able to gain privileges or change its own image",
          ),
        },
      ];
    }),
});

/** The workload rules over one Deployment. */
export const CONTAINER_RULES = [
  probesPresent,
  livenessDistinct,
  livenessNotOnDependency,
  startupCoversMaxStartup,
  graceCoversDrain,
  imagePinned,
  resourcesSet,
  securityContextRestrictive,
];
