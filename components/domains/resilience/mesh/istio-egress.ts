/**
 * Istio, calls out of the stack: a database or an external endpoint. A ServiceEntry puts the host in
 * the mesh's registry (`MESH_EXTERNAL`, DNS resolution, the dependency's port and protocol), without
 * which no DestinationRule or VirtualService applies to it. The DestinationRule sets the TCP connect
 * timeout (one try), and
 * - for a database: TCP keepalive, and no outlier detection and no retries (one writer endpoint, and
 *   the mesh cannot tell a failed query from a slow one on an opaque stream);
 * - for an external endpoint: outlier detection (for TLS, connect failures count as errors), and for
 *   plain HTTP the retry budget and a VirtualService with the route timeout and retries.
 * TLS the application originates is opaque to the sidecar: its timeout and retries are the
 * application's, checked and reported like those of `mesh: none`.
 * @see https://istio.io/latest/docs/reference/config/networking/service-entry/
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-TCPSettings
 */

import { kubeBody } from "../../../core/plan/kube.js";
import type { ResolvedService } from "../../../core/spec/service.js";
import { ENDPOINT_DEFAULTS } from "../defaults.js";
import type { MeshSettings } from "../schema.js";
import type { CallBudget, EndpointFacts } from "../types.js";
import { DESTINATION_RULE, outlierDetection, retryBudget, virtualService, VIRTUAL_SERVICE } from "./istio.js";
import { callMetadata, protoDuration, type MeshObject } from "./shared.js";

/** Pulumi token of an Istio ServiceEntry. */
export const SERVICE_ENTRY = "kubernetes:networking.istio.io/v1beta1:ServiceEntry";

/** An endpoint the mesh can configure: a fully qualified host and a port. */
type Addressable = EndpointFacts & { readonly port: number };

/** Whether Istio can select the endpoint's traffic: a fully qualified host and a port. */
export function addressable(endpoint: EndpointFacts | undefined): endpoint is Addressable {
  return endpoint !== undefined && endpoint.port !== undefined && endpoint.host.includes(".");
}

function serviceEntry(caller: ResolvedService, call: CallBudget, endpoint: Addressable) {
  return kubeBody(SERVICE_ENTRY, {
    metadata: callMetadata(caller, call),
    spec: {
      hosts: [endpoint.host],
      exportTo: ["."],
      location: "MESH_EXTERNAL",
      resolution: "DNS",
      ports: [
        {
          number: endpoint.port,
          name: `${endpoint.protocol}-${endpoint.port}`,
          protocol: endpoint.protocol.toUpperCase(),
        },
      ],
    },
  });
}

function trafficPolicy(call: CallBudget, endpoint: Addressable, settings: MeshSettings) {
  const connectTimeout = protoDuration(call.perTryTimeoutMs);
  if (call.kind === "database")
    return { connectionPool: { tcp: { connectTimeout, tcpKeepalive: { ...ENDPOINT_DEFAULTS.tcpKeepalive } } } };
  return {
    connectionPool: { tcp: { connectTimeout } },
    outlierDetection: outlierDetection(call),
    ...(endpoint.protocol === "http" ? retryBudget(call, settings) : {}),
  };
}

function destinationRule(caller: ResolvedService, call: CallBudget, endpoint: Addressable, settings: MeshSettings) {
  return kubeBody(DESTINATION_RULE, {
    metadata: callMetadata(caller, call),
    spec: { host: endpoint.host, exportTo: ["."], trafficPolicy: trafficPolicy(call, endpoint, settings) },
  });
}

/** The Istio objects of a call to a database or an external endpoint; none when Istio cannot select it. */
export function istioEgressObjects(caller: ResolvedService, call: CallBudget, settings: MeshSettings): MeshObject[] {
  const endpoint = call.endpoint;
  if (!addressable(endpoint)) return [];
  const route: MeshObject = {
    kind: "VirtualService",
    type: VIRTUAL_SERVICE,
    body: virtualService(caller, call, endpoint, settings),
  };
  return [
    { kind: "ServiceEntry", type: SERVICE_ENTRY, body: serviceEntry(caller, call, endpoint) },
    { kind: "DestinationRule", type: DESTINATION_RULE, body: destinationRule(caller, call, endpoint, settings) },
    ...(endpoint.protocol === "http" ? [route] : []),
  ];
}
