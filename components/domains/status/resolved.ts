/**
 * `spec.status` with every default applied, as the checks, the planner and the rules read it.
 */

import type { MaintenanceWindowInput } from "./schema.js";

/** One endpoint to check, with its defaults applied. */
export interface ResolvedEndpoint {
  /** Endpoint name (a DNS label), unique within the service. */
  readonly name: string;
  /** The URL every region probes. */
  readonly url: string;
  /** HTTP method. */
  readonly method: string;
  /** Status codes that pass; empty: any 2xx. */
  readonly statusCodes: readonly number[];
  /** Whether the URL is https (the check then fails without TLS and watches the certificate). */
  readonly tls: boolean;
  /** Longest one check may take, milliseconds. */
  readonly timeoutMs: number;
  /** Slowest passing check before EndpointSlow, milliseconds; none: no latency alert. */
  readonly latencyMs?: number;
  /** Status-page component name. */
  readonly component: string;
  /** Spec path the endpoint comes from (`spec.status.endpoints.0`, or `spec.dns.name` for the default). */
  readonly origin: readonly (string | number)[];
}

/** `spec.status` with defaults applied. */
export interface ResolvedStatus {
  /** Whether the service is checked at all (`false` plans nothing). */
  readonly enabled: boolean;
  /** Whether the spec has a `status` section (it then needs a stack that configures the probers). */
  readonly declared: boolean;
  /** The endpoints, declared or default; empty for a service with no public endpoint. */
  readonly endpoints: readonly ResolvedEndpoint[];
  /** Time between checks from each region, milliseconds. */
  readonly intervalMs: number;
  /** Consecutive failed checks before the endpoint is down. */
  readonly failureThreshold: number;
  /** Consecutive passing checks before it is up again. */
  readonly successThreshold: number;
  /** Consecutive slow checks from a region before EndpointSlow. */
  readonly slowChecks: number;
  /** Whether EndpointDown pages or opens a ticket. */
  readonly downSeverity: "page" | "ticket";
  /** Status-page group. */
  readonly group: string;
  /** Days before certificate expiry that EndpointCertificateExpiring fires. */
  readonly certificateExpiryDays: number;
  /** IANA time zone of the maintenance windows. */
  readonly timezone: string;
  /** Maintenance windows (endpoint alerts are silent inside them). */
  readonly maintenance: readonly MaintenanceWindowInput[];
}
