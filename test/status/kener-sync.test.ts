import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { KENER_NAMES } from "../../components/core/status-page.js";
import { KenerClient } from "../../components/domains/status/kener/client.js";
import type { MonitorInput } from "../../components/domains/status/kener/api.js";
import { run, tempProject } from "../cli/harness.js";
import { startKenerApi, type KenerApi } from "../support/kener-api.js";
import { setPath } from "../support/project.js";
import { publicSpec } from "./support.js";

let api: KenerApi;
let project: { dir: string; remove: () => void };

/** Writes `services/orders.yaml`: a second public service, with `changes` applied. */
function writeOrders(changes: Record<string, unknown> = {}): void {
  const spec = publicSpec();
  for (const [path, value] of Object.entries(changes)) setPath(spec, path, value);
  writeFileSync(join(project.dir, "services/orders.yaml"), stringify(spec));
}

const sync = (...args: string[]) =>
  run(project.dir, "status", "sync", "--stack", "prod", "--kener-url", api.url, ...args);
/** The requests that change something (POST, PATCH, DELETE) since `from`. */
const writesSince = (from: number) => api.requests.slice(from).filter((r) => r.method !== "GET");

function seed(tag: string, description: string): MonitorInput {
  return {
    tag,
    name: tag,
    description,
    cron: "* * * * *",
    monitor_type: "API",
    type_data: { url: `https://${tag}.acme.example/`, method: "GET", headers: [], body: "", timeout: 5000 },
  };
}

beforeEach(async () => {
  api = await startKenerApi();
  project = tempProject();
  writeOrders();
  vi.stubEnv(KENER_NAMES.apiKeyEnv, api.apiKey);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  project.remove();
  await api.stop();
});

describe("reliability status sync", () => {
  it("creates a monitor per probed endpoint on the first run and changes nothing on the second", async () => {
    const first = await sync();
    expect(first.code).toBe(0);
    expect([...api.monitors.keys()].sort()).toEqual(["checkout-public", "orders-public"]);
    expect(first.stdout).toMatch(/2 to create, 0 to update, 0 to deactivate, 0 unchanged; applied 2 changes/);
    const before = api.requests.length;
    const second = await sync();
    expect(second).toMatchObject({ code: 0, stdout: expect.stringMatching(/no changes, 2 monitors up to date/) });
    expect(writesSince(before)).toEqual([]);
  });

  it("updates exactly the monitor whose spec changed, only the fields that differ", async () => {
    await sync();
    writeOrders({ "spec.status": { interval: "2m" } });
    const before = api.requests.length;
    const changed = await sync();
    expect(changed.code).toBe(0);
    expect(changed.stdout).toContain('  ~ update orders-public ("orders")\n      cron: "* * * * *" → "*/2 * * * *"');
    expect(writesSince(before)).toEqual([
      expect.objectContaining({
        method: "PATCH",
        path: "/api/v4/monitors/orders-public",
        body: { cron: "*/2 * * * *" },
      }),
    ]);
  });

  it("puts back a field edited in Kener's dashboard", async () => {
    await sync();
    await new KenerClient({ baseUrl: api.url, apiKey: api.apiKey }).updateMonitor("checkout-public", {
      type_data: { url: "https://elsewhere.example/", method: "GET", headers: [], body: "", timeout: 1 },
    });
    const { stdout } = await sync();
    expect(stdout).toMatch(
      /type_data\.url: "https:\/\/elsewhere\.example\/" → "https:\/\/checkout\.acme\.example\/ready"/,
    );
    expect(api.monitors.get("checkout-public")?.["type_data"]).toMatchObject({
      url: "https://checkout.acme.example/ready",
    });
  });

  it("prints the change set with --dry-run and writes nothing, in text and JSON", async () => {
    const text = await sync("--dry-run");
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/2 to create, .* \(dry run, nothing changed\)\n/);
    expect(text.stdout).toContain('  + create checkout-public ("Checkout API")');
    const json = await sync("--dry-run", "--format", "json");
    const report = JSON.parse(json.stdout) as { dryRun: boolean; changes: { action: string; tag: string }[] };
    expect(report.dryRun).toBe(true);
    expect(report.changes.map((c) => [c.action, c.tag])).toEqual([
      ["create", "checkout-public"],
      ["create", "orders-public"],
    ]);
    expect(writesSince(0)).toEqual([]);
    expect(api.monitors.size).toBe(0);
  });

  it("keeps managed monitors no spec asks for unless --prune, and never touches unmanaged ones of any type or another stack's", async () => {
    const client = new KenerClient({ baseUrl: api.url, apiKey: api.apiKey });
    await client.createMonitor(seed("retired-public", `Old\n${KENER_NAMES.managedMarker("prod")}`));
    await client.createMonitor(seed("by-hand", "Made in the dashboard"));
    await client.createMonitor(seed("staging-public", `Staging\n${KENER_NAMES.managedMarker("staging")}`));
    api.monitors.set("ping-db", {
      id: 99,
      tag: "ping-db",
      name: "db",
      cron: "* * * * *",
      monitor_type: "PING",
      type_data: '{"hosts":[{"host":"10.0.0.5","type":"IP4"}]}',
    });
    const kept = await sync();
    expect(kept.stdout).toContain("  = keep retired-public (managed, no spec asks for it; --prune deactivates it)");
    expect(api.monitors.get("retired-public")?.["status"]).toBe("ACTIVE");
    const pruned = await sync("--prune");
    expect(pruned.stdout).toContain('  - deactivate retired-public ("retired-public")');
    expect(api.monitors.get("retired-public")?.["status"]).toBe("INACTIVE");
    expect(api.monitors.get("by-hand")).toMatchObject({ status: "ACTIVE", description: "Made in the dashboard" });
    expect(api.monitors.get("ping-db")).not.toHaveProperty("status");
    expect(api.monitors.get("staging-public")?.["status"]).toBe("ACTIVE");
    const again = await sync("--prune");
    expect(again.stdout).toMatch(/no changes/);
  });

  it("refuses, changing nothing, when a tag it needs belongs to a monitor it does not manage", async () => {
    await new KenerClient({ baseUrl: api.url, apiKey: api.apiKey }).createMonitor(seed("checkout-public", "by hand"));
    const before = api.requests.length;
    const result = await sync();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/1 conflict, nothing changed/);
    expect(result.stdout).toContain('! conflict checkout-public: the tag is taken by monitor "checkout-public"');
    expect(writesSince(before)).toEqual([]);
  });
});

