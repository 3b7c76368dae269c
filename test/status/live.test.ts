/**
 * Debian's blackbox exporter (one per "region", on loopback) → Prometheus 2.42, with the planned
 * blackbox modules, the scrape configuration the prometheus-operator generates for the planned Probes,
 * and the planned endpoint alerts; a test HTTP server plays the service. The spec's real timing is
 * used (a check every 10s, down at the first failed check from both regions, up after two passing
 * checks), so the measured times are the ones a user gets, plus Prometheus's 1s rule evaluation.
 */

import type { Server } from "node:http";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STATUS_NAMES } from "../../components/core/conventions.js";
import type { Plan } from "../../components/core/plan/types.js";
import { planObject } from "../support/project.js";
import { freePort, getJson, serve, start, stop, waitFor, type Daemon } from "../support/loopback.js";
import { requireTools, startMonitoring, type Monitoring } from "../support/monitoring.js";
import { writeRulesFile } from "../alerts/support/promtool.js";
import { tempDir } from "../support/temp.js";
import { BLACKBOX, endpointGroup, ofToken, probeScrapeConfig, probesIn, publicSpec, withStatus } from "./support.js";

const REGION = "us-east-1";
const INTERVAL_S = 10;
const EVALUATION_S = 1;
const SLACK_S = 3;

interface Alert {
  readonly labels: Record<string, string>;
  readonly state: string;
}

/** The spec planned for prod with its endpoint at the test server and each region's prober at a local exporter. */
function planLive(serviceUrl: string, probers: Readonly<Record<string, string>>): Plan {
  const stack = withStatus("prod", {
    prober: { urls: probers, scheme: "http", path: "/probe" },
    module: "http_2xx",
    labels: {},
    quorum: 2,
    preferredIpProtocol: "ip4",
  });
  const status = {
    interval: `${INTERVAL_S}s`,
    timeout: "5s",
    endpoints: [{ name: "public", url: `${serviceUrl}/ready` }],
  };
  return planObject(publicSpec({ "spec.status": status }), stack);
}

describe("a live blackbox exporter and Prometheus with the planned probes and endpoint alerts", () => {
  const servers: Server[] = [];
  const daemons: Daemon[] = [];
  let healthy = true;
  let promUrl = "";
  let monitoring: Monitoring | undefined;

  const firing = async (name: string): Promise<Alert | undefined> => {
    const r = (await getJson(`${promUrl}/api/v1/alerts`)) as { data?: { alerts?: Alert[] } } | undefined;
    return r?.data?.alerts?.find((a) => a.labels["alertname"] === name && a.state === "firing");
  };

  beforeAll(async () => {
    requireTools(BLACKBOX);
    const service = await serve((req, _body, res) => {
      res.statusCode = req.url === "/ready" && healthy ? 200 : 503;
      res.end(healthy ? "ready" : "not ready");
    });
    servers.push(service.server);
    const ports = { "us-east-1": await freePort(), "eu-west-1": await freePort() };
    const plan = planLive(
      service.url,
      Object.fromEntries(Object.entries(ports).map(([r, p]) => [r, `127.0.0.1:${p}`])),
    );
    const dir = tempDir("status-live");
    const modules =
      (
        ofToken(plan, "kubernetes:core/v1:ConfigMap").find((r) => r.region === REGION && r.key.endsWith("/ConfigMap"))
          ?.props as {
          data: Record<string, string>;
        }
      ).data[STATUS_NAMES.configKey] ?? "";
    writeFileSync(join(dir, "blackbox.yml"), modules);
    for (const port of Object.values(ports))
      daemons.push(
        start(BLACKBOX, [`--config.file=${join(dir, "blackbox.yml")}`, `--web.listen-address=127.0.0.1:${port}`]),
      );
    monitoring = await startMonitoring({
      name: "status-live",
      prometheus: (promDir) => ({
        global: { scrape_interval: "1m", evaluation_interval: `${EVALUATION_S}s` },
        rule_files: [writeRulesFile(promDir, "endpoints", [endpointGroup(plan, REGION)])],
        scrape_configs: probesIn(plan, REGION).map(probeScrapeConfig),
      }),
    });
    promUrl = monitoring.prometheusUrl;
    await waitFor("both regions' probes to pass", 60_000, async () => {
      const r = (await getJson(
        `${promUrl}/api/v1/query?query=${encodeURIComponent('probe_success{service="orders",endpoint="public"} == 1')}`,
      )) as { data?: { result?: unknown[] } } | undefined;
      return (r?.data?.result?.length ?? 0) === 2 ? true : undefined;
    }).catch((e: Error) => {
      throw new Error(`${e.message}\n${[monitoring?.log(), ...daemons.map((d) => d.log().slice(-1500))].join("\n")}`);
    });
  }, 90_000);

  afterAll(async () => {
    await monitoring?.stop();
    for (const daemon of daemons) await stop(daemon);
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it("scrapes each region's exporter with the Probe's labels", async () => {
    const r = (await getJson(`${promUrl}/api/v1/query?query=${encodeURIComponent("probe_success")}`)) as {
      data: { result: { metric: Record<string, string> }[] };
    };
    expect(r.data.result.map((s) => s.metric["probe_region"]).sort()).toEqual(["eu-west-1", "us-east-1"]);
    expect(r.data.result[0]?.metric).toMatchObject({
      service: "orders",
      endpoint: "public",
      namespace: "orders",
      job: expect.stringMatching(/^probe\/orders\/orders-public-from-/) as unknown as string,
    });
  });

  it("fires EndpointDown within interval × threshold + evaluation of the service breaking, and resolves after the success threshold", async () => {
    expect(await firing("EndpointDown")).toBeUndefined();
    healthy = false;
    const broke = performance.now();
    const alert = await waitFor("EndpointDown to fire", 60_000, () => firing("EndpointDown"));
    const detectS = (performance.now() - broke) / 1000;
    expect(alert.labels).toMatchObject({
      severity: "critical",
      service: "orders",
      component: "orders",
      endpoint: "public",
      region: REGION,
    });
    expect(await firing("EndpointDegraded")).toBeUndefined();
    healthy = true;
    const healed = performance.now();
    await waitFor("EndpointDown to resolve", 60_000, async () => ((await firing("EndpointDown")) ? undefined : true));
    const resolveS = (performance.now() - healed) / 1000;
    console.log(
      `status live: EndpointDown fired ${detectS.toFixed(1)}s after the service broke (bound ${INTERVAL_S}s × 1 + ${EVALUATION_S}s), resolved ${resolveS.toFixed(1)}s after it healed (bound ${INTERVAL_S}s × 2 + ${EVALUATION_S}s)`,
    );
    expect(detectS).toBeLessThanOrEqual(INTERVAL_S * 1 + EVALUATION_S + SLACK_S);
    expect(resolveS).toBeLessThanOrEqual(INTERVAL_S * 2 + EVALUATION_S + SLACK_S);
  }, 150_000);
});
