/**
 * Deployment, Service and PodDisruptionBudget specs as apps/v1, core/v1 and policy/v1 validation
 * check them (`ValidateDeploymentSpec`, `ValidateService`, `ValidatePodDisruptionBudgetSpec`).
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.30/pkg/apis/apps/validation/validation.go
 */

import type { DeploymentSpec } from "kubernetes-types/apps/v1";
import type { ServiceSpec } from "kubernetes-types/core/v1";
import type { PodDisruptionBudgetSpec } from "kubernetes-types/policy/v1";
import { checkLabels, checkSelector, selects, type ObjectRule } from "./core.js";
import { dns1123Label, intOrPercent, isZero, portNumber, portNumOrName, qualifiedName } from "./names.js";

const deploymentSelector: ObjectRule = {
  name: "deployment-selector",
  summary: "a Deployment has a non-empty, valid selector that matches its pod template's labels",
  kinds: ["Deployment"],
  check: (object, report) => {
    const spec = object["spec"] as DeploymentSpec | undefined;
    const selector = spec?.selector;
    if (
      !selector ||
      (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0)
    )
      return report("spec.selector", "empty selector is invalid for a Deployment");
    checkSelector(selector, "spec.selector", report);
    if (!selects(selector, spec.template?.metadata?.labels ?? {}))
      report("spec.template.metadata.labels", "`selector` does not match template `labels`");
  },
};

const deploymentStrategy: ObjectRule = {
  name: "deployment-strategy",
  summary:
    "strategy type is RollingUpdate or Recreate; rollingUpdate only with RollingUpdate; maxUnavailable/maxSurge are integers ≥0 or percentages, maxUnavailable ≤100%, not both zero",
  kinds: ["Deployment"],
  check: (object, report) => {
    const strategy = (object["spec"] as DeploymentSpec | undefined)?.strategy;
    if (!strategy) return;
    const type = strategy.type ?? "RollingUpdate";
    if (!["RollingUpdate", "Recreate"].includes(type))
      report("spec.strategy.type", `must be RollingUpdate or Recreate, got ${type}`);
    const rolling = strategy.rollingUpdate;
    if (!rolling) return;
    if (type !== "RollingUpdate")
      return report("spec.strategy.rollingUpdate", `may not be specified when strategy type is ${type}`);
    if (rolling.maxUnavailable !== undefined)
      for (const p of intOrPercent(rolling.maxUnavailable, true))
        report("spec.strategy.rollingUpdate.maxUnavailable", p);
    if (rolling.maxSurge !== undefined)
      for (const p of intOrPercent(rolling.maxSurge, false)) report("spec.strategy.rollingUpdate.maxSurge", p);
    if (isZero(rolling.maxUnavailable) && isZero(rolling.maxSurge))
      report("spec.strategy.rollingUpdate.maxUnavailable", "may not be 0 when maxSurge is 0");
  },
};

const deploymentCounts: ObjectRule = {
  name: "deployment-counts",
  summary:
    "replicas, revisionHistoryLimit and minReadySeconds are ≥0 and progressDeadlineSeconds is greater than minReadySeconds",
  kinds: ["Deployment"],
  check: (object, report) => {
    const spec = (object["spec"] ?? {}) as DeploymentSpec;
    for (const key of ["replicas", "revisionHistoryLimit", "minReadySeconds"] as const) {
      const value = spec[key];
      if (value !== undefined && value < 0) report(`spec.${key}`, `must be greater than or equal to 0, got ${value}`);
    }
    const deadline = spec.progressDeadlineSeconds;
    if (deadline !== undefined && deadline <= (spec.minReadySeconds ?? 0))
      report(
        "spec.progressDeadlineSeconds",
        `must be greater than minReadySeconds (${spec.minReadySeconds ?? 0}), got ${deadline}`,
      );
  },
};

const SERVICE_TYPES = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"];
const PROTOCOLS = ["TCP", "UDP", "SCTP"];