describe("reliability status sync's exit codes", () => {
  it.each([
    [
      "2 without the API key in the environment",
      () => vi.stubEnv(KENER_NAMES.apiKeyEnv, ""),
      [],
      2,
      /KENER_API_KEY is not set/,
    ],
    [
      "2 for a Kener URL that is not http(s)",
      () => undefined,
      ["--kener-url", "ftp://status"],
      2,
      /--kener-url must be an http or https URL, got "ftp:\/\/status"/,
    ],
    [
      "2 for an invalid spec",
      () => writeOrders({ "spec.status": { interval: "5s" } }),
      [],
      2,
      /services\/orders\.yaml:\d+:\d+.*interval/,
    ],
    [
      "1 when Kener refuses the key",
      () => vi.stubEnv(KENER_NAMES.apiKeyEnv, "kener_wrong"),
      [],
      1,
      /HTTP 401 UNAUTHORIZED/,
    ],
  ])("is %s", async (_name, arrange, extra, code, message) => {
    arrange();
    const result = await sync(...extra);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(api.monitors.size).toBe(0);
  });

  it("is 1 when Kener cannot be reached, naming the request and the network error", async () => {
    const url = api.url;
    await api.stop();
    const result = await run(project.dir, "status", "sync", "--stack", "prod", "--kener-url", url);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Kener GET \/api\/v4\/monitors failed after 4 attempts: ECONNREFUSED/);
    api = await startKenerApi();
  });

  it("is 1 when a change fails part-way, saying how many were applied, and a second run finishes", async () => {
    api.failNext(1, { status: 500 }, 2);
    const broken = await sync();
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(
      /cannot create monitor orders-public \(1 of 2 changes applied before it; run the sync again to finish\): .*HTTP 500/,
    );
    expect([...api.monitors.keys()]).toEqual(["checkout-public"]);
    const again = await sync();
    expect(again.stdout).toMatch(/1 to create, 0 to update, 0 to deactivate, 1 unchanged; applied 1 change/);
  });
});
