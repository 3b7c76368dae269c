import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyNotification } from "../../components/incidents/bridge.js";
import { startBridge, type RunningBridge } from "../../components/incidents/run.js";
import { IncidentStore } from "../../components/incidents/store.js";
import { waitFor } from "../support/loopback.js";
import { startKenerApi, type KenerApi } from "../support/kener-api.js";
import { tempDir } from "../support/temp.js";
import { at, notification, type AlertAt } from "./support.js";

const TOKEN = "webhook-token-for-the-senders-test";
const KEY = `kener_${"cd".repeat(32)}`;
const SENDERS = ["us-east-1", "eu-west-1"] as const;

/** How the two regions' Prometheus label the same outage's alert. */
const LABELLINGS: readonly [string, (sender: string) => Partial<AlertAt>][] = [
  ["identical alerts (same fingerprint)", () => ({})],
  ["alerts labelled with the region that evaluates them", (sender) => ({ region: sender })],
];

describe.each(LABELLINGS)("one outage reported by every region's Alertmanager, as %s", (_how, labelled) => {
  let kener: KenerApi;
  let bridge: RunningBridge;
  let database: string;
  const incidents = () => [...kener.incidents.values()];
  const began = Date.now() - 10 * 60_000;
  const start = (): Promise<RunningBridge> =>
    startBridge({
      ...{ host: "127.0.0.1", port: 0, database, statusPageUrl: kener.url, apiKey: KEY, token: TOKEN },
      ...{ flapWindowMs: 0, queueLimit: 100, retryMinMs: 50, retryMaxMs: 200, callTimeoutMs: 2_000 },
      ...{ maxBodyBytes: 65_536, log: () => undefined },
    });

  /** Posts the outage's alert as `sender`'s Alertmanager does: firing, or resolved `endsAfterMs` after it began. */
  const report = async (sender: string, endsAfterMs?: number): Promise<void> => {
    const alert: AlertAt = { startsAt: began, ...labelled(sender) };
    const body = notification([endsAfterMs === undefined ? alert : { ...alert, endsAt: began + endsAfterMs }]);
    const res = await fetch(`${bridge.url}/webhook?sender=${sender}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  };

  /** Waits until every call the bridge queued reached the status page. */
  const delivered = () =>
    waitFor("the outbox to empty", 5_000, async () => {
      const text = await (await fetch(`${bridge.url}/metrics`)).text();
      return /^incident_bridge_outbox_depth 0$/m.test(text) ? true : undefined;
    });

  const states = () => incidents().map((i) => i.state);
  const resolves = () => incidents().flatMap((i) => i.comments.filter((c) => c.state === "RESOLVED"));

  beforeEach(async () => {
    kener = await startKenerApi({ apiKey: KEY });
    database = join(tempDir("incidents-senders"), "state.sqlite");
    bridge = await start();
  });

  afterEach(async () => {
    await bridge.close();
    await kener.stop();
  });

  it("opens one incident when both regions report the outage", async () => {
    await Promise.all(SENDERS.map((s) => report(s)));
    await report(SENDERS[0]);
    await delivered();
    expect(incidents().map((i) => [i.state, i.monitors])).toEqual([
      ["INVESTIGATING", [{ monitor_tag: "orders-public", impact: "DOWN" }]],
    ]);
  });

  it("keeps the incident open while one region still reports it firing after the other resolved", async () => {
    for (const sender of SENDERS) await report(sender);
    await report(SENDERS[0], 4 * 60_000);
    await report(SENDERS[0], 4 * 60_000);
    await delivered();
    expect(states()).toEqual(["INVESTIGATING"]);
    expect(resolves()).toEqual([]);
  });

  it("resolves the incident once, with the downtime up to the last region's end, when both regions resolve", async () => {
    for (const sender of SENDERS) await report(sender);
    await report(SENDERS[1], 6 * 60_000);
    await report(SENDERS[0], 4 * 60_000);
    await report(SENDERS[1], 6 * 60_000);
    await delivered();
    expect(states()).toEqual(["RESOLVED"]);
    expect(resolves().map((c) => c.comment)).toEqual([
      `auto resolved at ${new Date(began + 6 * 60_000).toISOString()}, total downtime 6 minutes`,
    ]);
  });

  it("keeps one incident when the bridge restarts between the two regions' reports", async () => {
    await report(SENDERS[0]);
    await delivered();
    await bridge.close();
    bridge = await start();
    await report(SENDERS[1]);
    await report(SENDERS[0], 2 * 60_000);
    await delivered();
    expect(states()).toEqual(["INVESTIGATING"]);
    await bridge.close();
    bridge = await start();
    await report(SENDERS[1], 3 * 60_000);
    await delivered();
    expect(states()).toEqual(["RESOLVED"]);
    expect(resolves()).toHaveLength(1);
  });
});

describe("the sender of a notification", () => {
  let kener: KenerApi;
  let bridge: RunningBridge;

  beforeEach(async () => {
    kener = await startKenerApi({ apiKey: KEY });
    bridge = await startBridge({
      ...{ host: "127.0.0.1", port: 0, statusPageUrl: kener.url, apiKey: KEY, token: TOKEN },
      database: join(tempDir("incidents-sender"), "state.sqlite"),
      ...{ flapWindowMs: 0, queueLimit: 100, retryMinMs: 50, retryMaxMs: 200, callTimeoutMs: 2_000 },
      ...{ maxBodyBytes: 65_536, log: () => undefined },
    });
  });

  afterEach(async () => {
    await bridge.close();
    await kener.stop();
  });

  it.each([
    ["an upper-case region", "?sender=US-EAST-1", /got "US-EAST-1"/],
    ["an empty sender", "?sender=", /got ""/],
    ["two senders", "?sender=us-east-1&sender=eu-west-1", /given once.*got "us-east-1,eu-west-1"/],
  ])("refuses a webhook URL naming %s with 400", async (_what, query, message) => {
    const res = await fetch(`${bridge.url}/webhook${query}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(notification([{ startsAt: Date.now() - 60_000 }])),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
    expect(kener.incidents.size).toBe(0);
  });
});

