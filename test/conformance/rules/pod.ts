/**
 * Pod-level fields of a pod template as core/v1 (`ValidatePodSpec`) and apps/v1
 * (`ValidatePodTemplateSpecForReplicaSet`) validation check them.
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.30/pkg/apis/core/validation/validation.go
 */

import type { PodSecurityContext, SecurityContext, SeccompProfile } from "kubernetes-types/core/v1";
import { checkSelector, type ObjectRule, type Report } from "./core.js";
import { containersOf, podsOf } from "./containers.js";
import { dns1123Label, dns1123Subdomain, qualifiedName } from "./names.js";

const MAX_ID = 2 ** 31 - 1;

const podVolumes: ObjectRule = {
  name: "pod-volumes",
  summary: "volume names are unique DNS-1123 labels and each volume has exactly one source",
  check: (object, report) => {
    for (const { pod, path } of podsOf(object)) {
      const names = (pod.volumes ?? []).map((v) => v.name);
      (pod.volumes ?? []).forEach((volume, i) => {
        const at = `${path}.volumes[${i}]`;
        for (const p of dns1123Label(volume.name)) report(`${at}.name`, p);
        if (names.indexOf(volume.name) !== i)
          report(`${at}.name`, `duplicate volume name ${JSON.stringify(volume.name)}`);
        const sources = Object.keys(volume).filter((k) => k !== "name");
        if (sources.length !== 1)
          report(at, `must have exactly one volume source, got ${sources.length === 0 ? "none" : sources.join(", ")}`);
      });
    }
  },
};

const WHEN_UNSATISFIABLE = ["DoNotSchedule", "ScheduleAnyway"];
const NODE_POLICIES = ["Honor", "Ignore"];

const topologySpread: ObjectRule = {
  name: "topology-spread",
  summary:
    "topology spread: maxSkew ≥1, topologyKey a qualified name, whenUnsatisfiable DoNotSchedule|ScheduleAnyway, minDomains ≥1 and only with DoNotSchedule, (topologyKey, whenUnsatisfiable) unique",
  check: (object, report) => {
    for (const { pod, path } of podsOf(object)) {
      const seen = new Set<string>();
      (pod.topologySpreadConstraints ?? []).forEach((c, i) => {
        const at = `${path}.topologySpreadConstraints[${i}]`;
        if (!(c.maxSkew >= 1)) report(`${at}.maxSkew`, `must be greater than 0, got ${c.maxSkew}`);
        if (!c.topologyKey) report(`${at}.topologyKey`, "can not be empty");
        else for (const p of qualifiedName(c.topologyKey)) report(`${at}.topologyKey`, p);
        if (!WHEN_UNSATISFIABLE.includes(c.whenUnsatisfiable))
          report(
            `${at}.whenUnsatisfiable`,
            `must be one of ${WHEN_UNSATISFIABLE.join(", ")}, got ${c.whenUnsatisfiable}`,
          );
        if (c.minDomains !== undefined && !(c.minDomains >= 1))
          report(`${at}.minDomains`, `must be greater than 0, got ${c.minDomains}`);
        if (c.minDomains !== undefined && c.whenUnsatisfiable !== "DoNotSchedule")
          report(
            `${at}.minDomains`,
            `can only be set when whenUnsatisfiable is DoNotSchedule, got ${c.whenUnsatisfiable}`,
          );
        for (const field of ["nodeAffinityPolicy", "nodeTaintsPolicy"] as const) {
          const value = c[field];
          if (value !== undefined && !NODE_POLICIES.includes(value))
            report(`${at}.${field}`, `must be Honor or Ignore, got ${value}`);
        }
        const key = `${c.topologyKey}/${c.whenUnsatisfiable}`;
        if (seen.has(key)) report(at, `duplicate {topologyKey, whenUnsatisfiable} pair ${key}`);
        seen.add(key);
        checkSelector(c.labelSelector, `${at}.labelSelector`, report);
      });
    }
  },
};

const SECCOMP_TYPES = ["RuntimeDefault", "Unconfined", "Localhost"];

function checkSeccomp(profile: SeccompProfile | undefined, path: string, report: Report): void {
  if (!profile) return;
  if (!SECCOMP_TYPES.includes(profile.type))
    report(`${path}.type`, `must be one of ${SECCOMP_TYPES.join(", ")}, got ${profile.type}`);
  if ((profile.type === "Localhost") !== (profile.localhostProfile !== undefined))
    report(`${path}.localhostProfile`, "must be set if and only if type is Localhost");
}

function checkIds(context: PodSecurityContext | SecurityContext, path: string, report: Report): void {
  for (const key of ["runAsUser", "runAsGroup", "fsGroup"] as const) {
    const value = (context as Record<string, unknown>)[key];
    if (typeof value === "number" && (value < 0 || value > MAX_ID))
      report(`${path}.${key}`, `must be between 0 and ${MAX_ID}, got ${value}`);
  }
  if (context.runAsNonRoot === true && context.runAsUser === 0)
    report(`${path}.runAsUser`, "is 0 (root) while runAsNonRoot is true: the kubelet refuses to start the container");
  checkSeccomp(context.seccompProfile, `${path}.seccompProfile`, report);
}

function checkContainerContext(context: SecurityContext, path: string, report: Report): void {
  checkIds(context, path, report);
  if (context.allowPrivilegeEscalation !== false) return;
  if (context.privileged === true)
    report(`${path}.allowPrivilegeEscalation`, "cannot be false while privileged is true");
  if ((context.capabilities?.add ?? []).includes("CAP_SYS_ADMIN"))
    report(`${path}.allowPrivilegeEscalation`, "cannot be false while capabilities.add has CAP_SYS_ADMIN");
}

const securityContext: ObjectRule = {
  name: "security-context",
  summary:
    "user, group and fsGroup ids are 0..2^31-1, runAsNonRoot is not combined with uid 0, seccomp type is valid, and allowPrivilegeEscalation=false is not combined with privileged or CAP_SYS_ADMIN",
  check: (object, report) => {
    for (const { pod, path } of podsOf(object))
      if (pod.securityContext) checkIds(pod.securityContext, `${path}.securityContext`, report);
    for (const { container, path } of containersOf(object))
      if (container.securityContext)
        checkContainerContext(container.securityContext, `${path}.securityContext`, report);
  },
};

const podFields: ObjectRule = {
  name: "pod-fields",
  summary:
    "serviceAccountName is a DNS-1123 subdomain, terminationGracePeriodSeconds ≥0, and a controller's pod template restarts Always",
  check: (object, report) => {
    for (const { pod, path } of podsOf(object)) {
      if (pod.serviceAccountName !== undefined)
        for (const p of dns1123Subdomain(pod.serviceAccountName)) report(`${path}.serviceAccountName`, p);
      if ((pod.terminationGracePeriodSeconds ?? 0) < 0)
        report(
          `${path}.terminationGracePeriodSeconds`,
          `must be greater than or equal to 0, got ${pod.terminationGracePeriodSeconds}`,
        );
      const controlled = ["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"].includes(object.kind);
      if (controlled && pod.restartPolicy !== undefined && pod.restartPolicy !== "Always")
        report(`${path}.restartPolicy`, `must be Always for a ${object.kind}, got ${pod.restartPolicy}`);
      if (controlled && pod.activeDeadlineSeconds !== undefined)
        report(`${path}.activeDeadlineSeconds`, `must not be set for a ${object.kind}`);
    }
  },
};

/** The pod-level rules. */
export const POD_RULES: readonly ObjectRule[] = [podVolumes, topologySpread, securityContext, podFields];
