/**
 * The synthetic probes of a service: a prometheus-operator `Probe` per endpoint and probing region,
 * and the blackbox exporter modules they name. Pure.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.Probe
 * @see https://github.com/prometheus/blackbox_exporter/blob/master/CONFIGURATION.md#http_probe
 */

import type { IProbe } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Probe" with {
  "resolution-mode": "import",
};
import { DETAIL_LABELS, LABELS, STATUS_NAMES, standardLabels, ALERT_LABELS } from "../../core/conventions.js";
import type { ResolvedService } from "../../core/spec/service.js";
import type { CustomObject } from "../../core/tokens.js";
import { formatDuration } from "../../core/units.js";
import { STATUS_DEFAULTS } from "./defaults.js";
import type { ResolvedEndpoint, ResolvedStatus } from "./resolved.js";
import type { StatusStackSettings } from "./settings.js";

/** One blackbox exporter module: an HTTP check with the endpoint's method, status codes and TLS requirement. */
export interface BlackboxModule {
  /** Always `http`. */
  readonly prober: "http";
  /** The HTTP prober's settings (blackbox exporter 0.23 field names). */
  readonly http: {
    /** Request method. */
    readonly method: string;
    /** Status codes that pass; left out: any 2xx. */
    readonly valid_status_codes?: readonly number[];
    /** Fail when the final response did not come over TLS (https endpoints). */
    readonly fail_if_not_ssl?: boolean;
    /** IP version resolved first. */
    readonly preferred_ip_protocol: "ip4" | "ip6";
  };
}

/** The module an endpoint's check needs and its name: the stack's default module, or `<module>_<method>_<codes>[_plain]`. */
export function moduleOf(
  endpoint: ResolvedEndpoint,
  settings: StatusStackSettings,
): { readonly name: string; readonly module: BlackboxModule } {
  const standard = endpoint.method === STATUS_DEFAULTS.method && endpoint.statusCodes.length === 0 && endpoint.tls;
  const codes = endpoint.statusCodes.length === 0 ? "2xx" : endpoint.statusCodes.join("_");
  const name = standard
    ? settings.module
    : `${settings.module}_${endpoint.method.toLowerCase()}_${codes}${endpoint.tls ? "" : "_plain"}`;
  const http = {
    method: endpoint.method,
    ...(endpoint.statusCodes.length > 0 ? { valid_status_codes: endpoint.statusCodes } : {}),
    ...(endpoint.tls ? { fail_if_not_ssl: true } : {}),
    preferred_ip_protocol: settings.preferredIpProtocol,
  };
  return { name, module: { prober: "http", http } };
}

/** The blackbox exporter configuration of a service's endpoints: `{ modules: { <name>: <module> } }`, names sorted. */
export function blackboxConfig(
  status: ResolvedStatus,
  settings: StatusStackSettings,
): { readonly modules: Readonly<Record<string, BlackboxModule>> } {
  const modules = new Map(
    status.endpoints.map((e) => {
      const m = moduleOf(e, settings);
      return [m.name, m.module] as const;
    }),
  );
  return { modules: Object.fromEntries([...modules].sort(([a], [b]) => a.localeCompare(b))) };
}

/** The metadata of a status object of a service: its name, the service's namespace, the standard labels and `extra`. */
export function statusMetadata(service: ResolvedService, name: string, extra: Readonly<Record<string, string>>) {
  return {
    name,
    namespace: service.namespace,
    labels: { ...standardLabels(service), [LABELS.component]: STATUS_NAMES.component, ...extra },
  };
}

/** The labels every series of a probe carries (the Probe's static target labels). */
export function probeLabels(
  service: ResolvedService,
  endpoint: ResolvedEndpoint,
  from: string,
): Record<string, string> {
  return {
    [ALERT_LABELS.service]: service.name,
    [DETAIL_LABELS.endpoint]: endpoint.name,
    [DETAIL_LABELS.probeRegion]: from,
  };
}

/** The Probe that checks `endpoint` from region `from` through that region's blackbox exporter at `prober`. */
export function probe(
  service: ResolvedService,
  status: ResolvedStatus,
  endpoint: ResolvedEndpoint,
  from: string,
  prober: string,
  settings: StatusStackSettings,
): CustomObject<IProbe> {
  return {
    metadata: statusMetadata(service, STATUS_NAMES.probe(service.name, endpoint.name, from), settings.labels),
    spec: {
      prober: { url: prober, scheme: settings.prober.scheme, path: settings.prober.path },
      module: moduleOf(endpoint, settings).name,
      interval: formatDuration(status.intervalMs),
      scrapeTimeout: formatDuration(endpoint.timeoutMs),
      targets: { staticConfig: { static: [endpoint.url], labels: probeLabels(service, endpoint, from) } },
    },
  };
}
