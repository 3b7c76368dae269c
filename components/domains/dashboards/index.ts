/**
 * The dashboards domain: a Grafana dashboard of each service's SLOs (indicator against objective,
 * error budget left, burn rate per alert window pair, synthetic probes per region, chaos runs),
 * delivered as a ConfigMap the Grafana sidecar loads.
 */

import type { DomainModule } from "../../core/module.js";
import { dashboardsPlanner } from "./plan.js";
import { dashboardsStackSchema, type DashboardsStackSettings } from "./settings.js";

declare module "../../core/stack/config.js" {
  interface StackSections {
    /** `reliability:dashboards`: the Grafana sidecar's label, the dashboards' namespace and folder. */
    readonly dashboards?: DashboardsStackSettings;
  }
}

/** The dashboards domain module. */
export const dashboards: DomainModule = {
  name: "dashboards",
  sections: {},
  resolve: () => ({}),
  checks: [],
  plan: dashboardsPlanner,
  rules: [],
  stackSettings: { dashboards: dashboardsStackSchema.optional() },
};
