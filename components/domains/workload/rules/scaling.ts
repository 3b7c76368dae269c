/**
 * Workload rules across the objects of a service in each region: replica floor, disruption
 * budget, autoscaler minimum against the budget, zone spreading.
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/
 */

import { z } from "zod";
import { TIER_DEFAULTS } from "../../../core/defaults.js";
import { TIERS, type Tier } from "../../../core/spec/service.js";
import { describe, must, ofType, serviceRule } from "../../../core/policy/framework.js";
import { isServiceWorkload, KUBE, minReplicas } from "../../../core/policy/kube.js";
import type { Finding, ServiceSubject, Subject } from "../../../core/policy/types.js";
import { at, isUnknown, list, scaled } from "../../../core/policy/values.js";

/** Deployment, its PDB and HPA in one region. */
interface RegionWorkload {
  readonly region: string;
  readonly deployment: Subject;
  readonly pdb?: Subject;
  readonly hpa?: Subject;
}

/** Each region's Deployment with the PDB and HPA beside it. */
export function regionWorkloads(service: ServiceSubject): RegionWorkload[] {
  return ofType(service, KUBE.deployment)
    .filter(isServiceWorkload)
    .map((deployment) => {
      const pdb = ofType(service, KUBE.pdb, deployment.region)[0];
      const hpa = ofType(service, KUBE.hpa, deployment.region)[0];
      return { region: deployment.region, deployment, ...(pdb ? { pdb } : {}), ...(hpa ? { hpa } : {}) };
    });
}

function isTier(tier: string): tier is Tier {
  return (TIERS as readonly string[]).includes(tier);
}

function replicasPath(w: RegionWorkload): string {
  return w.hpa ? "spec.workload.autoscaling.min" : "spec.workload.replicas";
}

/** Fewest replicas at least the tier's floor. */
export const replicasAtTierFloor = serviceRule("workload", {
  name: "replicas-at-tier-floor",
  fix: "Raise spec.workload.replicas (or autoscaling.min) to at least the tier's floor (3 for critical, 2 for standard).",
  anchor:
    "SRE workbook (N+2 redundancy): fewer replicas than the tier's floor cannot lose one pod to a rollout and one to a failure.",
  description: "A service runs at least its tier's replica floor (fixed replicas or the autoscaler's minimum).",
  config: z.object({}),
  check: (service) => {
    if (!isTier(service.tier)) return [];
    const floor = TIER_DEFAULTS[service.tier].replicas;
    return regionWorkloads(service).flatMap((w): Finding[] => {
      const min = minReplicas(w.deployment.props, w.hpa?.props);
      if (isUnknown(min) || min >= floor) return [];
      return [
        {
          resource: w.deployment.key,
          path: replicasPath(w),
          message: must(
            describe(w.deployment),
            `run at least ${floor} replicas (the ${service.tier} floor), got ${min}`,
            `a ${service.tier} service must survive losing a pod or a node without an outage`,
          ),
        },
      ];
    });
  },
});

/** Disruptions the PDB allows at the minimum replica count; undefined when it cannot be told. */
export function allowance(pdb: Subject, replicas: number): number | undefined {
  const maxUnavailable = at(pdb.props, "spec.maxUnavailable");
  const minAvailable = at(pdb.props, "spec.minAvailable");
  if (isUnknown(maxUnavailable) || isUnknown(minAvailable)) return undefined;
  if (maxUnavailable !== undefined) return scaled(maxUnavailable, replicas);
  if (minAvailable !== undefined) {
    const floor = scaled(minAvailable, replicas);
    return floor === undefined ? undefined : replicas - floor;
  }
  return undefined;
}

