/**
 * The mesh objects' vendored CRDs (Istio, Gateway API experimental channel), the rules their API
 * servers enforce beyond the schema (CEL on durations and on HTTPRoute timeouts), and Linkerd's
 * documented annotations, which no schema lists.
 */

import { join } from "node:path";
import { LINKERD_ANNOTATIONS } from "../../components/domains/resilience/names.js";
import { REFERENCE_DIR } from "../support/vendored.js";

const ISTIO = join(REFERENCE_DIR, "istio-crds");
const GATEWAY_API = join(REFERENCE_DIR, "gateway-api-crds");

/** The vendored CRD file and served version of each mesh kind the plan emits, by `apiVersion kind`. */
export const MESH_CRD_FILES: Readonly<Record<string, { readonly file: string; readonly version: string }>> = {
  "networking.istio.io/v1beta1 VirtualService": {
    file: join(ISTIO, "networking.istio.io_virtualservices.yaml"),
    version: "v1beta1",
  },
  "networking.istio.io/v1beta1 DestinationRule": {
    file: join(ISTIO, "networking.istio.io_destinationrules.yaml"),
    version: "v1beta1",
  },
  "networking.istio.io/v1beta1 ServiceEntry": {
    file: join(ISTIO, "networking.istio.io_serviceentries.yaml"),
    version: "v1beta1",
  },
  "gateway.networking.k8s.io/v1 HTTPRoute": {
    file: join(GATEWAY_API, "gateway.networking.k8s.io_httproutes.yaml"),
    version: "v1",
  },
  "gateway.networking.k8s.io/v1 GRPCRoute": {
    file: join(GATEWAY_API, "gateway.networking.k8s.io_grpcroutes.yaml"),
    version: "v1",
  },
};

/** A Go duration (what CEL's `duration()` reads), in milliseconds; undefined when CEL would refuse it. */
export function goDurationMs(text: string): number | undefined {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 1e-6 };
  if (!/^(\d+(\.\d+)?(h|m|s|ms|us|µs|ns))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, n, , unit] of text.matchAll(/(\d+(\.\d+)?)(ms|us|µs|ns|h|m|s)/g))
    total += Number(n) * (units[unit ?? ""] ?? 0);
  return total;
}

type Obj = {
  readonly kind?: unknown;
  readonly metadata?: { readonly annotations?: Record<string, string> };
  readonly spec?: unknown;
};

const at = (root: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>(
    (node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
    root,
  );

/** Every duration field the plan writes in an Istio object, by its path. */
function istioDurationFields(o: Obj): [string, unknown][] {
  const spec = o.spec;
  if (o.kind === "VirtualService")
    return ((at(spec, "http") as unknown[] | undefined) ?? []).flatMap((h, i): [string, unknown][] => [
      [`spec.http[${i}].timeout`, at(h, "timeout")],
      [`spec.http[${i}].retries.perTryTimeout`, at(h, "retries", "perTryTimeout")],
      [`spec.http[${i}].retries.backoff`, at(h, "retries", "backoff")],
    ]);
  const policy = at(spec, "trafficPolicy");
  return [
    ["spec.trafficPolicy.outlierDetection.baseEjectionTime", at(policy, "outlierDetection", "baseEjectionTime")],
    ["spec.trafficPolicy.outlierDetection.interval", at(policy, "outlierDetection", "interval")],
    ["spec.trafficPolicy.connectionPool.tcp.connectTimeout", at(policy, "connectionPool", "tcp", "connectTimeout")],
    [
      "spec.trafficPolicy.connectionPool.tcp.tcpKeepalive.time",
      at(policy, "connectionPool", "tcp", "tcpKeepalive", "time"),
    ],
    [
      "spec.trafficPolicy.connectionPool.tcp.tcpKeepalive.interval",
      at(policy, "connectionPool", "tcp", "tcpKeepalive", "interval"),
    ],
  ];
}

/** Istio's CEL rule on every duration the plan writes: a valid duration of at least 1ms. */
function istioDurations(o: Obj): string[] {
  return istioDurationFields(o).flatMap(([path, value]) => {
    if (value === undefined) return [];
    const ms = typeof value === "string" ? goDurationMs(value) : undefined;
    return ms !== undefined && ms >= 1
      ? []
      : [`${path}: must be a valid duration greater than 1ms, got ${JSON.stringify(value)}`];
  });
}

/**
 * A ServiceEntry's CEL rules the plan relies on (port numbers unique) and istiod's validation of DNS
 * resolution without endpoints: every host a name DNS can resolve, no wildcard.
 */
function serviceEntryRules(o: Obj): string[] {
  const hosts = (at(o.spec, "hosts") as string[] | undefined) ?? [];
  const ports = ((at(o.spec, "ports") as { number?: number }[] | undefined) ?? []).map((p) => p.number);
  const dns = at(o.spec, "resolution") === "DNS" && at(o.spec, "endpoints") === undefined;
  return [
    ...(new Set(ports).size === ports.length ? [] : ["spec.ports: port number cannot be duplicated"]),
    ...hosts
      .filter((h) => dns && h.includes("*"))
      .map((h) => `spec.hosts: wildcard host ${h} cannot be resolved by DNS without endpoints`),
  ];
}

/** Gateway API's CEL rules on HTTPRoute timeouts: GEP-2257 durations, and backendRequest at most request. */
function routeTimeouts(o: Obj): string[] {
  const rules = (at(o.spec, "rules") as unknown[] | undefined) ?? [];
  return rules.flatMap((rule, i) => {
    const request = at(rule, "timeouts", "request") as string | undefined;
    const backend = at(rule, "timeouts", "backendRequest") as string | undefined;
    const r = request === undefined ? undefined : goDurationMs(request);
    const b = backend === undefined ? undefined : goDurationMs(backend);
    if (r === undefined || b === undefined || r === 0 || b <= r) return [];
    return [
      `spec.rules[${i}].timeouts: backendRequest timeout cannot be longer than request timeout (${backend} > ${request})`,
    ];
  });
}

/** Linkerd annotations: only documented names, each on a kind Linkerd reads it from. */
export function linkerdAnnotationErrors(o: Obj): string[] {
  return Object.keys(o.metadata?.annotations ?? {})
    .filter((key) => key.includes("linkerd.io/"))
    .flatMap((key) => {
      const kinds = LINKERD_ANNOTATIONS[key];
      if (!kinds) return [`annotation ${key}: not a documented Linkerd annotation`];
      return kinds.includes(String(o.kind))
        ? []
        : [`annotation ${key}: Linkerd reads it on ${kinds.join(", ")}, not ${String(o.kind)}`];
    });
}

/** Every rule beyond the CRD schema that the mesh's API server or controller enforces on an object. */
export function meshRuleErrors(o: Obj): string[] {
  switch (o.kind) {
    case "VirtualService":
    case "DestinationRule":
      return istioDurations(o);
    case "ServiceEntry":
      return serviceEntryRules(o);
    case "HTTPRoute":
    case "GRPCRoute":
      return [...routeTimeouts(o), ...linkerdAnnotationErrors(o)];
    default:
      return [];
  }
}
