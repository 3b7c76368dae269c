/**
 * The whole path on loopback with real parts: a test HTTP server plays the service; Debian's blackbox
 * exporter (one per "region") probes it with the planned module; Prometheus 2.42 scrapes them as the
 * operator would for the planned Probes and evaluates the planned endpoint alerts; Alertmanager 0.25
 * runs the planned AlertmanagerConfig of the incident bridge (as the operator converts it); the bridge
 * talks to a loopback server answering as Kener v4 does. Each region runs its own Prometheus and
 * Alertmanager, as each cluster does, and both report the outage to the stack's one bridge. The spec's real timing is used (a check every
 * 10s, down at the first failed check, up at the first passing one); the bridge's route waits 1s.
 */

import type { Server } from "node:http";
import Database from "better-sqlite3";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STATUS_NAMES } from "../../components/core/conventions.js";
import type { Plan } from "../../components/core/plan/types.js";
import { incidentSettingsSchema } from "../../components/domains/status/incident-settings.js";
import { startBridge, type RunningBridge } from "../../components/incidents/run.js";
import { writeRulesFile } from "../alerts/support/promtool.js";
import { operatorConfig, type AlertmanagerConfigObject } from "../support/alertmanager.js";
import { startKenerApi, type KenerApi } from "../support/kener-api.js";
import { freePort, getJson, serve, start, stop, waitFor, type Daemon } from "../support/loopback.js";
import { requireTools, startMonitoring, type Monitoring } from "../support/monitoring.js";
import { planObject } from "../support/project.js";
import { tempDir } from "../support/temp.js";
import { BLACKBOX, endpointGroup, ofToken, probeScrapeConfig, probesIn, publicSpec, withStatus } from "./support.js";

const REGIONS = ["us-east-1", "eu-west-1"] as const;
const INTERVAL_S = 10;
const EVALUATION_S = 1;
const GROUP_WAIT_S = 1;
const SLACK_S = 4;
const TOKEN = "live-webhook-token";
const KEY = `kener_${"cd".repeat(32)}`;

/** The spec planned for prod with its endpoint at the test server, local probers and the incident bridge. */
function planLive(serviceUrl: string, probers: Readonly<Record<string, string>>): Plan {
  const stack = withStatus("prod", {
    prober: { urls: probers, scheme: "http", path: "/probe" },
    module: "http_2xx",
    labels: {},
    quorum: 2,
    preferredIpProtocol: "ip4",
    incidents: incidentSettingsSchema.parse({
      image: "ghcr.io/acme/reliability-stack:0.1.0",
      statusPageUrl: "http://kener.invalid",
      url: "https://incident-bridge.use1.prod.acme.internal/webhook",
      groupWait: `${GROUP_WAIT_S}s`,
      groupInterval: "1s",
    }),
  });
  const status = {
    interval: `${INTERVAL_S}s`,
    timeout: "5s",
    failureThreshold: 1,
    successThreshold: 1,
    endpoints: [{ name: "public", url: `${serviceUrl}/ready` }],
  };
  return planObject(publicSpec({ "spec.status": status }), stack);
}

/** The alertmanager.yml the operator makes of a region's planned bridge route, its webhook pointed at the loopback bridge. */
function alertmanagerYaml(plan: Plan, bridgeUrl: string, region: string): string {
  const object = ofToken(plan, "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig").find(
    (r) => r.region === region && r.key.endsWith("/incidents"),
  )?.props as unknown as AlertmanagerConfigObject;
  const planned = plan.services[0]?.analysis.status?.incidents?.webhookUrls[region] ?? "";
  const config = operatorConfig([object], { secret: (_ns, _ref, url) => (url ? "" : TOKEN) });
  const text = stringify(config, { lineWidth: 0 });
  if (!text.includes(planned)) throw new Error(`the planned webhook URL ${planned} is not in\n${text}`);
  return text.replace(planned, `${bridgeUrl}/webhook?sender=${region}`);
}

