/**
 * The objects of the incident bridge, one per stack, in one region's cluster, serving every checked
 * service of every region (it keeps its state in one SQLite file, so one replica and the Recreate
 * strategy): a Namespace, a PersistentVolumeClaim for the file, the Deployment running
 * `reliability incidents serve` and its Service. Each service gets, in every region it runs in, an
 * AlertmanagerConfig in its own namespace that sends its outage alerts to the bridge as well (at the
 * URL `incident-topology.ts` gives that region): the operator's default
 * `alertmanagerConfigMatcherStrategy: OnNamespace` limits an AlertmanagerConfig to alerts of its own
 * namespace, and makes every route `continue: true`, so paging is unchanged. Pure.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1alpha1.WebhookConfig
 */

import type { Deployment } from "kubernetes-types/apps/v1";
import type { Container, Namespace, PersistentVolumeClaim, Service } from "kubernetes-types/core/v1";
import { ALERT_LABELS, LABELS, MANAGED_BY, standardLabels } from "../../core/conventions.js";
import { pullPolicyFor } from "../../core/images.js";
import type { KubeObjects } from "../../core/tokens.js";
import type { ResolvedService } from "../../core/spec/service.js";
import { CONTAINER_SECURITY_CONTEXT, POD_SECURITY_CONTEXT } from "../workload/pod.js";
import { INCIDENT_POD } from "./defaults.js";
import { INCIDENT_ALERTS, INCIDENT_NAMES as N } from "./incident-names.js";
import type { IncidentSettings } from "./incident-settings.js";

type AlertmanagerConfig = KubeObjects["kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig"];

const VOLUME = "state";

/** Name, namespace and labels of the bridge's objects in an environment. */
export function bridgeMetadata(settings: IncidentSettings, environment: string) {
  return {
    name: N.bridge,
    namespace: settings.namespace,
    labels: {
      [LABELS.name]: N.bridge,
      [LABELS.component]: N.component,
      [LABELS.partOf]: MANAGED_BY,
      [LABELS.managedBy]: MANAGED_BY,
      [LABELS.environment]: environment,
    },
  };
}

const selector = { [LABELS.name]: N.bridge };

/** The bridge's namespace. */
export function bridgeNamespace(settings: IncidentSettings, environment: string): Namespace {
  const { namespace: _ns, ...metadata } = bridgeMetadata(settings, environment);
  return { metadata: { ...metadata, name: settings.namespace } };
}

/** The volume holding the SQLite file. */
export function bridgeClaim(settings: IncidentSettings, environment: string): PersistentVolumeClaim {
  return {
    metadata: bridgeMetadata(settings, environment),
    spec: {
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: settings.storage } },
      ...(settings.storageClassName === undefined ? {} : { storageClassName: settings.storageClassName }),
    },
  };
}

/**
 * The bridge's Deployment: one replica, replaced (never rolled) so two never write the file at once,
 * scheduled with the PriorityClass the settings name (by default that of critical pods: it opens their incidents).
 */
export function bridgeDeployment(settings: IncidentSettings, environment: string): Deployment {
  const metadata = bridgeMetadata(settings, environment);
  return {
    metadata,
    spec: {
      replicas: 1,
      strategy: { type: "Recreate" },
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: { ...metadata.labels } },
        spec: {
          automountServiceAccountToken: false,
          priorityClassName: settings.priorityClassName,
          terminationGracePeriodSeconds: INCIDENT_POD.terminationGracePeriodSeconds,
          securityContext: POD_SECURITY_CONTEXT,
          containers: [bridgeContainer(settings)],
          volumes: [{ name: VOLUME, persistentVolumeClaim: { claimName: N.bridge } }],
        },
      },
    },
  };
}

const secretEnv = (name: string, ref: { readonly name: string; readonly key: string }) => ({
  name,
  valueFrom: { secretKeyRef: { name: ref.name, key: ref.key } },
});

function bridgeContainer(settings: IncidentSettings): Container {
  const get = (path: string) => ({ httpGet: { path, port: N.port } });
  return {
    name: N.component,
    image: settings.image,
    imagePullPolicy: pullPolicyFor(settings.image),
    command: ["reliability"],
    args: [
      ...["incidents", "serve", "--listen", `0.0.0.0:${settings.port}`],
      ...["--database", `${N.dataDir}/${N.databaseFile}`, "--status-page-url", settings.statusPageUrl],
      ...["--flap-window", settings.flapWindow],
    ],
    env: [secretEnv(N.apiKeyEnv, settings.apiKeySecret), secretEnv(N.tokenEnv, settings.tokenSecret)],
    ports: [{ name: N.port, containerPort: settings.port, protocol: "TCP" }],
    resources: {
      requests: {
        cpu: settings.resources.cpu,
        memory: settings.resources.memory,
        "ephemeral-storage": INCIDENT_POD.ephemeralStorage.request,
      },
      limits: { memory: settings.resources.memory, "ephemeral-storage": INCIDENT_POD.ephemeralStorage.limit },
    },
    startupProbe: { ...get(N.healthPath), ...INCIDENT_POD.startup },
    livenessProbe: { ...get(N.healthPath), ...INCIDENT_POD.liveness },
    readinessProbe: { ...get(N.readyPath), ...INCIDENT_POD.readiness },
    securityContext: CONTAINER_SECURITY_CONTEXT,
    volumeMounts: [{ name: VOLUME, mountPath: N.dataDir }],
  };
}

/** The bridge's Service. */
export function bridgeService(settings: IncidentSettings, environment: string): Service {
  return {
    metadata: bridgeMetadata(settings, environment),
    spec: {
      selector,
      ports: [{ name: N.port, port: settings.port, targetPort: N.port, protocol: "TCP" }],
    },
  };
}

/**
 * The AlertmanagerConfig, in the service's namespace, sending its outage alerts to the bridge at `url`
 * (that of the region it is registered in), resolves included, with the labels the stack's
 * Alertmanager selects AlertmanagerConfigs by.
 */
export function bridgeAlertmanagerConfig(
  service: ResolvedService,
  settings: IncidentSettings,
  url: string,
  selector: Readonly<Record<string, string>> = {},
): AlertmanagerConfig {
  const alerts = [...new Set(INCIDENT_ALERTS.map((a) => a.alert))].join("|");
  const labels = { ...standardLabels(service), [LABELS.component]: N.component, ...selector };
  return {
    metadata: { name: N.alertmanagerConfig(service.name), namespace: service.namespace, labels },
    spec: {
      route: {
        receiver: N.receiver,
        groupBy: [ALERT_LABELS.service, "alertname"],
        groupWait: settings.groupWait,
        groupInterval: settings.groupInterval,
        repeatInterval: settings.repeatInterval,
        matchers: [
          { name: ALERT_LABELS.service, value: service.name },
          { name: "alertname", value: alerts, matchType: "=~" },
        ],
        continue: true,
      },
      receivers: [
        {
          name: N.receiver,
          webhookConfigs: [
            {
              url,
              sendResolved: true,
              httpConfig: {
                authorization: {
                  type: "Bearer",
                  credentials: { name: settings.tokenSecret.name, key: settings.tokenSecret.key },
                },
              },
            },
          ],
        },
      ],
    },
  };
}
