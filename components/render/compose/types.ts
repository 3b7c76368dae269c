/**
 * The part of the Compose Specification that `reliability render compose` writes.
 * @see https://github.com/compose-spec/compose-spec/blob/main/spec.md
 */

/** A container health check; durations are Go-style strings such as `5s`. */
export interface ComposeHealthcheck {
  /** `["CMD", command, ...args]`: the check Docker runs inside the container; exit 0 is healthy. */
  readonly test: readonly string[];
  /** Time between checks. */
  readonly interval: string;
  /** Time after which one check counts as failed. */
  readonly timeout: string;
  /** Consecutive failures after which the container is unhealthy. */
  readonly retries: number;
  /** Start-up grace during which failures do not count (a success ends it early). */
  readonly start_period: string;
}

/** A `depends_on` entry: start only once the dependency reports healthy. */
export interface ComposeDependency {
  /** Always `service_healthy`: the dependency's own health check gates the start. */
  readonly condition: "service_healthy";
}

/** One service of the Compose file. */
export interface ComposeService {
  /** Container image. */
  readonly image: string;
  /** Overrides the image's ENTRYPOINT (the spec's `workload.command`). */
  readonly entrypoint?: readonly string[];
  /** Overrides the image's CMD (the spec's `workload.args`). */
  readonly command?: readonly string[];
  /** Environment variables. */
  readonly environment?: Readonly<Record<string, string>>;
  /** Published ports, `host_ip:published:target`. */
  readonly ports?: readonly string[];
  /** The health check. */
  readonly healthcheck: ComposeHealthcheck;
  /** Restart policy. */
  readonly restart: "unless-stopped";
  /** Services that must be healthy before this one starts. */
  readonly depends_on?: Readonly<Record<string, ComposeDependency>>;
  /** `uid:gid` the container runs as. */
  readonly user?: string;
  /** Read-only root filesystem. */
  readonly read_only?: boolean;
  /** Writable in-memory mounts (the paths the spec lists as writable). */
  readonly tmpfs?: readonly string[];
  /** Linux capabilities dropped. */
  readonly cap_drop?: readonly string[];
  /** Security options. */
  readonly security_opt?: readonly string[];
  /** Time between SIGTERM and SIGKILL on stop. */
  readonly stop_grace_period?: string;
  /** Memory limit. */
  readonly mem_limit?: string;
  /** CPU limit in cores. */
  readonly cpus?: string;
}

/** A Compose file: services only (networks and volumes use the defaults). */
export interface ComposeFile {
  /** Services by name. */
  readonly services: Readonly<Record<string, ComposeService>>;
}
