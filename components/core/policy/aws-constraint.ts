/**
 * The shape of the AWS-constraint rules: each rule holds the constraints AWS enforces on one family
 * of resources (what its API rejects), run on the plan's props offline and on the inputs Pulumi
 * presents in the pack. A violation is mandatory everywhere, because AWS refuses the resource in any
 * environment. A value not known yet (preview) is never judged.
 */

import { z } from "zod";
import { sentence, type AwsLimit } from "../aws/limit.js";
import { isRef } from "../plan/types.js";
import { describe, serviceRule } from "./framework.js";
import type { Finding, ServiceRule, ServiceSubject, Subject } from "./types.js";
import { containsUnknown } from "./values.js";

/** One breach of a constraint: the limit and the value that breaks it. */
export interface Breach {
  /** What AWS requires and why. */
  readonly limit: AwsLimit;
  /** The offending value, quoted in the message. */
  readonly value?: unknown;
}

/** One constraint AWS enforces on resources of some types. */
export interface AwsConstraint {
  /** Kebab-case id, unique across the rules. */
  readonly id: string;
  /** Type tokens it applies to. */
  readonly types: readonly string[];
  /** Spec field a violation points at, when it is not the resource's origin. */
  readonly path?: string;
  /** The breaches of one resource (the service's other resources resolve references). */
  readonly check: (subject: Subject, service: ServiceSubject) => readonly Breach[];
}

/** A breach when `limit` is set. */
export function breach(limit: AwsLimit | undefined, value?: unknown): Breach[] {
  return limit ? [{ limit, ...(value === undefined ? {} : { value }) }] : [];
}

/** True when a value holds no unknown (it can be judged). */
export function known(value: unknown): boolean {
  return !containsUnknown(value);
}

/** Region of a referenced resource (offline), of an ARN string, or undefined when it cannot be told. */
export function regionOf(service: ServiceSubject, value: unknown): string | undefined {
  if (isRef(value)) return service.resources.find((r) => r.key === value.ref)?.region;
  if (typeof value === "string") return /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]+):/.exec(value)?.[1];
  return undefined;
}

/** Builds the rule of one family of constraints. */
export function awsRule(
  name: string,
  description: string,
  constraints: readonly AwsConstraint[],
): ServiceRule & { readonly constraints: readonly AwsConstraint[] } {
  const rule = serviceRule("aws", {
    name,
    description,
    config: z.object({}),
    enforcement: "always",
    fix: "Change the named input (or the spec field it comes from) to a value the AWS API accepts, as the message states.",
    anchor:
      "AWS API constraints (the service's API reference): AWS refuses the resource in every environment, so the deploy would fail.",
    check: (service) =>
      service.resources.flatMap((r) =>
        constraints
          .filter((c) => c.types.includes(r.type))
          .flatMap((c) => c.check(r, service).map((b) => finding(r, c, b))),
      ),
  });
  return { ...rule, constraints };
}

function finding(subject: Subject, constraint: AwsConstraint, b: Breach): Finding {
  return {
    resource: subject.key,
    message: sentence(describe(subject), b.limit, b.value),
    fix: `Change ${constraint.path ?? `the input of ${describe(subject)}`} so that it will ${b.limit.must}.`,
    ...(constraint.path ? { path: constraint.path } : {}),
  };
}

/** Type tokens of the AWS resources the planners create. */
export const AWS_TYPES = {
  healthCheck: "aws:route53/healthCheck:HealthCheck",
  record: "aws:route53/record:Record",
  globalCluster: "aws:rds/globalCluster:GlobalCluster",
  cluster: "aws:rds/cluster:Cluster",
  clusterInstance: "aws:rds/clusterInstance:ClusterInstance",
  instance: "aws:rds/instance:Instance",
  kmsKey: "aws:kms/key:Key",
  secret: "aws:secretsmanager/secret:Secret",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  topic: "aws:sns/topic:Topic",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
} as const;
