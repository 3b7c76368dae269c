import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MonitorInput } from "../../components/domains/status/kener/api.js";
import { KenerClient, KenerError, kenerApiKey } from "../../components/domains/status/kener/client.js";
import { KENER_NAMES } from "../../components/core/status-page.js";
import { startKenerApi, type KenerApi } from "../support/kener-api.js";
import { serve } from "../support/loopback.js";

const MONITOR: MonitorInput = {
  tag: "checkout-public",
  name: "checkout",
  description: "Checkout API",
  cron: "* * * * *",
  monitor_type: "API",
  type_data: { url: "https://checkout.acme.example/ready", method: "GET", headers: [], body: "", timeout: 10_000 },
  confirmation_threshold: 1,
};

let api: KenerApi;
let client: KenerClient;
const fast = { retries: 3, backoffMs: 5, maxBackoffMs: 20, timeoutMs: 2_000 };

beforeEach(async () => {
  api = await startKenerApi({ now: () => Date.UTC(2026, 10, 28, 12, 0, 0) });
  client = new KenerClient({ baseUrl: api.url, apiKey: api.apiKey, ...fast });
});
afterEach(() => api.stop());

/** The error a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<KenerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KenerError);
  return error as KenerError;
}

describe("the Kener client's monitors", () => {
  it("creates a monitor and reads it back by tag and in the list, with the fields the server adds", async () => {
    const created = await client.createMonitor(MONITOR);
    expect(created).toMatchObject({ tag: "checkout-public", status: "ACTIVE", created_at: "2026-11-28 12:00:00" });
    expect(created.type_data).toEqual(MONITOR.type_data);
    expect(await client.getMonitor("checkout-public")).toMatchObject({ id: created.id, name: "checkout" });
    expect((await client.listMonitors()).map((m) => m.tag)).toEqual(["checkout-public"]);
  });

  it("changes only the fields a patch names", async () => {
    await client.createMonitor(MONITOR);
    const patched = await client.updateMonitor("checkout-public", { cron: "*/2 * * * *" });
    expect(patched).toMatchObject({ cron: "*/2 * * * *", name: "checkout", description: "Checkout API" });
  });

  it("answers undefined for a tag the server does not know", async () => {
    expect(await client.getMonitor("nobody")).toBeUndefined();
  });

  it.each([
    ["a duplicate tag", MONITOR, /already exists/],
    ["an upper-case tag", { ...MONITOR, tag: "Checkout" }, /tag must be lowercase/],
    ["a tag ending in a dash", { ...MONITOR, tag: "checkout-" }, /tag must be lowercase/],
  ])("reports the server's 400 with its code and message for %s", async (_name, body, message) => {
    await client.createMonitor(MONITOR);
    const error = await failure(client.createMonitor(body));
    expect(error).toMatchObject({ status: 400, code: "BAD_REQUEST", attempts: 1 });
    expect(error.message).toMatch(/^Kener POST \/api\/v4\/monitors failed: HTTP 400 BAD_REQUEST: /);
    expect(error.message).toMatch(message);
  });

  it("reports 404 NOT_FOUND when patching an unknown tag", async () => {
    const error = await failure(client.updateMonitor("nobody", { name: "x" }));
    expect(error).toMatchObject({ status: 404, code: "NOT_FOUND" });
  });

  it("writes one row per minute of a data range and reads them back", async () => {
    await client.createMonitor(MONITOR);
    const start = Date.UTC(2026, 10, 28, 11, 0, 0) / 1000;
    const written = await client.setMonitorData("checkout-public", {
      start_ts: start,
      end_ts: start + 4 * 60,
      status: "DOWN",
      latency: 0,
    });
    expect(written.updated_count).toBe(5);
    await client.setMonitorDataPoint("checkout-public", start + 120, { status: "UP", latency: 120 });
    const rows = await client.getMonitorData("checkout-public", start, start + 600);
    expect(rows.map((r) => r.status)).toEqual(["DOWN", "DOWN", "UP", "DOWN", "DOWN"]);
  });

  it("reports the server's 400 for a data status other than UP, DOWN or DEGRADED", async () => {
    await client.createMonitor(MONITOR);
    const bad = { start_ts: 0, end_ts: 60, status: "MAINTENANCE", latency: 0 } as unknown as Parameters<
      KenerClient["setMonitorData"]
    >[1];
    expect(await failure(client.setMonitorData("checkout-public", bad))).toMatchObject({ status: 400 });
  });
});

