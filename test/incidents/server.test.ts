import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startBridge, type RunningBridge } from "../../components/incidents/run.js";
import { waitFor } from "../support/loopback.js";
import { startKenerApi, type KenerApi } from "../support/kener-api.js";
import { tempDir } from "../support/temp.js";
import { at, notification } from "./support.js";

const TOKEN = "webhook-token-for-the-test";
const KEY = `kener_${"ab".repeat(32)}`;

describe("the incident bridge's HTTP server", () => {
  let kener: KenerApi;
  const incidents = () => [...kener.incidents.values()];
  let bridge: RunningBridge;
  let database: string;

  const start = (): Promise<RunningBridge> =>
    startBridge({
      host: "127.0.0.1",
      port: 0,
      database,
      statusPageUrl: kener.url,
      apiKey: KEY,
      token: TOKEN,
      flapWindowMs: 15 * 60_000,
      queueLimit: 100,
      retryMinMs: 50,
      retryMaxMs: 200,
      callTimeoutMs: 2_000,
      maxBodyBytes: 4_096,
      log: () => undefined,
    });

  const post = (body: string | object, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
    fetch(`${bridge.url}/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  const metric = async (line: RegExp): Promise<number> => {
    const text = await (await fetch(`${bridge.url}/metrics`)).text();
    const found = text.split("\n").find((l) => line.test(l));
    return Number(found?.split(" ").at(-1) ?? "NaN");
  };

  beforeEach(async () => {
    kener = await startKenerApi({ apiKey: KEY });
    database = join(tempDir("incidents-http"), "state.sqlite");
    bridge = await start();
  });

  afterEach(async () => {
    await bridge.close();
    await kener.stop();
  });

  it.each([
    ["no Authorization header", {}],
    ["a wrong token", { authorization: "Bearer not-the-token" }],
    ["Basic instead of Bearer", { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}` }],
  ])("refuses a notification with %s with 401", async (_what, headers) => {
    const res = await post(notification([{ startsAt: at(0) }]), headers);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(incidents()).toEqual([]);
  });

  it.each([
    ["a body that is not JSON", "{not json", /body is not JSON/],
    [
      "a payload version other than 4",
      { ...notification([{ startsAt: at(0) }]), version: "3" },
      /version: must be "4".*got "3"/,
    ],
    ["an alert without a fingerprint", withAlert({ fingerprint: "" }), /alerts\.0\.fingerprint: .*got ""/],
    [
      "a start that is not a time",
      withAlert({ startsAt: "yesterday" }),
      /alerts\.0\.startsAt: must be an RFC 3339 time.*got "yesterday"/,
    ],
    ["no alerts", { ...notification([{ startsAt: at(0) }]), alerts: [] }, /alerts: must hold at least one alert/],
  ])("refuses %s with 400 naming the field and the value", async (_what, body, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
    expect(incidents()).toEqual([]);
  });

  it("refuses a body above the limit with 413", async () => {
    const big = notification([{ startsAt: at(0) }]);
    const res = await post({ ...big, padding: "x".repeat(5_000) });
    expect(res.status).toBe(413);
    expect(await metric(/^incident_bridge_notifications_received_total\{result="too_large"\}/)).toBe(1);
  });

  it("opens one incident however often Alertmanager retries or repeats the notification", async () => {
    const firing = notification([{ startsAt: Date.now() - 60_000 }]);
    const answers = await Promise.all([post(firing), post(firing), post(firing)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    const outcomes = (await Promise.all(answers.map((r) => r.json()))) as { changed: number; repeated: number }[];
    expect(outcomes.map((o) => o.changed).sort()).toEqual([0, 0, 1]);
    await waitFor("the incident to open", 5_000, () => (incidents()[0]?.comments.length === 1 ? true : undefined));
    expect(incidents().map((i) => [i.title, i.state, i.monitors])).toEqual([
      ["orders is down", "INVESTIGATING", [{ monitor_tag: "orders-public", impact: "DOWN" }]],
    ]);
    expect(await metric(/^incident_bridge_incidents_opened_total /)).toBe(1);
    expect(await metric(/^incident_bridge_notifications_received_total\{result="accepted"\}/)).toBe(3);
  });

  it("keeps the incident across a restart and resolves it with the downtime", async () => {
    const began = Date.now() - 3 * 60_000;
    expect((await post(notification([{ startsAt: began }]))).status).toBe(200);
    await waitFor("the incident to open", 5_000, () => (incidents().length === 1 ? true : undefined));
    await bridge.close();
    bridge = await start();
    expect((await post(notification([{ startsAt: began }]))).status).toBe(200);
    expect((await post(notification([{ startsAt: began, endsAt: began + 150_000 }]))).status).toBe(200);
    await waitFor("the incident to resolve", 5_000, () => (incidents()[0]?.state === "RESOLVED" ? true : undefined));
    expect(incidents()).toHaveLength(1);
    expect(incidents()[0]?.comments.at(-1)?.comment).toMatch(/^auto resolved at .*, total downtime 3 minutes$/);
    expect(Date.parse(incidents()[0]?.end_date_time ?? "") - Date.parse(incidents()[0]?.start_date_time ?? "")).toBe(
      150_000,
    );
  });

  it("delivers the open and the resolve made while the status page was down once it is back, counting each retry", async () => {
    kener.failNext(6, { status: 503 });
    const began = Date.now() - 60_000;
    await post(notification([{ startsAt: began }]));
    await post(notification([{ startsAt: began, endsAt: began + 30_000 }]));
    await waitFor("the resolve", 10_000, () => (incidents()[0]?.state === "RESOLVED" ? true : undefined));
    expect(incidents()).toHaveLength(1);
    expect(await metric(/^incident_bridge_status_page_retries_total /)).toBe(6);
    expect(await metric(/^incident_bridge_incidents_resolved_total /)).toBe(1);
    expect(await metric(/^incident_bridge_outbox_depth /)).toBe(0);
  });

  it("answers /healthz and /ready, and stops answering once closed", async () => {
    expect((await fetch(`${bridge.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${bridge.url}/ready`)).status).toBe(200);
    expect((await fetch(`${bridge.url}/webhook`)).status).toBe(405);
    expect((await fetch(`${bridge.url}/nothing`)).status).toBe(404);
    await bridge.close();
    await expect(fetch(`${bridge.url}/healthz`)).rejects.toThrow();
    bridge = await start();
  });
});

function withAlert(change: Record<string, unknown>): object {
  const n = notification([{ startsAt: at(0) }]);
  return { ...n, alerts: [{ ...n.alerts[0], ...change }] };
}
