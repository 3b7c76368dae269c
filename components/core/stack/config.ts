/**
 * Stack configuration: the `reliability:*` keys of `stacks/Pulumi.<stack>.yaml`, read by
 * `pulumi up` through `pulumi.Config` and by the CLI straight from the file.
 * @see https://www.pulumi.com/docs/concepts/config/
 */

import { join } from "node:path";
import { z } from "zod";
import { quote } from "../spec/errors.js";
import { awsRegion, bool, dnsLabel, duration, pattern, text, url } from "../spec/fields.js";
import { alarmsConfigSchema, checkLoadBalancers } from "./aws.js";
import { policiesConfigSchema } from "../policy/severity.js";

const labelValue = pattern(/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$|^$/, "must be a Kubernetes label value");
const labels = z.record(
  pattern(/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/, "must be a Kubernetes label key"),
  labelValue,
);

const regionConfig = z.strictObject({
  kubernetes: z.strictObject({
    context: text(253, "a kubeconfig context name"),
    kubeconfig: text(4096, "a kubeconfig path").optional(),
  }),
  ingress: z.strictObject({
    hostname: pattern(
      /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/,
      "must be the host name of the region's ingress endpoint",
    ).max(253, { error: "must be a host name of at most 253 characters" }),
    loadBalancer: z
      .strictObject({
        dnsName: text(253, "a load balancer DNS name"),
        hostedZoneId: pattern(/^Z[A-Z0-9]{4,32}$/, "must be the load balancer's Route 53 hosted zone id"),
      })
      .optional(),
  }),
  database: z
    .strictObject({
      subnetGroupName: text(255, "a DB subnet group name"),
      securityGroupIds: z
        .array(pattern(/^sg-[0-9a-f]{8,17}$/, "must be a security group id such as sg-0123abcd"))
        .min(1),
    })
    .optional(),
});

/** A key of a Kubernetes Secret in the service's namespace (namespaced AlertmanagerConfigs read only their own namespace's Secrets). */
const secretKey = z.strictObject({
  name: dnsLabel(253),
  key: pattern(/^[-._a-zA-Z0-9]+$/, "must be a Secret data key"),
});

/**
 * How an Alertmanager receiver notifies: the integrations of one receiver of the services' AlertmanagerConfigs.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1alpha1.Receiver
 */
const receiverConfig = z
  .strictObject({
    webhook: z
      .strictObject({ url: url.optional(), urlSecret: secretKey.optional() })
      .refine((w) => (w.url === undefined) !== (w.urlSecret === undefined), {
        error: "must set exactly one of url or urlSecret",
      })
      .optional(),
    pagerduty: z.strictObject({ routingKey: secretKey }).optional(),
    slack: z.strictObject({ apiURL: secretKey, channel: text(80, "a Slack channel").optional() }).optional(),
  })
  .refine((r) => r.webhook ?? r.pagerduty ?? r.slack, {
    error: "must set at least one of webhook, pagerduty or slack",
  });

/** `reliability:*` keys, validated. */
export const stackConfigSchema = z.strictObject({
  environment: dnsLabel(20),
  services: text(1024, "a glob of service spec files").optional(),
  regions: z
    .record(awsRegion, regionConfig)
    .refine((r) => Object.keys(r).length > 0, { error: "must define at least one region" })
    .superRefine(checkLoadBalancers),
  namespacePrefix: dnsLabel(20).optional(),
  prometheus: z
    .strictObject({
      ruleSelector: labels,
      alertmanagerConfigSelector: labels.optional(),
      url: url,
      alertmanagerUrl: url,
      /** How long the clusters' Prometheus keeps data (`--storage.tsdb.retention.time`); budget alerts need the SLO window plus an hour. */
      retention: duration(3_600_000, 10 * 365 * 86_400_000, " such as 35d").optional(),
      receivers: z.record(text(253, "an Alertmanager receiver name"), receiverConfig).optional(),
      /** Receivers of the services whose spec has no `alerting`, so every service's alerts reach someone. */
      defaultReceivers: z
        .strictObject({
          page: text(253, "an Alertmanager receiver name"),
          ticket: text(253, "an Alertmanager receiver name"),
          runbook: url.optional(),
        })
        .optional(),
    })
    .superRefine((p, ctx) => {
      for (const severity of ["page", "ticket"] as const) {
        const name = p.defaultReceivers?.[severity];
        if (name === undefined || p.receivers?.[name]) continue;
        const known = Object.keys(p.receivers ?? {});
        ctx.addIssue({
          code: "custom",
          path: ["defaultReceivers", severity],
          input: name,
          message: `must name a receiver configured under receivers (${known.length > 0 ? known.join(", ") : "none configured"}), because the services' AlertmanagerConfigs define it from there; got ${quote(name)}`,
        });
      }
    }),
  chaosMesh: z.strictObject({
    installed: bool(),
    namespace: dnsLabel(63).optional(),
    gateImage: text(512, "a container image reference with sh and curl").optional(),
  }),
  route53: z
    .strictObject({ hostedZoneId: pattern(/^Z[A-Z0-9]{4,32}$/, "must be a Route 53 hosted zone id") })
    .optional(),
  alarms: alarmsConfigSchema.optional(),
  /** Levels per rule and exemptions (see `SEVERITY_MODEL`). */
  policies: policiesConfigSchema.optional(),
});

/** Stack configuration as validated (the keys every stack has). */
export type StackConfigInput = z.output<typeof stackConfigSchema>;

/**
 * Stack settings that domains add (`reliability:<key>`, each validated by its domain's schema); each
 * domain adds its keys to this interface from its own folder.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StackSections {}

/** A loaded stack: its name, the common `reliability:*` keys and every domain's stack settings. */
export interface StackConfig extends StackConfigInput, StackSections {
  /** The Pulumi stack name (`dev`, `staging`, `prod`). */
  readonly stack: string;
}

/** The config namespace of every key this project reads. */
export const CONFIG_NAMESPACE = "reliability";

/** Path of a stack's config file under `stacksDir`. */
export function stackFile(stacksDir: string, stack: string): string {
  return join(stacksDir, `Pulumi.${stack}.yaml`);
}