/** A PDB exists and lets at least one pod go. */
export const pdbAllowsDisruption = serviceRule("workload", {
  name: "pdb-allows-disruption",
  fix: "Raise spec.workload.replicas above the PodDisruptionBudget's minAvailable (or lower maxUnavailable to keep one disruption allowed), e.g. replicas: 3.",
  anchor:
    "kube-score poddisruptionbudget; Polaris pdbDisruptionsIsZero: a budget that allows no disruption blocks node drains and cluster upgrades.",
  description:
    "Every Deployment has a PodDisruptionBudget that allows at least one voluntary disruption at its minimum replicas.",
  config: z.object({}),
  check: (service) =>
    regionWorkloads(service).flatMap((w): Finding[] => {
      if (!w.pdb)
        return [
          {
            resource: w.deployment.key,
            path: "spec.workload",
            message: must(
              describe(w.deployment),
              "have a PodDisruptionBudget",
              "node drains and chaos experiments could otherwise take every pod down at once",
            ),
          },
        ];
      const min = minReplicas(w.deployment.props, w.hpa?.props);
      if (isUnknown(min)) return [];
      const allowed = allowance(w.pdb, min);
      if (allowed === undefined || allowed >= 1) return [];
      return [
        {
          resource: w.pdb.key,
          path: "spec.workload.disruption.maxUnavailable",
          message: must(
            describe(w.pdb),
            `allow at least 1 disruption at ${min} replicas, allows ${allowed}`,
            "a budget that allows none blocks every node drain and cluster upgrade",
          ),
        },
      ];
    }),
});

/** With autoscaling, the minimum leaves room above the PDB's floor. */
export const hpaMinAbovePdb = serviceRule("workload", {
  name: "hpa-min-above-pdb",
  fix: "Raise spec.workload.autoscaling.min to the PodDisruptionBudget's minAvailable plus one.",
  anchor:
    "Polaris hpaMinAvailability: at the autoscaler's minimum a budget equal to the replica count blocks every drain.",
  description: "An autoscaler's minReplicas is at least the PodDisruptionBudget's minAvailable plus one.",
  config: z.object({}),
  check: (service) =>
    regionWorkloads(service).flatMap((w): Finding[] => {
      if (!w.hpa || !w.pdb) return [];
      const min = minReplicas(w.deployment.props, w.hpa.props);
      if (isUnknown(min)) return [];
      const allowed = allowance(w.pdb, min);
      if (allowed === undefined) return [];
      const floor = min - allowed;
      if (min >= floor + 1) return [];
      return [
        {
          resource: w.hpa.key,
          path: "spec.workload.autoscaling.min",
          message: must(
            describe(w.hpa),
            `set minReplicas to at least ${floor + 1} (PDB minAvailable ${floor} + 1), got ${min}`,
            "when scaled in to its minimum the service could not lose a single pod to a drain",
          ),
        },
      ];
    }),
});

/** Two or more replicas spread across zones. */
export const zoneSpread = serviceRule("workload", {
  name: "zone-spread",
  fix: "Remove the override of the Deployment's zone topologySpreadConstraints (topology.kubernetes.io/zone), and set spec.workload.replicas to at least 2.",
  anchor:
    "kube-score deployment-has-host-podantiaffinity; Polaris topologySpreadConstraint: replicas in one zone fail together.",
  description: "A Deployment with 2 or more replicas spreads its pods across zones (topology.kubernetes.io/zone).",
  config: z.object({
    topologyKey: z.string().default("topology.kubernetes.io/zone").describe("Node label that names the zone."),
  }),
  check: (service, config) =>
    regionWorkloads(service).flatMap((w): Finding[] => {
      const min = minReplicas(w.deployment.props, w.hpa?.props);
      if (isUnknown(min) || min < 2) return [];
      const constraints = list(w.deployment.props, "spec.template.spec.topologySpreadConstraints");
      if (isUnknown(constraints) || constraints.some((c) => at(c, "topologyKey") === config.topologyKey)) return [];
      return [
        {
          resource: w.deployment.key,
          path: "spec.workload.zoneSpread",
          message: must(
            describe(w.deployment),
            `spread its ${min}+ replicas over ${config.topologyKey}`,
            "all replicas in one zone go down with that zone",
          ),
        },
      ];
    }),
});

/** The workload rules across objects. */
export const SCALING_RULES = [replicasAtTierFloor, pdbAllowsDisruption, hpaMinAbovePdb, zoneSpread];
