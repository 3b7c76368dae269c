/**
 * What a `ReliableService` tells the stack about itself once registered: where it answers, where its
 * database answers in each region, which alerts and chaos Schedules it runs. Read from the plan and
 * from the registered resources' outputs; nothing is decided here.
 */

import type * as pulumi from "@pulumi/pulumi";
import type { ServicePlan } from "../core/plan/types.js";

/** The outputs a service component registers. */
export interface ServiceOutputs {
  readonly [key: string]: unknown;
  /** Service name. */
  readonly service: string;
  /** Kubernetes namespace. */
  readonly namespace: string;
  /** Regions it runs in. */
  readonly regions: readonly string[];
  /** Hash of the merged spec. */
  readonly specHash: string;
  /** Resources registered. */
  readonly resourceCount: number;
  /** The public DNS name clients use, when the service has one. */
  readonly hostname?: string;
  /** Writer endpoint of the database in each region (the cluster's or the instance's). */
  readonly databaseEndpoints: Readonly<Record<string, pulumi.Output<unknown>>>;
  /** Names of the alerts its PrometheusRules hold, sorted. */
  readonly alerts: readonly string[];
  /** Names of its chaos Schedules, sorted. */
  readonly chaosSchedules: readonly string[];
}

/** Output attribute of the writer endpoint, by database token. */
const DATABASE_ENDPOINT: Readonly<Record<string, string>> = {
  "aws:rds/cluster:Cluster": "endpoint",
  "aws:rds/instance:Instance": "address",
};

/** The outputs of a service, given the resources registered for its plan (by plan key). */
export function serviceOutputs(plan: ServicePlan, created: ReadonlyMap<string, pulumi.CustomResource>): ServiceOutputs {
  const databaseEndpoints: Record<string, pulumi.Output<unknown>> = {};
  for (const r of plan.resources) {
    const attr = DATABASE_ENDPOINT[r.type];
    const resource = created.get(r.key) as unknown as Record<string, pulumi.Output<unknown> | undefined> | undefined;
    const output = attr ? resource?.[attr] : undefined;
    if (output && databaseEndpoints[r.region] === undefined) databaseEndpoints[r.region] = output;
  }
  const names = (type: string, pick: (props: unknown) => readonly string[]) =>
    [...new Set(plan.resources.filter((r) => r.type === type).flatMap((r) => pick(r.props)))].sort();
  const hostname = plan.analysis.dns?.name;
  return {
    service: plan.service,
    namespace: plan.namespace,
    regions: plan.regions,
    specHash: plan.specHash,
    resourceCount: plan.resources.length,
    ...(hostname ? { hostname } : {}),
    databaseEndpoints,
    alerts: names("kubernetes:monitoring.coreos.com/v1:PrometheusRule", alertNames),
    chaosSchedules: names("kubernetes:chaos-mesh.org/v1alpha1:Schedule", (p) => {
      const name = (p as { metadata?: { name?: unknown } }).metadata?.name;
      return typeof name === "string" ? [name] : [];
    }),
  };
}

function alertNames(props: unknown): string[] {
  const groups = (props as { spec?: { groups?: { rules?: { alert?: unknown }[] }[] } }).spec?.groups ?? [];
  return groups.flatMap((g) => (g.rules ?? []).flatMap((r) => (typeof r.alert === "string" ? [r.alert] : [])));
}
