/**
 * Documentation of the resilience fields of `spec.dependencies[]`: meaning, default per tier and
 * the mesh fields each one drives.
 */

import { byTier, doc, under, unset, type FieldDocs } from "../../core/spec/field-docs.js";
import { formatDuration } from "../../core/units.js";
import { RESILIENCE_DEFAULTS, RESILIENCE_TIER_DEFAULTS } from "./defaults.js";

const ROUTE = "Istio VirtualService http[].retries, Linkerd retry annotations, Gateway API HTTPRoute retry";
const OUTLIER = "Istio DestinationRule trafficPolicy.outlierDetection, Linkerd failure accrual";

const calls: FieldDocs = {
  "[].protocol": doc(
    "How the mesh sees a database or external endpoint: plain HTTP, TLS the application originates, or raw TCP.",
    unset("tcp for a database, tls for an external endpoint on port 443, http otherwise"),
    "Istio ServiceEntry ports[].protocol; a VirtualService only for http",
  ),
  "[].method": doc(
    "HTTP method of the call; GET, HEAD and OPTIONS are idempotent unless stated otherwise.",
    unset("unknown: the call counts as not idempotent"),
    "idempotency of the call",
  ),
  "[].idempotent": doc(
    "Whether the call is safe to repeat; only idempotent calls may be retried beyond connection failures.",
    unset("true for GET, HEAD and OPTIONS, false otherwise"),
    "retry-only-idempotent policy",
  ),
  "[].timeout": doc(
    "Longest the whole call may take, retries included (the route timeout).",
    byTier((tier) => formatDuration(RESILIENCE_TIER_DEFAULTS[tier].timeoutMs)),
    "Istio VirtualService http[].timeout, Linkerd timeout.linkerd.io/request, Gateway API timeouts.request",
  ),
  "[].retries": doc("How the call is retried.", unset("derived from the tier and the call graph"), ROUTE),
  "[].retries.attempts": doc(
    "Retries after the first try (0: none); fewer are planned when the tries would not fit in the timeout.",
    byTier((tier) => RESILIENCE_TIER_DEFAULTS[tier].attempts),
    ROUTE,
  ),
  "[].retries.perTryTimeout": doc(
    "Longest one try may take.",
    byTier((tier) => formatDuration(RESILIENCE_TIER_DEFAULTS[tier].perTryTimeoutMs)),
    "Istio retries.perTryTimeout, Linkerd retry.linkerd.io/timeout, Gateway API timeouts.backendRequest",
  ),
  "[].retries.retryOn": doc(
    "Failures that are retried.",
    byTier(() => RESILIENCE_DEFAULTS.retryOn.join(",")),
    "Istio retries.retryOn, Linkerd retry.linkerd.io/http, Gateway API retry.codes",
  ),
  "[].retries.backoff": doc(
    "Base interval of the exponential backoff between retries.",
    byTier(() => formatDuration(RESILIENCE_DEFAULTS.backoffMs)),
    "Gateway API retry.backoff; the call budget",
  ),
  "[].retries.budgetPercent": doc(
    "Largest share of the callee's active requests that may be retries, percent.",
    byTier(() => RESILIENCE_DEFAULTS.budgetPercent),
    "Istio retries.retryBudget (1.27 and later)",
  ),
  "[].circuitBreaker": doc(
    "When the caller stops sending to a failing pod of the callee.",
    unset("the tier's preset"),
    OUTLIER,
  ),
  "[].circuitBreaker.consecutiveErrors": doc(
    "Consecutive errors that eject a pod from the caller's load balancing.",
    byTier((tier) => RESILIENCE_TIER_DEFAULTS[tier].consecutiveErrors),
    OUTLIER,
  ),
  "[].circuitBreaker.ejectionTime": doc(
    "How long an ejected pod stays out the first time.",
    byTier((tier) => formatDuration(RESILIENCE_TIER_DEFAULTS[tier].ejectionTimeMs)),
    OUTLIER,
  ),
  "[].circuitBreaker.maxEjectionPercent": doc(
    "Largest share of the callee's pods ejected at once, percent.",
    byTier((tier) => RESILIENCE_TIER_DEFAULTS[tier].maxEjectionPercent),
    OUTLIER,
  ),
  "[].fallback": doc(
    "What the application does when the call fails for good (the mesh cannot invent an answer); a call with a fallback is not critical to its caller.",
    unset("none: the dependency is critical to the caller"),
    "critical-dependency-tier policy; reliability graph",
  ),
  "[].fallback.dependency": doc(
    "Another dependency of the same service that answers instead.",
    unset("exactly one of dependency or degraded"),
    "reliability graph",
  ),
  "[].fallback.degraded": doc(
    "The degraded mode the application switches to, in words.",
    unset("exactly one of dependency or degraded"),
    "reliability graph",
  ),
};

/** Documentation of the resilience fields of every dependency. */
export const RESILIENCE_FIELD_DOCS: FieldDocs = under("dependencies", calls);
