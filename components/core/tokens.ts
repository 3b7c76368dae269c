/**
 * The token table: each Pulumi type token the plan uses, mapped to the input type of that resource.
 * Types only (`import type`), so planning stays pure: nothing from the provider packages is loaded
 * at run time. The planners' `awsResource` and `kubeResource` take a token and props typed by it, so
 * a misspelt or mistyped input fails `npm run typecheck`, not the deploy.
 *
 * The tables are interfaces so a module can add its own tokens by declaration merging
 * (`declare module "…/core/tokens.js" { interface KubeObjects { "kubernetes:x/v1:Y": Y } }`).
 */
import type * as aws from "@pulumi/aws";
import type { ProviderArgs as KubernetesProviderArgs } from "@pulumi/kubernetes/provider.js";
import type * as random from "@pulumi/random";
import type * as pulumi from "@pulumi/pulumi";
import type { Deployment } from "kubernetes-types/apps/v1";
import type { HorizontalPodAutoscaler } from "kubernetes-types/autoscaling/v2";
import type { Namespace, Service, ServiceAccount } from "kubernetes-types/core/v1";
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import type { IPrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule" with {
  "resolution-mode": "import",
};
import type { IAlertmanagerConfig } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/AlertmanagerConfig" with {
  "resolution-mode": "import",
};

/**
 * The provider table: each provider family the plan registers resources with, mapped to its
 * provider's inputs. The family is also the package prefix of its type tokens (`aws:rds/...`).
 * A module adds a family by merging a key here and filling the runtime tables keyed by it
 * (plan/providers.ts, pulumi/providers.ts, pulumi/registry.ts), which the compiler then lists.
 */
export interface ProviderInputs {
  kubernetes: KubernetesProviderArgs;
  aws: aws.ProviderArgs;
}

/** A provider family (a key of the provider table). */
export type ProviderKind = keyof ProviderInputs;

/** AWS resource inputs (Pulumi `*Args`) by type token. */
export interface AwsInputs {
  "aws:cloudwatch/metricAlarm:MetricAlarm": aws.cloudwatch.MetricAlarmArgs;
  "aws:iam/role:Role": aws.iam.RoleArgs;
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": aws.iam.RolePolicyAttachmentArgs;
  "aws:kms/key:Key": aws.kms.KeyArgs;
  "aws:rds/cluster:Cluster": aws.rds.ClusterArgs;
  "aws:rds/clusterInstance:ClusterInstance": aws.rds.ClusterInstanceArgs;
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": aws.rds.ClusterParameterGroupArgs;
  "aws:rds/globalCluster:GlobalCluster": aws.rds.GlobalClusterArgs;
  "aws:rds/instance:Instance": aws.rds.InstanceArgs;
  "aws:rds/parameterGroup:ParameterGroup": aws.rds.ParameterGroupArgs;
  "aws:route53/healthCheck:HealthCheck": aws.route53.HealthCheckArgs;
  "aws:route53/record:Record": aws.route53.RecordArgs;
  "aws:secretsmanager/secret:Secret": aws.secretsmanager.SecretArgs;
  "aws:secretsmanager/secretVersion:SecretVersion": aws.secretsmanager.SecretVersionArgs;
  "aws:sns/topic:Topic": aws.sns.TopicArgs;
  "aws:sns/topicSubscription:TopicSubscription": aws.sns.TopicSubscriptionArgs;
}

/** Resources the Pulumi components create at deploy time from a secret reference (`{ secret, source }`). */
export interface RandomInputs {
  "random:index/randomPassword:RandomPassword": random.RandomPasswordArgs;
}

/** Kubernetes objects (the plain `kubernetes-types` shapes the planners build) by type token. */
export interface KubeObjects {
  "kubernetes:apps/v1:Deployment": Deployment;
  "kubernetes:autoscaling/v2:HorizontalPodAutoscaler": HorizontalPodAutoscaler;
  "kubernetes:core/v1:Namespace": Namespace;
  "kubernetes:core/v1:Service": Service;
  "kubernetes:core/v1:ServiceAccount": ServiceAccount;
  "kubernetes:policy/v1:PodDisruptionBudget": PodDisruptionBudget;
  "kubernetes:monitoring.coreos.com/v1:PrometheusRule": CustomObject<IPrometheusRule>;
  "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig": CustomObject<IAlertmanagerConfig>;
}

/** A custom resource as the planners build it: the operator's model without `apiVersion`, `kind` and `status` (the token gives the first two). */
export type CustomObject<T> = Omit<T, "apiVersion" | "kind" | "status">;

/** A token of the AWS table. */
export type AwsToken = keyof AwsInputs;
/** A token of the Kubernetes table. */
export type KubeToken = keyof KubeObjects;

/**
 * A Pulumi input as plain plan data: `Input<T>` (`T | Promise<T> | Output<T>`) loses its promise and
 * output forms, and wherever the input is a string, `Deploy` (the plan's reference or secret forms)
 * may stand in for it. Objects and lists are mapped field by field, so excess and mistyped fields
 * are still caught. An optional field is left out rather than set to `undefined`.
 */
export type PlainInput<T, Deploy> = T extends Promise<unknown> | pulumi.OutputInstance<unknown>
  ? never
  : T extends string
    ? T | Deploy
    : T extends number | boolean | null
      ? T
      : T extends readonly (infer E)[]
        ? readonly PlainInput<E, Deploy>[]
        : T extends object
          ? { readonly [K in keyof T]: PlainInput<Exclude<T[K], undefined>, Deploy> }
          : T;
