/**
 * The incident bridge of a stack: one, in the cluster of the bridge's region, serving every service
 * probed in any region, registered once for the stack (`Plan.shared`) whatever the number of services
 * and regions, so an outage every region's Alertmanager reports opens one incident. It is its
 * Namespace, a PersistentVolumeClaim, the Deployment and its Service; each service routes its alerts
 * to it from its own namespace in every region (`plan.ts`, at the URLs of `incident-topology.ts`). Pure.
 */

import type { StackDomainPlan } from "../../core/module.js";
import { kubeBody, type KubeBody } from "../../core/plan/kube.js";
import type { PlannedResource } from "../../core/plan/types.js";
import type { ResolvedService } from "../../core/spec/service.js";
import type { StackConfig } from "../../core/stack/config.js";
import { KENER_NAMES } from "../../core/status-page.js";
import type { KubeObjects, KubeToken } from "../../core/tokens.js";
import { logicalName, resourceKey } from "../../core/conventions.js";
import { bridgeClaim, bridgeDeployment, bridgeNamespace, bridgeService } from "./incident-plan.js";
import { webhookUrlFor } from "./incident-topology.js";
import { INCIDENT_NAMES as N } from "./incident-names.js";
import type { IncidentSettings } from "./incident-settings.js";
import { bridgeRegion } from "./settings.js";
import { probedWith } from "./plan.js";
import type { IncidentBridgeAnalysis } from "./types.js";

declare module "../../core/plan/types.js" {
  interface SharedAnalysis {
    /** The stack's incident bridge: where it runs, who posts to it and what it serves. */
    readonly incidentBridge?: IncidentBridgeAnalysis;
  }
}

const ORIGIN = "reliability:status.incidents";

/** One object of the bridge, keyed `incident-bridge/<region>/<kind>`. */
function bridgeResource<T extends KubeToken>(
  region: string,
  type: T,
  kind: string,
  body: KubeBody<T>,
): PlannedResource {
  const namespace = resourceKey(N.bridge, region, "Namespace");
  return {
    key: resourceKey(N.bridge, region, kind),
    type,
    name: logicalName(N.bridge, region, kind.toLowerCase()),
    provider: "kubernetes",
    region,
    service: N.bridge,
    props: body,
    opts: kind === "Namespace" ? {} : { dependsOn: [namespace] },
    origin: ORIGIN,
  };
}

/** The objects of the bridge in its region, in registration order. */
export function bridgeResources(region: string, settings: IncidentSettings, environment: string): PlannedResource[] {
  const object = <T extends KubeToken>(type: T, kind: string, body: KubeObjects[T]): PlannedResource =>
    bridgeResource(region, type, kind, kubeBody(type, body));
  return [
    object("kubernetes:core/v1:Namespace", "Namespace", bridgeNamespace(settings, environment)),
    object("kubernetes:core/v1:PersistentVolumeClaim", "PersistentVolumeClaim", bridgeClaim(settings, environment)),
    object("kubernetes:apps/v1:Deployment", "Deployment", bridgeDeployment(settings, environment)),
    object("kubernetes:core/v1:Service", "Service", bridgeService(settings, environment)),
  ];
}

/** The status domain's stack-wide plan: nothing per service, the stack's one bridge shared. */
export function planIncidentBridges(services: readonly ResolvedService[], stack: StackConfig): StackDomainPlan {
  const settings = stack.status?.incidents;
  const probed = settings ? services.filter((s) => probedWith(s, stack)) : [];
  if (!settings || probed.length === 0) return { services: new Map(), issues: [] };
  const region = bridgeRegion(settings, stack);
  const senders = [...new Set(probed.flatMap((s) => s.regions))];
  const resources = bridgeResources(region, settings, stack.environment);
  const analysis: IncidentBridgeAnalysis = {
    region,
    namespace: settings.namespace,
    webhookUrls: Object.fromEntries(senders.map((r) => [r, webhookUrlFor(settings, stack, r)])),
    services: probed.map((s) => s.name),
    monitors: probed.flatMap((s) => s.status.endpoints.map((e) => KENER_NAMES.monitorTag(s.name, e.name))),
    resources: resources.map((r) => r.key),
  };
  return { services: new Map(), issues: [], shared: { resources, analysis: { incidentBridge: analysis } } };
}
