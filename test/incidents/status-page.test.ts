import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kenerStatusPage, StatusPageError, type StatusPage } from "../../components/incidents/status-page.js";
import { startKenerApi, type Fault, type KenerApi } from "../support/kener-api.js";

const KEY = `kener_${"ef".repeat(32)}`;
const OPENING = {
  title: "orders is down",
  monitorTag: "orders-public",
  impact: "DOWN" as const,
  startedAt: new Date("2026-01-05T10:00:00Z"),
};

/** The error a call throws, or undefined when it succeeds. */
async function failure(call: Promise<unknown>): Promise<StatusPageError | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    if (error instanceof StatusPageError) return error;
    throw error;
  }
}

describe("the bridge's Kener status page, on the Kener client", () => {
  let kener: KenerApi;
  let page: StatusPage;

  beforeAll(async () => {
    kener = await startKenerApi({ apiKey: KEY });
    page = kenerStatusPage({ url: kener.url, apiKey: KEY, timeoutMs: 2_000 });
  });
  afterAll(() => kener.stop());

  it("opens an incident on the monitor with its impact, changes the impact and resolves it through updates", async () => {
    const id = await page.open(OPENING);
    await page.setImpact(id, "orders-public", "DEGRADED");
    await page.update(id, { message: "auto resolved", state: "RESOLVED", at: new Date("2026-01-05T10:02:00Z") });
    const stored = kener.incidents.get(Number(id));
    expect(stored).toMatchObject({ title: "orders is down", state: "RESOLVED" });
    expect(JSON.stringify(stored)).toContain('"impact":"DEGRADED"');
  });

  it.each<[string, Fault, boolean]>([
    ["a 503", { status: 503 }, true],
    ["a 429", { status: 429 }, true],
    ["a dropped connection", { drop: true }, true],
    ["a 400", { status: 400 }, false],
  ])("makes one attempt per call and marks %s retryable: %s", async (_name, fault, retryable) => {
    const before = kener.incidents.size;
    kener.failNext(1, fault);
    const error = await failure(page.open(OPENING));
    expect(error?.retryable).toBe(retryable);
    expect(error?.message).toContain("POST /api/v4/incidents");
    expect(kener.incidents.size).toBe(before);
    expect(await failure(page.open(OPENING))).toBeUndefined();
  });

  it("refuses an incident id that is not a Kener id without calling the page", async () => {
    const error = await failure(page.update("abc", { message: "x", state: "MONITORING", at: new Date() }));
    expect(error).toMatchObject({ retryable: false, message: 'a Kener incident id must be a whole number; got "abc"' });
  });

  it("marks a call the page refuses, such as an update of an unknown incident, as not retryable", async () => {
    const error = await failure(page.update("987654", { message: "x", state: "MONITORING", at: new Date() }));
    expect(error?.retryable).toBe(false);
    expect(error?.message).toContain("404");
  });
});
