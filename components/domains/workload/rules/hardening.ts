/**
 * Workload rules a reviewer applies beyond the basics: liveness that tolerates one slow answer,
 * a drain before exit behind a public endpoint, no credentials written into plain `env`, and
 * local disk requested and limited.
 * @see https://github.com/zegl/kube-score/blob/master/README_CHECKS.md
 * @see https://polaris.docs.fairwinds.com/checks/security/
 */

import { z } from "zod";
import { POLICY_LIMITS } from "../../../core/defaults.js";
import { quote } from "../../../core/spec/errors.js";
import { describe, must, ofType, resourceRule, serviceRule } from "../../../core/policy/framework.js";
import { isServiceWorkload, KUBE, preStopSeconds } from "../../../core/policy/kube.js";
import type { Finding } from "../../../core/policy/types.js";
import { perContainer } from "./containers.js";
import { at, isObject, isSet, isUnknown, list, num } from "../../../core/policy/values.js";
import { ROUTE53_RECORD } from "../../dns/rules.js";

/** Environment variable names that hold credentials (Polaris `sensitiveContainerEnvVar`). */
export const SECRET_ENV_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL/i;

/** A liveness probe restarts only after at least two failures in a row. */
export const livenessToleratesOneFailure = resourceRule("workload", {
  name: "liveness-tolerates-one-failure",
  fix: "Set spec.workload.probes.liveness.failureThreshold to at least 2 (3 is the tier default).",
  anchor: "kube-score pod-probes (liveness tuning): one slow check in a row restarts a healthy container.",
  description:
    "A liveness probe restarts a container only after at least two failed checks in a row (failureThreshold ≥ 2).",
  types: [KUBE.deployment],
  config: z.object({}),
  check: (subject) =>
    perContainer(subject, (c) => {
      const threshold = num(c.body, "livenessProbe.failureThreshold");
      if (threshold === undefined || isUnknown(threshold) || threshold >= POLICY_LIMITS.minLivenessFailureThreshold)
        return [];
      return [
        {
          resource: subject.key,
          path: "spec.workload.probes.liveness.failureThreshold",
          message: must(
            `Container ${c.name} of ${describe(subject)}`,
            `set its liveness failureThreshold to at least ${POLICY_LIMITS.minLivenessFailureThreshold} (3 is the Kubernetes default), got ${threshold}`,
            "a single slow answer (a garbage-collection pause, a busy node) would otherwise restart a healthy container",
          ),
        },
      ];
    }),
});

/** A service behind a public DNS name drains before its containers stop. */
export const drainWhenPublic = serviceRule("workload", {
  name: "drain-when-public",
  fix: "Set spec.workload.shutdown.drainSeconds to at least 1 (e.g. 10) for a service behind spec.dns.",
  anchor:
    "Kubernetes pod lifecycle: without a preStop drain a terminating pod still receives traffic from load balancers that have not seen it leave.",
  description:
    "A service with a public endpoint (Route 53 records) holds its containers in a preStop drain of at least one second.",
  config: z.object({}),
  check: (service) => {
    if (ofType(service, ROUTE53_RECORD).length === 0) return [];
    return ofType(service, KUBE.deployment)
      .filter(isServiceWorkload)
      .flatMap((d) =>
        perContainer(d, (c) => {
          const drain = preStopSeconds(c.body);
          if (isUnknown(drain) || drain > 0) return [];
          return [
            {
              resource: d.key,
              path: "spec.workload.shutdown.drainSeconds",
              message: must(
                `Container ${c.name} of ${describe(d)}`,
                "drain for at least 1s before stopping (spec.workload.shutdown.drainSeconds, e.g. 10), got 0s",
                "the load balancer and kube-proxy keep sending it requests for a few seconds after it is marked terminating, and those requests fail",
              ),
            },
          ];
        }),
      );
  },
});

