/**
 * The `reliability:dashboards` stack setting: whether each service gets an SLO dashboard, the label the
 * Grafana sidecar selects dashboard ConfigMaps by, the namespace the ConfigMaps go to (the service's
 * own when unset) and the folder they are filed in. Validated strictly; defaults applied here.
 * @see https://github.com/grafana/helm-charts/tree/main/charts/grafana#sidecar-for-dashboards
 */

import { z } from "zod";
import { annotationKey, bool, dnsLabel, labelKey, labelValue, text } from "../../core/spec/fields.js";
import { DASHBOARD_DEFAULTS } from "./defaults.js";

/** `reliability:dashboards` */
export const dashboardsStackSchema = z.strictObject({
  /** @default true */
  enabled: bool().default(true),
  /** @default { grafana_dashboard: "1" } */
  label: z
    .record(labelKey, labelValue)
    .refine((l) => Object.keys(l).length > 0, {
      error: "must name at least one label, because the Grafana sidecar finds dashboards by label",
    })
    .default({ ...DASHBOARD_DEFAULTS.label }),
  /** Namespace of the dashboard ConfigMaps (the one the sidecar searches); the service's namespace when unset. */
  namespace: dnsLabel(63).optional(),
  /** Grafana folder the dashboards are filed in; Grafana's default folder when unset. */
  folder: text(255, "a Grafana folder name").optional(),
  /** @default "grafana_folder" */
  folderAnnotation: annotationKey.default(DASHBOARD_DEFAULTS.folderAnnotation),
});

/** `reliability:dashboards` with its defaults applied. */
export type DashboardsStackSettings = z.output<typeof dashboardsStackSchema>;
