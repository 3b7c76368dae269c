/**
 * The status domain: synthetic probes of a service's public endpoints from every region (blackbox
 * exporter driven by prometheus-operator Probes) and the endpoint alerts they feed, silent during
 * maintenance windows; with `reliability:status.incidents`, one incident bridge for the whole stack,
 * which every region's Alertmanager reports to.
 */

import { STATUS_FIELD_DOCS } from "./field-docs.js";
import type { IProbe } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Probe" with {
  "resolution-mode": "import",
};
import type { ConfigMap, PersistentVolumeClaim } from "kubernetes-types/core/v1";
import type { DomainModule } from "../../core/module.js";
import type { CustomObject } from "../../core/tokens.js";
import { statusChecks } from "./checks.js";
import { planIncidentBridges } from "./bridge-plan.js";
import { incidentTopologyIssues } from "./incident-topology.js";
import { statusPlanner } from "./plan.js";
import type { ResolvedStatus } from "./resolved.js";
import { resolveStatusSection } from "./resolve.js";
import { STATUS_RULES } from "./rules.js";
import { statusSchema, type StatusInput } from "./schema.js";
import { statusStackSchema, type StatusStackSettings } from "./settings.js";
import type { StatusAnalysis } from "./types.js";

declare module "../../core/spec/service.js" {
  interface SpecSections {
    /** Endpoints to check from every region, check timing, status-page names and maintenance windows. */
    readonly status?: StatusInput;
  }
  interface ResolvedSections {
    /** Status checks with defaults applied (the default endpoints included). */
    readonly status: ResolvedStatus;
  }
}

declare module "../../core/stack/config.js" {
  interface StackSections {
    /** `reliability:status`: the blackbox exporters of each region, the default module, Probe labels and the quorum. */
    readonly status?: StatusStackSettings;
  }
}

declare module "../../core/plan/types.js" {
  interface ServiceAnalysis {
    /** The endpoints probed, from where, and how fast an outage is detected. */
    readonly status?: StatusAnalysis;
  }
}

declare module "../../core/tokens.js" {
  interface KubeObjects {
    "kubernetes:core/v1:ConfigMap": ConfigMap;
    "kubernetes:core/v1:PersistentVolumeClaim": PersistentVolumeClaim;
    "kubernetes:monitoring.coreos.com/v1:Probe": CustomObject<IProbe>;
  }
}

/** The status domain module. */
export const status: DomainModule = {
  name: "status",
  sections: { status: statusSchema.optional() },
  fieldDocs: STATUS_FIELD_DOCS,
  resolve: resolveStatusSection,
  checks: statusChecks,
  plan: statusPlanner,
  planStack: planIncidentBridges,
  rules: STATUS_RULES,
  stackSettings: { status: statusStackSchema.optional() },
  checkStack: incidentTopologyIssues,
};
