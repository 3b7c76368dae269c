/**
 * Starts the bridge: opens its database, starts the outbox worker and the HTTP server, and stops them
 * in order (no new notifications, the call in flight finished, the database closed).
 */

import type { AddressInfo } from "node:net";
import { BridgeMetrics } from "./metrics.js";
import { Outbox } from "./outbox.js";
import { bridgeServer } from "./server.js";
import { kenerStatusPage, type StatusPage } from "./status-page.js";
import { IncidentStore } from "./store.js";

/** Everything `reliability incidents serve` is configured with. */
export interface BridgeConfig {
  /** Address to listen on. */
  readonly host: string;
  /** Port to listen on (0: any free port). */
  readonly port: number;
  /** Path of the SQLite file. */
  readonly database: string;
  /** Base URL of the Kener site. */
  readonly statusPageUrl: string;
  /** The Kener API key. */
  readonly apiKey: string;
  /** The Bearer token Alertmanager sends. */
  readonly token: string;
  /** An outage starting within this many ms of the last one's end re-opens its incident. */
  readonly flapWindowMs: number;
  /** Most calls waiting before updates are dropped. */
  readonly queueLimit: number;
  /** First retry delay, ms. */
  readonly retryMinMs: number;
  /** Longest retry delay, ms. */
  readonly retryMaxMs: number;
  /** Longest status-page call, ms. */
  readonly callTimeoutMs: number;
  /** Largest webhook body, bytes. */
  readonly maxBodyBytes: number;
  /** Where the bridge reports what it does. */
  readonly log: (line: string) => void;
  /** The status page (default: Kener at `statusPageUrl`). */
  readonly page?: StatusPage;
}

/** A running bridge. */
export interface RunningBridge {
  /** Base URL it listens on. */
  readonly url: string;
  /** Its metrics. */
  readonly metrics: BridgeMetrics;
  /** Stops it: refuses new notifications, finishes requests and the call in flight, closes the database. */
  close(): Promise<void>;
}

/** Starts a bridge and resolves once it listens. */
export async function startBridge(config: BridgeConfig): Promise<RunningBridge> {
  const store = new IncidentStore(config.database);
  const metrics = new BridgeMetrics();
  const page =
    config.page ??
    kenerStatusPage({ url: config.statusPageUrl, apiKey: config.apiKey, timeoutMs: config.callTimeoutMs });
  const now = (): number => Date.now();
  const outbox = new Outbox(store, page, metrics, { ...config, now });
  let accepting = true;
  const server = bridgeServer({
    token: config.token,
    maxBodyBytes: config.maxBodyBytes,
    store,
    outbox,
    metrics,
    bridge: { flapWindowMs: config.flapWindowMs, queueLimit: config.queueLimit, now },
    ready: () => accepting,
    log: config.log,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  }).catch((error: Error) => {
    store.close();
    throw new Error(`cannot listen on ${config.host}:${config.port}: ${error.message}`);
  });
  outbox.start();
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    metrics,
    close: () =>
      (closing ??= (async () => {
        accepting = false;
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await outbox.stop();
        store.close();
      })()),
  };
}
