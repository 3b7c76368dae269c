import type { KubeObjects } from "../../core/tokens.js";
import { DEFAULTS } from "../../core/defaults.js";
import type { ResolvedService } from "../../core/spec/service.js";
import type { ResolvedAlerting } from "./resolved.js";
import type { StackConfig } from "../../core/stack/config.js";
import { ALERT_LABELS, SEVERITY } from "../../core/conventions.js";

/** The AlertmanagerConfig's spec as the operator's model types it. */
type AlertmanagerConfigSpec = NonNullable<
  KubeObjects["kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig"]["spec"]
>;

/**
 * The AlertmanagerConfig of a service: critical alerts to the page receiver, warnings to the ticket
 * receiver, grouped by service and alert name, warnings inhibited while the same service pages.
 *
 * The prometheus-operator merges it under its own root route and, with the default
 * `alertmanagerConfigMatcherStrategy: OnNamespace`, adds a `namespace="<object's namespace>"` matcher
 * to the route and to both sides of every inhibit rule: every generated alert therefore carries
 * `namespace`. A route may only name receivers defined in the same object, so both receivers are
 * defined here with the integrations the stack configures for them.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1alpha1.AlertmanagerConfigSpec
 * @see https://prometheus.io/docs/alerting/0.25/configuration/
 */

/** A v1alpha1 equality matcher (`matchType` left out: it defaults to `=`, and a bare `=` is a YAML 1.1 tag). */
interface Matcher {
  readonly name: string;
  readonly value: string;
}

const eq = (name: string, value: string): Matcher => ({ name, value });

/** `AlertmanagerConfig.spec` of a service. */
export function alertmanagerSpec(
  service: ResolvedService,
  alerting: ResolvedAlerting,
  stack: StackConfig,
): AlertmanagerConfigSpec {
  const names = [...new Set([alerting.ticketReceiver, alerting.pageReceiver])];
  return {
    route: {
      receiver: alerting.ticketReceiver,
      groupBy: [ALERT_LABELS.service, "alertname"],
      groupWait: alerting.groupWait,
      groupInterval: DEFAULTS.groupInterval,
      repeatInterval: alerting.repeatInterval,
      matchers: [eq(ALERT_LABELS.service, service.name)],
      routes: [
        { receiver: alerting.pageReceiver, matchers: [eq(ALERT_LABELS.severity, SEVERITY.page)] },
        { receiver: alerting.ticketReceiver, matchers: [eq(ALERT_LABELS.severity, SEVERITY.ticket)] },
      ],
    },
    receivers: names.map((name) => receiver(name, stack)),
    inhibitRules: [
      {
        sourceMatch: [eq(ALERT_LABELS.severity, SEVERITY.page), eq(ALERT_LABELS.service, service.name)],
        targetMatch: [eq(ALERT_LABELS.severity, SEVERITY.ticket), eq(ALERT_LABELS.service, service.name)],
        equal: [ALERT_LABELS.service],
      },
    ],
  };
}

/** One receiver with the integrations the stack gives it (none when the stack does not know it; a spec check reports that). */
function receiver(name: string, stack: StackConfig): NonNullable<AlertmanagerConfigSpec["receivers"]>[number] {
  const config = stack.prometheus.receivers?.[name];
  if (!config) return { name };
  return {
    name,
    ...(config.webhook ? { webhookConfigs: [{ ...definedOnly(config.webhook), sendResolved: true }] } : {}),
    ...(config.pagerduty
      ? { pagerdutyConfigs: [{ routingKey: config.pagerduty.routingKey, sendResolved: true }] }
      : {}),
    ...(config.slack
      ? {
          slackConfigs: [
            {
              apiURL: config.slack.apiURL,
              ...(config.slack.channel === undefined ? {} : { channel: config.slack.channel }),
              sendResolved: true,
            },
          ],
        }
      : {}),
  };
}

/** The fields of an object that are set (a parsed optional field may be typed as possibly undefined). */
function definedOnly<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