/** No credential-looking variable with a literal value. */
export const envNoLiteralSecret = resourceRule("workload", {
  name: "env-no-literal-secret",
  fix: "Move the value out of spec.workload.env into a Kubernetes Secret (or AWS Secrets Manager) and reference it; keep only non-secret settings in env.",
  anchor:
    "Polaris sensitiveContainerEnvVar; kube-score environment variables: a literal credential is visible to anyone who can read the Deployment.",
  description:
    "No environment variable whose name says it holds a credential (PASSWORD, SECRET, TOKEN, API_KEY) has a literal value.",
  types: [KUBE.deployment],
  config: z.object({}),
  enforcement: "production",
  check: (subject) =>
    perContainer(subject, (c) => {
      const env = list(c.body, "env");
      if (isUnknown(env)) return [];
      return env.filter(isObject).flatMap((v): Finding[] => {
        const name = v["name"];
        const value = v["value"];
        if (typeof name !== "string" || typeof value !== "string" || value === "" || !SECRET_ENV_NAME.test(name))
          return [];
        return [
          {
            resource: subject.key,
            path: `spec.workload.env.${name}`,
            message: must(
              `Variable ${quote(name)} of container ${c.name} of ${describe(subject)}`,
              `not carry a literal value (got ${value.length} characters); remove it from spec.workload.env and read it from a Secret`,
              "the value is stored in the spec, the repository history, the plan and the Deployment, readable by anyone who can read any of them",
            ),
          },
        ];
      });
    }),
});

/** Local disk requested and limited, so a full disk evicts one pod rather than the node's. */
export const ephemeralStorageSet = resourceRule("workload", {
  name: "ephemeral-storage-set",
  fix: "Set spec.workload.resources.ephemeralStorage and ephemeralStorageLimit (defaults 256Mi and 2Gi).",
  anchor:
    "kube-score container-ephemeral-storage-request-and-limit: a pod that fills the node's disk evicts its neighbours.",
  description: "Every container requests and limits ephemeral-storage (local disk: logs, writable paths).",
  types: [KUBE.deployment],
  config: z.object({}),
  enforcement: "advisory",
  check: (subject) =>
    perContainer(subject, (c) => {
      const missing = ["requests", "limits"].filter(
        (kind) => !isSet(at(c.body["resources"], `${kind}.ephemeral-storage`)),
      );
      if (missing.length === 0) return [];
      return [
        {
          resource: subject.key,
          path: "spec.workload.resources",
          message: must(
            `Container ${c.name} of ${describe(subject)}`,
            `set ${missing.map((k) => `${k}.ephemeral-storage`).join(" and ")} (spec.workload.resources.ephemeralStorage and ephemeralStorageLimit, e.g. 256Mi and 2Gi)`,
            "without them the scheduler places it on a node whose disk it may fill, and the kubelet then evicts every pod of that node instead of this one",
          ),
        },
      ];
    }),
});

/** Every emptyDir volume has a size limit, so a runaway writer is evicted before it fills the node's disk. */
export const emptyDirSizeLimited = resourceRule("workload", {
  name: "empty-dir-size-limited",
  fix: "Keep the planned emptyDir sizeLimit (spec.workload.resources.ephemeralStorageLimit, default 2Gi); do not remove it in a transformation.",
  anchor:
    "Kubernetes ephemeral storage guidance (kube-score container-ephemeral-storage-request-and-limit): an emptyDir without sizeLimit may grow until the node's disk is full.",
  description: "Every emptyDir volume of a Deployment's pods sets sizeLimit.",
  types: [KUBE.deployment],
  config: z.object({}),
  enforcement: "advisory",
  check: (subject) => {
    const volumes = list(subject.props, "spec.template.spec.volumes");
    if (isUnknown(volumes)) return [];
    return volumes
      .filter(isObject)
      .filter((v) => isObject(v["emptyDir"]) && !isSet(at(v, "emptyDir.sizeLimit")))
      .map((v) => ({
        resource: subject.key,
        path: "spec.workload.resources.ephemeralStorageLimit",
        message: must(
          `emptyDir volume ${String(v["name"])} of ${describe(subject)}`,
          "set sizeLimit (the planner sets spec.workload.resources.ephemeralStorageLimit), got none",
          "without it a process that writes without bound fills the node's disk, and the kubelet then evicts every pod of the node instead of this one",
        ),
      }));
  },
});

/** The hardening rules of the workload domain. */
export const HARDENING_RULES = [
  livenessToleratesOneFailure,
  drainWhenPublic,
  envNoLiteralSecret,
  ephemeralStorageSet,
  emptyDirSizeLimited,
];
