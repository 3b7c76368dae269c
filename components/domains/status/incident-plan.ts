/**
 * The incident bridge of a service, planned in its first region (the bridge keeps its state in one
 * SQLite file, so there is exactly one, with one replica and the Recreate strategy): a
 * PersistentVolumeClaim for the file, the Deployment running `reliability incidents serve`, its
 * Service, and an AlertmanagerConfig that sends the service's outage alerts to it as well (the
 * operator makes every AlertmanagerConfig's route `continue: true`, so paging is unchanged). Pure.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1alpha1.WebhookConfig
 */

import type { Deployment } from "kubernetes-types/apps/v1";
import type { Container, PersistentVolumeClaim, Service } from "kubernetes-types/core/v1";
import { ALERT_LABELS, LABELS, standardLabels } from "../../core/conventions.js";
import type { KubeObjects } from "../../core/tokens.js";
import type { ResolvedService } from "../../core/spec/service.js";
import { CONTAINER_SECURITY_CONTEXT, POD_SECURITY_CONTEXT } from "../workload/pod.js";
import { INCIDENT_POD } from "./defaults.js";
import { INCIDENT_ALERTS, INCIDENT_NAMES as N } from "./incident-names.js";
import type { IncidentSettings } from "./incident-settings.js";

type AlertmanagerConfig = KubeObjects["kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig"];

const VOLUME = "state";

/** Name, namespace and labels of the bridge's objects; the pods are told apart from the service's by their name label. */
export function bridgeMetadata(service: ResolvedService, name = N.bridge(service.name)) {
  return {
    name,
    namespace: service.namespace,
    labels: { ...standardLabels(service), [LABELS.name]: N.bridge(service.name), [LABELS.component]: N.component },
  };
}

const selector = (service: ResolvedService) => ({ [LABELS.name]: N.bridge(service.name) });

/** The URL Alertmanager posts the service's outage alerts to. */
export function webhookUrl(service: ResolvedService, settings: IncidentSettings): string {
  return `http://${N.bridge(service.name)}.${service.namespace}.svc:${settings.port}${N.webhookPath}`;
}

/** The volume holding the SQLite file. */
export function bridgeClaim(service: ResolvedService, settings: IncidentSettings): PersistentVolumeClaim {
  return {
    metadata: bridgeMetadata(service),
    spec: {
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: settings.storage } },
      ...(settings.storageClassName === undefined ? {} : { storageClassName: settings.storageClassName }),
    },
  };
}

/** The bridge's Deployment: one replica, replaced (never rolled) so two never write the file at once. */
export function bridgeDeployment(service: ResolvedService, settings: IncidentSettings): Deployment {
  return {
    metadata: bridgeMetadata(service),
    spec: {
      replicas: 1,
      strategy: { type: "Recreate" },
      selector: { matchLabels: selector(service) },
      template: {
        metadata: { labels: bridgeMetadata(service).labels },
        spec: {
          automountServiceAccountToken: false,
          terminationGracePeriodSeconds: INCIDENT_POD.terminationGracePeriodSeconds,
          securityContext: POD_SECURITY_CONTEXT,
          containers: [bridgeContainer(service, settings)],
          volumes: [{ name: VOLUME, persistentVolumeClaim: { claimName: N.bridge(service.name) } }],
        },
      },
    },
  };
}

const secretEnv = (name: string, ref: { readonly name: string; readonly key: string }) => ({
  name,
  valueFrom: { secretKeyRef: { name: ref.name, key: ref.key } },
});

function bridgeContainer(service: ResolvedService, settings: IncidentSettings): Container {
  const get = (path: string) => ({ httpGet: { path, port: N.port } });
  return {
    name: N.component,
    image: settings.image,
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
export function bridgeService(service: ResolvedService, settings: IncidentSettings): Service {
  return {
    metadata: bridgeMetadata(service),
    spec: {
      selector: selector(service),
      ports: [{ name: N.port, port: settings.port, targetPort: N.port, protocol: "TCP" }],
    },
  };
}

/**
 * The AlertmanagerConfig sending the service's outage alerts to its bridge, resolves included, with the
 * labels the stack's Alertmanager selects AlertmanagerConfigs by.
 */
export function bridgeAlertmanagerConfig(
  service: ResolvedService,
  settings: IncidentSettings,
  selector: Readonly<Record<string, string>> = {},
): AlertmanagerConfig {
  const alerts = [...new Set(INCIDENT_ALERTS.map((a) => a.alert))].join("|");
  const metadata = bridgeMetadata(service, N.alertmanagerConfig(service.name));
  return {
    metadata: { ...metadata, labels: { ...metadata.labels, ...selector } },
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
              url: webhookUrl(service, settings),
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
