/**
 * Every default of the Gatus rendering, in one place: which alert provider a page-worthy and a
 * ticket-worthy endpoint alerts through (the `gatus` block of `reliability:status` overrides them),
 * and how close to expiry a TLS certificate fails the check.
 */

import type { GatusAlertType } from "./schema.js";

/** Defaults of the Gatus rendering. */
export const GATUS_DEFAULTS = {
  /** @default "pagerduty" — alert provider of endpoints whose EndpointDown pages (critical and standard tiers). */
  pageAlert: "pagerduty" as GatusAlertType,
  /** @default "slack" — alert provider of endpoints whose EndpointDown opens a ticket (best-effort tier). */
  ticketAlert: "slack" as GatusAlertType,
  /**
   * @default 7 — days before expiry at which a certificate fails the check, or the spec's
   * `certificateExpiryDays` when shorter. Gatus has no warning level: a failing condition is an
   * outage, so the earlier ticket stays with EndpointCertificateExpiring.
   */
  certificateFailDays: 7,
} as const;