describe("the Kener client's incidents", () => {
  const start = Date.UTC(2026, 10, 28, 11, 58, 0) / 1000;

  it("opens an incident investigating, posts updates that set its state, and resolves it with an end time", async () => {
    const incident = await client.createIncident({
      title: "checkout is down",
      start_date_time: start,
      monitors: [{ monitor_tag: "checkout-public", impact: "DOWN" }],
    });
    expect(incident).toMatchObject({
      state: "INVESTIGATING",
      end_date_time: null,
      incident_source: "API",
      start_date_time: "2026-11-28T11:58:00Z",
      url: `http://localhost:3000/incidents/${incident.id}`,
    });
    await client.addUpdate(incident.id, { comment: "Failing from 2 regions", state: "IDENTIFIED" });
    expect((await client.getIncident(incident.id))?.state).toBe("IDENTIFIED");
    const resolved = await client.resolveIncident(incident.id, "auto resolved, total downtime 2 minutes", start + 120);
    expect(resolved.state).toBe("RESOLVED");
    expect(await client.getIncident(incident.id)).toMatchObject({
      state: "RESOLVED",
      end_date_time: "2026-11-28T12:00:00Z",
    });
  });

  it("changes title and monitors without changing the state, edits an update, and deletes the incident", async () => {
    const { id } = await client.createIncident({ title: "t", start_date_time: start, monitors: [] });
    const update = await client.addUpdate(id, { comment: "first", state: "MONITORING" });
    const patched = await client.updateIncident(id, {
      title: "checkout is degraded",
      monitors: [{ monitor_tag: "checkout-public", impact: "DEGRADED" }],
    });
    expect(patched).toMatchObject({ title: "checkout is degraded", state: "MONITORING" });
    expect((await client.editUpdate(id, update.id, { comment: "edited" })).comment).toBe("edited");
    await client.deleteIncident(id);
    expect(await client.getIncident(id)).toBeUndefined();
  });

  it.each([
    ["an incident without start_date_time", () => client.createIncident({ title: "t" } as never), /start_date_time/],
    ["an update in an unknown state", () => client.addUpdate(1, { comment: "c", state: "CLOSED" as never }), /state/],
  ])("reports the server's 400 for %s", async (_name, call, message) => {
    await client.createIncident({ title: "t", start_date_time: start, monitors: [] });
    const error = await failure(call());
    expect(error.status).toBe(400);
    expect(error.message).toMatch(message);
  });

  it("reports 404 for an update of an unknown incident", async () => {
    expect(await failure(client.addUpdate(999, { comment: "c", state: "RESOLVED" }))).toMatchObject({ status: 404 });
  });
});

describe("the Kener client's authentication", () => {
  it("reports 401 UNAUTHORIZED, without retrying, when the key is wrong", async () => {
    const wrong = new KenerClient({ baseUrl: api.url, apiKey: "kener_wrong", ...fast });
    const error = await failure(wrong.listMonitors());
    expect(error).toMatchObject({ status: 401, code: "UNAUTHORIZED", attempts: 1 });
    expect(api.requests).toHaveLength(1);
  });

  it("sends the key as a Bearer token", async () => {
    await client.listMonitors();
    expect(api.requests[0]).toMatchObject({ path: "/api/v4/monitors", authorization: `Bearer ${api.apiKey}` });
  });

  it.each([
    ["unset", {}],
    ["empty", { [KENER_NAMES.apiKeyEnv]: " " }],
  ])("refuses to run when %s, naming the environment variable", (_name, env) => {
    expect(() => kenerApiKey(env)).toThrow(/KENER_API_KEY is not set/);
  });

  it("reads the key from the environment variable", () => {
    expect(kenerApiKey({ [KENER_NAMES.apiKeyEnv]: "kener_abc" })).toBe("kener_abc");
  });
});

describe("the Kener client's retries", () => {
  it.each([
    ["a GET", 500, () => client.listMonitors(), 3],
    ["a GET", 503, () => client.listMonitors(), 3],
    ["a PATCH", 502, () => client.updateMonitor("checkout-public", { name: "x" }), 2],
    ["a POST", 503, () => client.createIncident({ title: "t", start_date_time: 1, monitors: [] }), 3],
  ])("retries %s after %i answers and then succeeds", async (_name, status, call, failures) => {
    await client.createMonitor(MONITOR);
    api.failNext(failures, { status });
    const before = api.requests.length;
    await expect(call()).resolves.toBeDefined();
    expect(api.requests.length - before).toBe(failures + 1);
  });

  it("retries a GET whose connection drops", async () => {
    api.failNext(2, { drop: true });
    await expect(client.listMonitors()).resolves.toEqual([]);
    expect(api.requests).toHaveLength(3);
  });

  it("gives up after the bounded number of attempts, saying how many and quoting the body", async () => {
    api.failNext(10, { status: 500 });
    const error = await failure(client.listMonitors());
    expect(error).toMatchObject({ status: 500, attempts: 4 });
    expect(error.message).toMatch(/after 4 attempts: HTTP 500 INTERNAL_ERROR: .*Injected failure 500/);
    expect(api.requests).toHaveLength(4);
  });

  it.each([
    ["a 500", { status: 500 }],
    ["a dropped connection", { drop: true as const }],
  ])("does not repeat a POST after %s, which the server may have acted on", async (_name, fault) => {
    api.failNext(1, fault);
    await failure(client.createIncident({ title: "t", start_date_time: 1, monitors: [] }));
    expect(api.requests).toHaveLength(1);
  });

  it("retries a POST whose connection is refused, and reports the network error when it stays down", async () => {
    const url = api.url;
    await api.stop();
    const offline = new KenerClient({ baseUrl: url, apiKey: "k", ...fast, retries: 2 });
    const error = await failure(offline.createMonitor(MONITOR));
    expect(error).toMatchObject({ status: undefined, attempts: 3 });
    expect(error.message).toMatch(/after 3 attempts: ECONNREFUSED/);
    api = await startKenerApi();
  });

  it("fails an attempt that takes longer than the timeout", async () => {
    const { server, url } = await serve(() => undefined);
    try {
      const slow = new KenerClient({ baseUrl: url, apiKey: "k", timeoutMs: 100, retries: 1, backoffMs: 5 });
      const error = await failure(slow.listMonitors());
      expect(error).toMatchObject({ status: undefined, attempts: 2 });
      expect(error.message).toMatch(/after 2 attempts: no answer within 100ms/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
