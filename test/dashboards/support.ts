/**
 * Helpers of the dashboard tests: the planned dashboards of a plan, their queries and thresholds,
 * and validators of Grafana's dashboard model built from the vendored foundation-SDK JSON Schemas.
 */

import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plan, PlannedResource } from "../../components/core/plan/types.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import { REFERENCE_DIR } from "../support/vendored.js";
import { exampleStack } from "../support/project.js";

/** A panel of a planned dashboard, as JSON. */
export interface PanelJson {
  readonly type: string;
  readonly title: string;
  readonly options?: unknown;
  readonly fieldConfig?: {
    readonly defaults: {
      readonly custom?: unknown;
      readonly thresholds?: { readonly steps: readonly { readonly value: number | null; readonly color: string }[] };
    };
  };
  readonly targets?: readonly { readonly expr: string; readonly legendFormat?: string }[];
}

/** A planned dashboard, as JSON. */
export interface DashboardJson {
  readonly uid: string;
  readonly title: string;
  readonly panels: readonly PanelJson[];
  readonly annotations: {
    readonly list: readonly { readonly name: string; readonly target: { readonly expr: string } }[];
  };
}

/** The dashboard ConfigMaps of a plan. */
export function dashboardMaps(plan: Plan): PlannedResource[] {
  return plan.services.flatMap((s) => s.resources).filter((r) => r.key.endsWith("/ConfigMap/slo-dashboard"));
}

/** The dashboard a ConfigMap holds, parsed. */
export function dashboardOf(map: PlannedResource): DashboardJson {
  const data = (map.props as { data: Record<string, string> }).data;
  const [text] = Object.values(data);
  return JSON.parse(text ?? "{}") as DashboardJson;
}

/** Every PromQL query of a dashboard: panel targets and annotations, with where it is. */
export function queriesOf(d: DashboardJson): { readonly where: string; readonly expr: string }[] {
  return [
    ...d.panels.flatMap((p) =>
      (p.targets ?? []).map((t) => ({ where: `${p.title} (${t.legendFormat ?? ""})`, expr: t.expr })),
    ),
    ...d.annotations.list.map((a) => ({ where: `annotation ${a.name}`, expr: a.target.expr })),
  ];
}

/** An example stack with its `reliability:dashboards` replaced (or removed with `undefined`). */
export function withDashboards(name: string, dashboards: Record<string, unknown> | undefined): StackConfig {
  const { dashboards: _drop, ...rest } = exampleStack(name);
  const settings = dashboards && {
    enabled: true,
    label: { grafana_dashboard: "1" },
    folderAnnotation: "grafana_folder",
    ...dashboards,
  };
  return (settings === undefined ? rest : { ...rest, dashboards: settings }) as StackConfig;
}

const SCHEMAS = join(REFERENCE_DIR, "grafana-foundation-sdk");

function schema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCHEMAS, `${name}.jsonschema.json`), "utf8")) as Record<string, unknown>;
}

/** Validators of Grafana's dashboard model: the dashboard, panel options and field config per panel type, Prometheus queries. */
export interface GrafanaValidators {
  readonly dashboard: ValidateFunction;
  readonly options: Readonly<Record<string, ValidateFunction>>;
  readonly fieldConfig: Readonly<Record<string, ValidateFunction>>;
  readonly query: ValidateFunction;
}

/** Compiles the vendored schemas (a definition of a schema file is `<file>#/definitions/<name>`). */
export function grafanaValidators(): GrafanaValidators {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const name of ["dashboard", "timeseries", "stat", "prometheus"]) ajv.addSchema(schema(name), name);
  const get = (ref: string): ValidateFunction => {
    const v = ajv.getSchema(ref);
    if (!v) throw new Error(`no schema ${ref}`);
    return v;
  };
  return {
    dashboard: get("dashboard"),
    options: { timeseries: get("timeseries#/definitions/Options"), stat: get("stat#/definitions/Options") },
    fieldConfig: { timeseries: get("timeseries#/definitions/FieldConfig") },
    query: get("prometheus"),
  };
}
