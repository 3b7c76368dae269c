/**
 * The policy on calls out of the stack under Istio: a database or external dependency the mesh
 * cannot select (no fully qualified host, or no port) gets no ServiceEntry, DestinationRule or
 * VirtualService, so its connect timeout, keepalive and outlier detection are silently missing.
 * Advisory: the budget is still checked and reported, and the application can enforce it.
 */

import { z } from "zod";
import { must, serviceRule } from "../../core/policy/framework.js";
import { formatPath } from "../../core/spec/validate.js";
import { callPath } from "./budget.js";
import { addressable } from "./mesh/istio-egress.js";

/** With Istio, every call to a database or external endpoint names a host and port the mesh can select. */
export const meshSelectsEndpoint = serviceRule("resilience", {
  name: "mesh-selects-endpoint",
  fix: `Set spec.dependencies[].host to the fully qualified name the service connects to (db.example.internal) and spec.dependencies[].port.`,
  anchor: `Istio ServiceEntry and DestinationRule select traffic by host and port; a short name in a DestinationRule means a Service of its own namespace.`,
  description:
    "With Istio, a database or external dependency has a fully qualified host and a port, so its ServiceEntry and DestinationRule apply.",
  config: z.object({}),
  enforcement: "advisory",
  check: (service) => {
    const analysis = service.analysis?.resilience;
    if (analysis?.mesh !== "istio") return [];
    return analysis.calls.flatMap((call) => {
      const endpoint = call.endpoint;
      if (!endpoint || addressable(endpoint)) return [];
      const missing = endpoint.port === undefined ? "a port" : "a fully qualified host";
      const hostWritten = endpoint.port !== undefined && endpoint.host !== call.name;
      return [
        {
          path: formatPath(callPath(call, hostWritten ? "host" : undefined)),
          message: must(
            `The ${call.kind} dependency ${call.name} of ${service.service}`,
            `have ${missing} for Istio to configure it, got host ${JSON.stringify(endpoint.host)}${endpoint.port === undefined ? " and no port" : ""}`,
            "without them no ServiceEntry or DestinationRule is planned and the call has no connect timeout, keepalive or outlier detection from the mesh",
          ),
        },
      ];
    });
  },
});