describe("probe → alert → incident → resolve with the real blackbox exporter, Prometheus and Alertmanager", () => {
  const servers: Server[] = [];
  const daemons: Daemon[] = [];
  let healthy = true;
  let kener: KenerApi;
  const incidents = () => [...kener.incidents.values()];
  let bridge: RunningBridge;
  let bridgeConfig: Parameters<typeof startBridge>[0];
  const monitoring: Monitoring[] = [];

  const resolvedComments = (): number =>
    incidents()
      .flatMap((i) => i.comments)
      .filter((c) => c.state === "RESOLVED").length;
  const openIncidents = (): number => incidents().filter((i) => i.state !== "RESOLVED").length;
  /** The regions whose Alertmanager reported an outage to the bridge, as its database records them. */
  const senders = (): string[] => {
    const db = new Database(bridgeConfig.database, { readonly: true });
    try {
      return (db.prepare("SELECT DISTINCT sender FROM causes ORDER BY sender").all() as { sender: string }[]).map(
        (r) => r.sender,
      );
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    requireTools(BLACKBOX);
    const service = await serve((req, _body, res) => {
      res.statusCode = req.url === "/ready" && healthy ? 200 : 503;
      res.end(healthy ? "ready" : "not ready");
    });
    servers.push(service.server);
    kener = await startKenerApi({ apiKey: KEY });
    const [use1, euw1, bridgePort] = await Promise.all([1, 2, 3].map(() => freePort()));
    const plan = planLive(service.url, { "us-east-1": `127.0.0.1:${use1}`, "eu-west-1": `127.0.0.1:${euw1}` });
    const dir = tempDir("incidents-live");
    bridgeConfig = {
      host: "127.0.0.1",
      port: bridgePort ?? 0,
      database: join(dir, "incidents.sqlite"),
      statusPageUrl: kener.url,
      apiKey: KEY,
      token: TOKEN,
      flapWindowMs: 15 * 60_000,
      queueLimit: 1000,
      retryMinMs: 200,
      retryMaxMs: 2_000,
      callTimeoutMs: 2_000,
      maxBodyBytes: 1_048_576,
      log: () => undefined,
    };
    bridge = await startBridge(bridgeConfig);
    const modules = (
      ofToken(plan, "kubernetes:core/v1:ConfigMap").find((r) => r.region === REGIONS[0] && r.key.endsWith("/ConfigMap"))
        ?.props as { data: Record<string, string> }
    ).data[STATUS_NAMES.configKey];
    writeFileSync(join(dir, "blackbox.yml"), modules ?? "");
    for (const port of [use1, euw1])
      daemons.push(
        start(BLACKBOX, [`--config.file=${join(dir, "blackbox.yml")}`, `--web.listen-address=127.0.0.1:${port}`]),
      );
    for (const region of REGIONS)
      monitoring.push(
        await startMonitoring({
          name: `incidents-live-${region}`,
          alertmanager: alertmanagerYaml(plan, bridge.url, region),
          prometheus: (promDir) => ({
            global: { scrape_interval: "1m", evaluation_interval: `${EVALUATION_S}s` },
            rule_files: [writeRulesFile(promDir, "endpoints", [endpointGroup(plan, region)])],
            scrape_configs: probesIn(plan, region).map(probeScrapeConfig),
          }),
        }),
      );
    for (const { prometheusUrl } of monitoring)
      await waitFor("both regions' probes to pass", 60_000, async () => {
        const r = (await getJson(
          `${prometheusUrl}/api/v1/query?query=${encodeURIComponent('probe_success{service="orders"} == 1')}`,
        )) as { data?: { result?: unknown[] } } | undefined;
        return (r?.data?.result?.length ?? 0) === 2 ? true : undefined;
      }).catch((e: Error) => {
        const logs = [...monitoring.map((m) => m.log()), ...daemons.map((d) => d.log().slice(-1500))];
        throw new Error(`${e.message}\n${logs.join("\n")}`);
      });
  }, 90_000);

  afterAll(async () => {
    for (const m of monitoring) await m.stop();
    await bridge?.close();
    for (const daemon of daemons) await stop(daemon);
    await kener?.stop();
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it("opens the incident within interval × threshold + evaluation + group wait, and resolves it with the downtime", async () => {
    expect(incidents()).toEqual([]);
    healthy = false;
    const broke = performance.now();
    await waitFor("the incident to open", 60_000, () => (incidents().length === 1 ? true : undefined));
    const detectS = (performance.now() - broke) / 1000;
    await new Promise((r) => setTimeout(r, 25_000));
    healthy = true;
    const healed = performance.now();
    const outageS = (healed - broke) / 1000;
    await waitFor("the incident to resolve", 60_000, () => (openIncidents() === 0 ? true : undefined));
    const resolveS = (performance.now() - healed) / 1000;
    const incident = incidents()[0];
    const downtimeS = (Date.parse(incident?.end_date_time ?? "") - Date.parse(incident?.start_date_time ?? "")) / 1000;
    console.log(
      `incidents live: incident opened ${detectS.toFixed(1)}s after the service broke (bound ${INTERVAL_S}s × 1 + ${EVALUATION_S}s + ${GROUP_WAIT_S}s), resolved ${resolveS.toFixed(1)}s after it healed; downtime on the page ${downtimeS}s for an outage of ${outageS.toFixed(1)}s (± ${INTERVAL_S}s)`,
    );
    expect(incident).toMatchObject({
      title: "orders is down",
      monitors: [{ monitor_tag: "orders-public", impact: "DOWN" }],
    });
    expect(incident?.comments[0]?.comment).toMatch(/labels: incident, incident-down, orders-public, auto\.$/);
    expect(incident?.comments.at(-1)?.comment).toMatch(/^auto resolved at .*, total downtime 1 minute$/);
    expect(detectS).toBeLessThanOrEqual(INTERVAL_S + EVALUATION_S + GROUP_WAIT_S + SLACK_S);
    expect(incidents()).toHaveLength(1);
    expect(senders()).toEqual([...REGIONS].sort());
    expect(Math.abs(downtimeS - outageS)).toBeLessThanOrEqual(INTERVAL_S + 1);
  }, 150_000);

  it("keeps one incident through 50 flaps and a restart of the bridge mid-incident, and delivers every resolve", async () => {
    const before = resolvedComments();
    for (let i = 0; i < 50; i += 1) {
      healthy = i % 2 === 1;
      await new Promise((r) => setTimeout(r, 700));
    }
    healthy = false;
    await waitFor("the incident to be open", 60_000, () => (openIncidents() === 1 ? true : undefined));
    await bridge.close();
    healthy = true;
    await new Promise((r) => setTimeout(r, 15_000));
    bridge = await startBridge(bridgeConfig);
    await waitFor("the incident to resolve after the restart", 60_000, () =>
      openIncidents() === 0 ? true : undefined,
    );
    const flapsResolved = resolvedComments() - before;
    const states = (incidents()[0]?.comments ?? []).map((c) => c.state).filter((state) => state !== "IDENTIFIED");
    console.log(
      `incidents live: 50 flaps and a restart gave ${flapsResolved} re-open/resolve cycles on ${incidents().length} incident(s); timeline ${states.join(" ")}`,
    );
    expect(incidents()).toHaveLength(1);
    expect(states.join(" ")).toMatch(/^INVESTIGATING( RESOLVED INVESTIGATING)+ RESOLVED$/);
    expect(flapsResolved).toBeGreaterThanOrEqual(1);
    const reopened = incidents()[0]?.comments.filter((c) => /re-opened/.test(c.comment)).length ?? 0;
    expect(reopened).toBe(flapsResolved);
  }, 150_000);
});
