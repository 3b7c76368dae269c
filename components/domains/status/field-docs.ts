/**
 * Documentation of `spec.status`: meaning, default per tier and the probes, alerts and status-page
 * entries each field drives.
 */

import { DEFAULTS } from "../../core/defaults.js";
import { always, byTier, doc, required, under, unset, type FieldDocs } from "../../core/spec/field-docs.js";
import { windowDocs } from "../chaos/field-docs.js";
import { STATUS_DEFAULTS, STATUS_TIER_DEFAULTS } from "./defaults.js";

const PROBES = "blackbox Probe objects in every region";

const endpoint: FieldDocs = {
  "[].name": doc("Endpoint name.", required, "Probe names; alert labels"),
  "[].url": doc("URL to check (exclusive with host).", unset("host, path and scheme"), "Probe target"),
  "[].host": doc("Host (and port) to check (exclusive with url).", unset("url"), "Probe target"),
  "[].path": doc("Path requested on host.", always(STATUS_DEFAULTS.path), "Probe target"),
  "[].scheme": doc("https or http, with host.", always(STATUS_DEFAULTS.scheme), "Probe target"),
  "[].method": doc("HTTP method of the check.", always(STATUS_DEFAULTS.method), "blackbox module"),
  "[].status": doc("HTTP status codes that pass.", unset("any 2xx"), "blackbox module valid_status_codes"),
  "[].timeout": doc("Longest one check may take.", unset("status.timeout"), "Probe scrapeTimeout"),
  "[].latency": doc("Answer time above which the check counts as slow.", unset("status.latency"), "EndpointSlow alert"),
  "[].component": doc("Status-page component.", unset("status.component"), "status page"),
};

/** Documentation of the status domain's section. */
export const STATUS_FIELD_DOCS: FieldDocs = under("status", {
  "": doc(
    "Synthetic checks from every region, the status page and automatic incidents.",
    unset("the public DNS name is checked when spec.dns is set"),
    `${PROBES}; EndpointDown/EndpointSlow alerts; status page`,
  ),
  enabled: doc("Whether endpoints are checked.", always(STATUS_DEFAULTS.enabled), PROBES),
  endpoints: doc(
    "Endpoints to check.",
    unset("the public DNS name (or each region's ingress host) at the readiness probe's HTTP path"),
    PROBES,
  ),
  ...under("endpoints", endpoint),
  interval: doc(
    "Time between two checks from each region.",
    byTier((tier) => STATUS_TIER_DEFAULTS[tier].interval),
    "Probe interval",
  ),
  failureThreshold: doc(
    "Consecutive failed checks before an endpoint is down.",
    byTier((tier) => STATUS_TIER_DEFAULTS[tier].failureThreshold),
    "EndpointDown for",
  ),
  successThreshold: doc(
    "Consecutive passing checks before a down endpoint is up again.",
    byTier((tier) => STATUS_TIER_DEFAULTS[tier].successThreshold),
    "incident resolution",
  ),
  timeout: doc("Longest one check may take.", always(STATUS_DEFAULTS.timeout), "Probe scrapeTimeout"),
  latency: doc(
    "Answer time above which a check is slow.",
    unset("objectives.latency.threshold; no EndpointSlow without it"),
    "EndpointSlow alert",
  ),
  component: doc("Status-page component name.", unset("metadata.name"), "status page"),
  group: doc("Status-page group name.", unset("metadata.team"), "status page"),
  certificateExpiryDays: doc(
    "Days before TLS certificate expiry that open a ticket.",
    always(STATUS_DEFAULTS.certificateExpiryDays),
    "EndpointCertificateExpiring alert",
  ),
  timezone: doc("IANA time zone of the maintenance windows.", always(DEFAULTS.timezone), "maintenance silences"),
  maintenance: doc(
    "Windows in which the endpoints' alerts are silenced and the status page shows maintenance.",
    always([]),
    "maintenance silences; status page",
  ),
  ...under("maintenance", windowDocs("maintenance window", "maintenance silences; status page")),
});
