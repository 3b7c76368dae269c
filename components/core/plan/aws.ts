import type { ResolvedService } from "../spec/service.js";
import { awsTags, logicalName, resourceKey } from "../conventions.js";
import { toProps } from "./props.js";
import type { AwsInputs, AwsToken, PlainInput } from "../tokens.js";
import type { PlannedOptions, PlannedResource, Ref, SecretRef } from "./types.js";

/**
 * The plan props of an AWS resource, typed by its token: the Pulumi `*Args` of the token as plain
 * data, where a reference (`{ ref, attr }`) or a secret (`{ secret, source }`) may stand wherever
 * Pulumi takes an `Input<string>`. A misspelt or mistyped input fails the type check.
 */
export type AwsProps<T extends AwsToken> = PlainInput<AwsInputs[T], Ref | SecretRef>;

/** What one AWS resource of a service needs besides its inputs. */
export interface AwsResourceSpec<T extends AwsToken = AwsToken> {
  /** Region whose provider registers it. */
  readonly region: string;
  /** Plan-key kind (`GlobalCluster`, `HealthCheck`, ...). */
  readonly kind: string;
  /** Pulumi type token (`aws:rds/cluster:Cluster`). */
  readonly type: T;
  /** Suffix that keeps key and logical name unique when a kind repeats in a region. */
  readonly suffix?: string;
  /** Spec field the resource comes from. */
  readonly origin: string;
  /** Resource options. */
  readonly opts?: PlannedOptions;
  /** Region the resource serves, when it differs from the provider region (a Route 53 health check of eu-west-1 lives in us-east-1). */
  readonly servesRegion?: string;
}

/**
 * Builds one planned AWS resource of a service, tagged with the service's standard labels unless
 * `tagged` is false. `props` are typed by `spec.type` (see {@link AwsProps}).
 */
export function awsResource<T extends AwsToken>(
  service: ResolvedService,
  spec: AwsResourceSpec<T>,
  props: AwsProps<T>,
  tagged = true,
): PlannedResource {
  const suffix = spec.suffix ? `${kebab(spec.kind)}-${spec.suffix}` : kebab(spec.kind);
  return {
    key: resourceKey(service.name, spec.region, spec.kind, spec.suffix),
    type: spec.type,
    name: logicalName(service.name, spec.region, suffix),
    provider: "aws",
    region: spec.region,
    service: service.name,
    props: toProps(tagged ? { ...props, tags: awsTags(service, spec.servesRegion ?? spec.region) } : props),
    opts: spec.opts ?? {},
    origin: spec.origin,
  };
}

/** A reference to another resource's output. */
export function ref(resource: PlannedResource, attr: string): Ref {
  return { ref: resource.key, attr };
}

function kebab(kind: string): string {
  return kind.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}