describe("a database written before causes had a sender", () => {
  it("keeps its causes under the empty sender, so any region's resolve closes their incident", () => {
    const file = join(tempDir("incidents-v0"), "state.sqlite");
    const old = new Database(file);
    old.exec(`
      CREATE TABLE incidents (id INTEGER PRIMARY KEY AUTOINCREMENT, component TEXT NOT NULL, impact TEXT NOT NULL,
        page_id TEXT, opened_at INTEGER NOT NULL, resolved_at INTEGER, down_since INTEGER, downtime_ms INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE causes (fingerprint TEXT NOT NULL, starts_at INTEGER NOT NULL, incident_id INTEGER NOT NULL REFERENCES incidents (id),
        alertname TEXT NOT NULL, impact TEXT NOT NULL, group_key TEXT NOT NULL, resolved_at INTEGER, PRIMARY KEY (fingerprint, starts_at));
      INSERT INTO incidents (component, impact, opened_at, down_since) VALUES ('orders-public', 'DOWN', ${at(0)}, ${at(0)});
      INSERT INTO causes VALUES ('EndpointDown-orders-us-east-1', ${at(0)}, 1, 'EndpointDown', 'DOWN', '{}', NULL);`);
    old.close();
    const store = new IncidentStore(file);
    try {
      expect(store.firing(1).map((c) => c.sender)).toEqual([""]);
      const resolved = notification([{ startsAt: at(0), endsAt: at(3) }]);
      const options = { flapWindowMs: 0, queueLimit: 10, now: () => at(4) };
      expect(applyNotification(store, resolved, options, "eu-west-1")).toMatchObject({ changed: 1 });
      expect(store.incident(1)).toMatchObject({ resolved_at: at(3), downtime_ms: 3 * 60_000 });
    } finally {
      store.close();
    }
    const reopened = new Database(file);
    expect(reopened.pragma("user_version", { simple: true })).toBe(1);
    reopened.close();
  });
});
