/**
 * The alerts domain: objectives and their indicators, SLO burn-rate, workload, replication and
 * failover alerts (PrometheusRule), and their routing (AlertmanagerConfig).
 */

import { ALERTS_FIELD_DOCS } from "./field-docs.js";
import type { DomainModule } from "../../core/module.js";
import { alertChecks } from "./checks.js";
import { alertsPlanner } from "./plan.js";
import type { ResolvedAlerting, ResolvedIndicators, ResolvedObjectives, ResolvedSloAlerting } from "./resolved.js";
import { resolveAlertSections } from "./resolve.js";
import { ALERT_RULES } from "./rules.js";
import { PAGE_RULES } from "./rules-pages.js";
import { TRAFFIC_RULES } from "./rules-traffic.js";
import {
  alertingSchema,
  indicatorsSchema,
  objectivesSchema,
  type AlertingInput,
  type IndicatorsInput,
  type ObjectivesInput,
} from "./schema.js";
import type { AlertsAnalysis } from "./types.js";

declare module "../../core/spec/service.js" {
  interface SpecSections {
    /** Availability and latency objectives, SLO window, RTO and RPO. */
    readonly objectives: ObjectivesInput;
    /** The PromQL that measures the objectives, or why nothing does. */
    readonly indicators?: IndicatorsInput;
    /** Where pages and tickets go. */
    readonly alerting?: AlertingInput;
  }
  interface ResolvedSections {
    /** Objectives with defaults applied. */
    readonly objectives: ResolvedObjectives;
    /** SLIs, when declared and measured. */
    readonly indicators?: ResolvedIndicators;
    /** Why the objectives are not measured, when the spec declares `indicators.none`. */
    readonly unmeasuredReason?: string;
    /** Alert routing: the spec's, or the stack's default receivers. */
    readonly alerting?: ResolvedAlerting;
    /** SLO alert behaviour, whatever routes the alerts. */
    readonly sloAlerting: ResolvedSloAlerting;
  }
}

declare module "../../core/plan/types.js" {
  interface ServiceAnalysis {
    /** The alerts planned and when each fires. */
    readonly alerts?: AlertsAnalysis;
  }
}

/** The alerts domain module. */
export const alerts: DomainModule = {
  name: "alerts",
  sections: {
    objectives: objectivesSchema,
    indicators: indicatorsSchema.optional(),
    alerting: alertingSchema.optional(),
  },
  fieldDocs: ALERTS_FIELD_DOCS,
  resolve: resolveAlertSections,
  checks: alertChecks,
  plan: alertsPlanner,
  rules: [...ALERT_RULES, ...PAGE_RULES, ...TRAFFIC_RULES],
};
