/**
 * Helpers of the status tests: a public service to plan, its planned status objects, the scrape
 * configuration the prometheus-operator generates for a Probe, and the blackbox exporter run as a
 * real process.
 */

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import type { EndpointRuleGroup } from "../../components/domains/status/alerts.js";
import type { Plan, PlannedResource } from "../../components/core/plan/types.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import { PROBE } from "../../components/domains/status/rules.js";
import { baseSpec, exampleStack, planObject, setPath } from "../support/project.js";
import { promtool } from "../alerts/support/promtool.js";
import { tempDir } from "../support/temp.js";

/** Debian's blackbox exporter binary (`apt-get install prometheus-blackbox-exporter`). */
export const BLACKBOX = "prometheus-blackbox-exporter";

/** The base spec as a public critical service in two regions with a DNS name, with changes applied (`"spec.status.interval": "1m"`). */
export function publicSpec(changes: Record<string, unknown> = {}): Record<string, unknown> {
  const spec = baseSpec();
  setPath(spec, "metadata.tier", "critical");
  setPath(spec, "spec.regions", ["us-east-1", "eu-west-1"]);
  setPath(spec, "spec.workload.replicas", 3);
  setPath(spec, "spec.dns", { zone: "acme.example", name: "orders.acme.example", routing: "latency" });
  for (const [path, value] of Object.entries(changes)) setPath(spec, path, value);
  return spec;
}

/** An example stack with its `reliability:status` replaced (or removed with `undefined`). */
export function withStatus(name: string, status: Record<string, unknown> | undefined): StackConfig {
  const stack = exampleStack(name);
  const { status: _drop, ...rest } = stack;
  return (status === undefined ? rest : { ...rest, status }) as StackConfig;
}

/** The resources of a plan of one token. */
export function ofToken(plan: Plan, type: string): PlannedResource[] {
  return plan.services.flatMap((s) => s.resources).filter((r) => r.type === type);
}

/** The endpoint rule group of a planned service in one region. */
export function endpointGroup(plan: Plan, region: string): EndpointRuleGroup {
  const rule = plan.services
    .flatMap((s) => s.resources)
    .find((r) => r.region === region && r.key.endsWith("/PrometheusRule/endpoints"));
  const group = (rule?.props as { spec?: { groups?: EndpointRuleGroup[] } } | undefined)?.spec?.groups?.[0];
  if (!group) throw new Error(`no endpoint rules in ${region}`);
  return group;
}

/** The endpoint rules the public spec (with `status` settings applied) gets for us-east-1 in prod. */
export function publicRules(status: Record<string, unknown> = {}): EndpointRuleGroup {
  return endpointGroup(planObject(publicSpec({ "spec.status": status }), exampleStack("prod")), "us-east-1");
}

/** A Probe as planned: metadata and spec. */
export interface ProbeObject {
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly spec: {
    readonly prober: { readonly url: string; readonly scheme?: string; readonly path?: string };
    readonly module?: string;
    readonly interval?: string;
    readonly scrapeTimeout?: string;
    readonly targets: {
      readonly staticConfig: { readonly static: readonly string[]; readonly labels?: Readonly<Record<string, string>> };
    };
  };
}

/** The Probes of a plan in one region (the cluster that registers them). */
export function probesIn(plan: Plan, region: string): ProbeObject[] {
  return ofToken(plan, PROBE)
    .filter((r) => r.region === region)
    .map((r) => r.props as unknown as ProbeObject);
}

/**
 * The scrape configuration the prometheus-operator (v0.93.0, `generateProbeConfig`) writes for a Probe
 * with static targets: job `probe/<namespace>/<name>`, the module as a parameter, the target moved to
 * `__param_target` and `instance`, the prober as `__address__`, and `namespace` added to the target labels.
 * @see https://github.com/prometheus-operator/prometheus-operator/blob/v0.93.0/pkg/prometheus/promcfg.go
 */
export function probeScrapeConfig(probe: ProbeObject): Record<string, unknown> {
  const { metadata, spec } = probe;
  const labels = { ...(spec.targets.staticConfig.labels ?? {}) };
  if (!("namespace" in labels)) labels["namespace"] = metadata.namespace;
  return {
    job_name: `probe/${metadata.namespace}/${metadata.name}`,
    honor_timestamps: true,
    metrics_path: spec.prober.path ?? "/probe",
    ...(spec.interval ? { scrape_interval: spec.interval } : {}),
    ...(spec.scrapeTimeout ? { scrape_timeout: spec.scrapeTimeout } : {}),
    ...(spec.prober.scheme ? { scheme: spec.prober.scheme } : {}),
    ...(spec.module ? { params: { module: [spec.module] } } : {}),
    static_configs: [{ targets: spec.targets.staticConfig.static, labels }],
    relabel_configs: [
      { source_labels: ["job"], target_label: "__tmp_prometheus_job_name" },
      { source_labels: ["__address__"], target_label: "__param_target" },
      { source_labels: ["__param_target"], target_label: "instance" },
      { target_label: "__address__", replacement: spec.prober.url },
    ],
  };
}

/** Result of a blackbox exporter run. */
export interface RunResult {
  readonly status: number | null;
  readonly output: string;
}

/** Runs `prometheus-blackbox-exporter --config.check` on a configuration (the exporter's own validation). */
export function blackboxCheck(config: string): RunResult {
  const dir = mkdtempSync(join(tmpdir(), "blackbox-"));
  const file = join(dir, "blackbox.yml");
  writeFileSync(file, config);
  const run = spawnSync(BLACKBOX, [`--config.file=${file}`, "--config.check"], { encoding: "utf8", timeout: 30_000 });
  rmSync(dir, { recursive: true, force: true });
  if (run.error)
    return {
      status: null,
      output: `${BLACKBOX} could not run (${run.error.message}); install Debian's prometheus-blackbox-exporter`,
    };
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** Writes rule groups and a promtool test file to a fresh directory and runs `promtool test rules`. */
export function promtoolTest(
  groups: readonly EndpointRuleGroup[],
  tests: readonly object[],
  evaluationInterval: string,
): Promise<RunResult> {
  const dir = tempDir("status-rules");
  writeFileSync(join(dir, "rules.yaml"), stringify({ groups }, { lineWidth: 0 }));
  const testFile = join(dir, "test.yaml");
  writeFileSync(
    testFile,
    stringify({ rule_files: ["rules.yaml"], evaluation_interval: evaluationInterval, tests }, { lineWidth: 0 }),
  );
  return promtool(["test", "rules", testFile]);
}
