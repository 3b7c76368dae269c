/**
 * DNS health checks tied to readiness: the Route 53 health check asks the question the readiness
 * probe asks, so DNS fails a region over exactly when its pods stop being ready.
 * @see https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html
 */

import { z } from "zod";
import { describe, must, ofType, serviceRule } from "../../core/policy/framework.js";
import { containers, isServiceWorkload, KUBE } from "../../core/policy/kube.js";
import type { Finding } from "../../core/policy/types.js";
import { at, isUnknown, str } from "../../core/policy/values.js";

/** The Route 53 health check's type token. */
const ROUTE53_HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";

/** The readiness path of a service's own Deployment, when its readiness probe is an HTTP check. */
function readinessPath(deployments: ReturnType<typeof ofType>): string | undefined {
  for (const d of deployments.filter(isServiceWorkload)) {
    const list = containers(d.props);
    if (isUnknown(list)) continue;
    const path = at(list[0]?.body, "readinessProbe.httpGet.path");
    if (typeof path === "string") return path;
  }
  return undefined;
}

/** A Route 53 health check of a service whose readiness probe is an HTTP check requests the same path over HTTP(S). */
export const dnsHealthCheckMatchesReadiness = serviceRule("dns", {
  name: "dns-health-check-matches-readiness",
  fix: "Remove spec.dns.healthCheck.path and protocol: TCP (the health check then requests the readiness probe's path over HTTPS), or set path to the readiness probe's http.path.",
  anchor:
    "AWS Route 53 DNS failover guidance: a health check that asks something else than readiness keeps routing to a region whose pods are not ready, or fails over a healthy one.",
  description:
    "Every Route 53 health check of a service whose readiness probe is an HTTP check is an HTTP(S) check of the readiness path.",
  config: z.object({}),
  check: (service) => {
    const ready = readinessPath(ofType(service, KUBE.deployment));
    if (ready === undefined) return [];
    return ofType(service, ROUTE53_HEALTH_CHECK).flatMap((hc): Finding[] => {
      const type = str(hc.props, "type");
      const path = str(hc.props, "resourcePath");
      if (isUnknown(type) || isUnknown(path)) return [];
      const http = type === "HTTP" || type === "HTTPS" || type === "HTTP_STR_MATCH" || type === "HTTPS_STR_MATCH";
      if (http && path === ready) return [];
      return [
        {
          resource: hc.key,
          path: http ? "spec.dns.healthCheck.path" : "spec.dns.healthCheck.protocol",
          message: must(
            `${describe(hc)}`,
            `check the readiness path ${ready} over HTTP(S) as the readiness probe does, got ${http ? `path ${path ?? "/"}` : `a ${type ?? "?"} check`}`,
            "DNS must take a region out exactly when its pods stop being ready: a check of another path or of the port alone keeps sending clients to a region that cannot serve them, or fails over one that can",
          ),
        },
      ];
    });
  },
});

/** The DNS rules that tie health checks to the workload. */
export const DNS_HEALTH_RULES = [dnsHealthCheckMatchesReadiness];