const serviceSpec: ObjectRule = {
  name: "service-spec",
  summary:
    "a Service's type is ClusterIP/NodePort/LoadBalancer/ExternalName, its selector is valid labels, and sessionAffinity is None or ClientIP",
  kinds: ["Service"],
  check: (object, report) => {
    const spec = (object["spec"] ?? {}) as ServiceSpec;
    if (spec.type !== undefined && !SERVICE_TYPES.includes(spec.type))
      report("spec.type", `must be one of ${SERVICE_TYPES.join(", ")}, got ${spec.type}`);
    if (spec.sessionAffinity !== undefined && !["None", "ClientIP"].includes(spec.sessionAffinity))
      report("spec.sessionAffinity", `must be None or ClientIP, got ${spec.sessionAffinity}`);
    checkLabels(spec.selector, "spec.selector", report);
  },
};

const servicePorts: ObjectRule = {
  name: "service-ports",
  summary:
    "a non-ExternalName Service has ports; port names are unique DNS-1123 labels (required with more than one port); ports 1-65535; targetPort a number or IANA_SVC_NAME; (port, protocol) unique; appProtocol a qualified name",
  kinds: ["Service"],
  check: (object, report) => {
    const spec = (object["spec"] ?? {}) as ServiceSpec;
    const ports = spec.ports ?? [];
    if (spec.type !== "ExternalName" && ports.length === 0) report("spec.ports", "is required");
    const names = new Set<string>();
    const pairs = new Set<string>();
    ports.forEach((port, i) => {
      const at = `spec.ports[${i}]`;
      if (port.name === undefined || port.name === "") {
        if (ports.length > 1) report(`${at}.name`, "is required when a Service has more than one port");
      } else {
        for (const p of dns1123Label(port.name)) report(`${at}.name`, p);
        if (names.has(port.name)) report(`${at}.name`, `duplicate port name ${JSON.stringify(port.name)}`);
        names.add(port.name);
      }
      for (const p of portNumber(port.port)) report(`${at}.port`, p);
      if (port.protocol !== undefined && !PROTOCOLS.includes(port.protocol))
        report(`${at}.protocol`, `must be one of ${PROTOCOLS.join(", ")}, got ${port.protocol}`);
      if (port.targetPort !== undefined) for (const p of portNumOrName(port.targetPort)) report(`${at}.targetPort`, p);
      if (port.appProtocol !== undefined)
        for (const p of qualifiedName(port.appProtocol)) report(`${at}.appProtocol`, p);
      if (port.nodePort !== undefined && !["NodePort", "LoadBalancer"].includes(spec.type ?? "ClusterIP"))
        report(`${at}.nodePort`, `may not be used when type is ${spec.type ?? "ClusterIP"}`);
      const pair = `${port.port}/${port.protocol ?? "TCP"}`;
      if (pairs.has(pair)) report(at, `duplicate port ${pair}`);
      pairs.add(pair);
    });
  },
};

const pdbBudget: ObjectRule = {
  name: "pdb-budget",
  summary:
    "a PodDisruptionBudget sets exactly one of minAvailable and maxUnavailable (an integer ≥0 or a percentage ≤100%), a valid selector and unhealthyPodEvictionPolicy IfHealthyBudget|AlwaysAllow",
  kinds: ["PodDisruptionBudget"],
  check: (object, report) => {
    const spec = (object["spec"] ?? {}) as PodDisruptionBudgetSpec;
    const set = (["minAvailable", "maxUnavailable"] as const).filter((k) => spec[k] !== undefined);
    if (set.length === 2) report("spec", "minAvailable and maxUnavailable cannot be both set");
    if (set.length === 0)
      report("spec", "must set minAvailable or maxUnavailable: a budget without either protects nothing");
    for (const key of set) for (const p of intOrPercent(spec[key] as number | string, true)) report(`spec.${key}`, p);
    checkSelector(spec.selector, "spec.selector", report);
    const policy = spec.unhealthyPodEvictionPolicy;
    if (policy !== undefined && !["IfHealthyBudget", "AlwaysAllow"].includes(policy))
      report("spec.unhealthyPodEvictionPolicy", `must be IfHealthyBudget or AlwaysAllow, got ${policy}`);
  },
};

/** The Deployment, Service and PodDisruptionBudget rules. */
export const WORKLOAD_RULES: readonly ObjectRule[] = [
  deploymentSelector,
  deploymentStrategy,
  deploymentCounts,
  serviceSpec,
  servicePorts,
  pdbBudget,
];
