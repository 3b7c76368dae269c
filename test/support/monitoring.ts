/**
 * Debian's real Prometheus, and Alertmanager when a test needs one, on loopback: ephemeral ports,
 * their files in a temporary folder, Prometheus pointed at the Alertmanager, both answering before
 * the test goes on, and both stopped by `stop()` (call it in an `afterEach` or `afterAll` hook: the
 * folder is removed once the test, or the test file when started in `beforeAll`, is done).
 */

import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { freePort, getJson, start, stop, waitFor, type Daemon } from "./loopback.js";
import { tempDir } from "./temp.js";

/** What to run. */
export interface MonitoringOptions {
  /** Prefix of the temporary folder. */
  readonly name: string;
  /**
   * `prometheus.yml` (the `alerting` section is added when Alertmanager runs), given the folder, so
   * rule files can be written there first.
   */
  readonly prometheus: (dir: string) => Record<string, unknown>;
  /** Extra Prometheus flags. */
  readonly prometheusArgs?: readonly string[];
  /** `alertmanager.yml` as text or as an object; none: no Alertmanager. */
  readonly alertmanager?: string | object;
  /** Longest wait for both to answer, ms. @default 60000 */
  readonly readyTimeoutMs?: number;
}

/** Prometheus and Alertmanager, running. */
export interface Monitoring {
  /** The temporary folder their files and data are in. */
  readonly dir: string;
  /** Prometheus's base URL. */
  readonly prometheusUrl: string;
  /** Alertmanager's base URL, when it runs. */
  readonly alertmanagerUrl?: string;
  /** The end of both daemons' logs, for a failure message. */
  log(): string;
  /** Stops both (Prometheus first, so it sends nothing to a stopped Alertmanager). */
  stop(): Promise<void>;
}

/** Throws, naming the tool and the installer, when a command is not installed. */
export function requireTools(...commands: readonly string[]): void {
  for (const command of commands) {
    const version = spawnSync(command, ["--version"], { encoding: "utf8" });
    if (version.error)
      throw new Error(`${command} is not installed (${version.error.message}); test/setup/tools.sh installs it`);
  }
}

/** Starts Prometheus (and Alertmanager) and resolves once they answer. */
export async function startMonitoring(options: MonitoringOptions): Promise<Monitoring> {
  requireTools("prometheus", ...(options.alertmanager === undefined ? [] : ["prometheus-alertmanager"]));
  const dir = tempDir(options.name);
  const daemons: Daemon[] = [];
  const promPort = await freePort();
  let alertmanagerUrl: string | undefined;
  if (options.alertmanager !== undefined) {
    const amPort = await freePort();
    const text =
      typeof options.alertmanager === "string"
        ? options.alertmanager
        : stringify(options.alertmanager, { lineWidth: 0 });
    writeFileSync(join(dir, "alertmanager.yml"), text);
    daemons.push(
      start("prometheus-alertmanager", [
        `--config.file=${join(dir, "alertmanager.yml")}`,
        `--storage.path=${join(dir, "am")}`,
        `--web.listen-address=127.0.0.1:${amPort}`,
        "--cluster.listen-address=",
      ]),
    );
    alertmanagerUrl = `http://127.0.0.1:${amPort}`;
  }
  const alerting = alertmanagerUrl && {
    alerting: { alertmanagers: [{ static_configs: [{ targets: [alertmanagerUrl.replace("http://", "")] }] }] },
  };
  writeFileSync(join(dir, "prometheus.yml"), stringify({ ...options.prometheus(dir), ...alerting }, { lineWidth: 0 }));
  daemons.unshift(
    start("prometheus", [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "prom")}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      ...(options.prometheusArgs ?? []),
    ]),
  );
  const monitoring: Monitoring = {
    dir,
    prometheusUrl: `http://127.0.0.1:${promPort}`,
    ...(alertmanagerUrl ? { alertmanagerUrl } : {}),
    log: () => daemons.map((d) => d.log().slice(-1500)).join("\n"),
    stop: async () => {
      for (const daemon of daemons) await stop(daemon);
    },
  };
  await waitFor("Prometheus and Alertmanager to answer", options.readyTimeoutMs ?? 60_000, async () => {
    const prometheus = await getJson(`${monitoring.prometheusUrl}/api/v1/status/buildinfo`);
    const alertmanager = alertmanagerUrl ? await getJson(`${alertmanagerUrl}/api/v2/status`) : true;
    return prometheus && alertmanager ? true : undefined;
  }).catch(async (e: Error) => {
    const log = monitoring.log();
    await monitoring.stop();
    throw new Error(`${e.message}\n${log}`);
  });
  return monitoring;
}
