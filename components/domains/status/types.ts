import type { BlackboxModule } from "./probes.js";

/** What the status planner decided for a service, for `plan.json`, the policies and the status page. */
export interface StatusAnalysis {
  /** Regions whose blackbox exporters probe every endpoint. */
  readonly probeRegions: readonly string[];
  /** Failing regions that make an endpoint down. */
  readonly quorum: number;
  /** Seconds between two checks from each region. */
  readonly intervalSeconds: number;
  /** Consecutive failed checks before an endpoint is down. */
  readonly failureThreshold: number;
  /** Consecutive passing checks before it is up again. */
  readonly successThreshold: number;
  /** Longest time from an endpoint breaking to EndpointDown firing, before rule evaluation: interval × failure threshold. */
  readonly detectionSeconds: number;
  /** Status-page group. */
  readonly group: string;
  /** Names of the maintenance windows that silence the endpoint alerts. */
  readonly maintenance: readonly string[];
  /** The endpoints, their status-page components and blackbox modules. */
  readonly endpoints: readonly {
    readonly name: string;
    readonly url: string;
    readonly component: string;
    readonly module: string;
  }[];
  /** The blackbox exporter modules the Probes name (what each region's ConfigMap holds), by name. */
  readonly modules: Readonly<Record<string, BlackboxModule>>;
  /** Plan keys of every Probe, in every region. */
  readonly probes: readonly string[];
  /** The incident bridge, when the stack runs one: its region, where Alertmanager posts, and its plan keys. */
  readonly incidents?: {
    readonly region: string;
    readonly webhookUrl: string;
    readonly resources: readonly string[];
  };
}
