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
  /** The routes of the service's outage alerts to the stack's incident bridge, when the stack runs it: where each region's Alertmanager posts, and their plan keys. */
  readonly incidents?: {
    /** Region whose cluster runs the bridge. */
    readonly bridgeRegion: string;
    /** The URL each region's Alertmanager posts to, by region. */
    readonly webhookUrls: Readonly<Record<string, string>>;
    /** Plan keys of the routes. */
    readonly resources: readonly string[];
  };
}

/** The stack's one incident bridge, serving every service probed in any region. */
export interface IncidentBridgeAnalysis {
  /** Region (cluster) it runs in. */
  readonly region: string;
  /** Its namespace. */
  readonly namespace: string;
  /** Where each region's Alertmanager posts outage alerts (the local Service in the bridge's region, the stack's `url` elsewhere), by region. */
  readonly webhookUrls: Readonly<Record<string, string>>;
  /** The services whose outage alerts it turns into incidents, in plan order. */
  readonly services: readonly string[];
  /** Tags of the status-page monitors it opens incidents on: every endpoint of those services. */
  readonly monitors: readonly string[];
  /** Its plan keys. */
  readonly resources: readonly string[];
}
