/**
 * Prometheus 2.42 → Alertmanager 0.25 → webhook, on loopback, with checkout's rendered rules and
 * AlertmanagerConfig.
 *
 * Time is compressed 60× (every range window and `for` of the rendered rules divided by 60: 5m → 5s,
 * 1h → 1m) because the real short window makes a page resolve no sooner than 5 minutes after
 * recovery by design; the expressions, thresholds and labels are the rendered ones. Alertmanager's
 * group wait/interval are shortened for the same reason.
 */

import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERTMANAGER_CONFIG_TYPE, PROMETHEUS_RULE_TYPE } from "../../components/domains/alerts/plan.js";
import { declaredSlos } from "../../components/domains/alerts/slo.js";
import type { RuleGroup } from "../../components/domains/alerts/types.js";
import { ALERT_NAMES, SEVERITY } from "../../components/core/conventions.js";
import { planStack } from "../../components/pipeline.js";
import { exampleStack, ROOT } from "../support/project.js";
import { alertmanagerYaml, scaleGroups, type CrSpec } from "./support/operator.js";
import { writeRulesFile } from "./support/promtool.js";
import { counters } from "./support/series.js";
import { getJson, serve, waitFor } from "../support/loopback.js";
import { startMonitoring, type Monitoring } from "../support/monitoring.js";

const SERVICE = "checkout";
const REGION = "us-east-1";
const REQUESTS_PER_SCRAPE = 20;

interface Notification {
  readonly receiver: string;
  readonly path: string;
  readonly alerts: { status: string; labels: Record<string, string> }[];
}

/** Checkout planned for prod, with its receivers pointed at the test's webhook. */
function planCheckout(hookUrl: string) {
  const base = exampleStack("prod");
  const stack = {
    ...base,
    prometheus: {
      ...base.prometheus,
      receivers: {
        "pager-payments": { webhook: { url: `${hookUrl}/page` } },
        "chat-payments": { webhook: { url: `${hookUrl}/ticket` } },
      },
    },
  };
  const { plan, services } = planStack(stack, `services/${SERVICE}.yaml`, ROOT);
  const service = services[0];
  const resources = plan.services[0]?.resources.filter((r) => r.region === REGION) ?? [];
  const rule = resources.find((r) => r.type === PROMETHEUS_RULE_TYPE);
  const amc = resources.find((r) => r.type === ALERTMANAGER_CONFIG_TYPE);
  if (!service || !rule || !amc) throw new Error("checkout must plan a PrometheusRule and an AlertmanagerConfig");
  return { service, groups: (rule.props.spec as unknown as { groups: RuleGroup[] }).groups, amc };
}

describe("a live Prometheus and Alertmanager with checkout's rendered alerting", () => {
  const notifications: Notification[] = [];
  const servers: Server[] = [];
  let monitoring: Monitoring | undefined;
  let failing = false;
  let promUrl = "";
  let expectedLabels: Record<string, string> = {};

  beforeAll(async () => {
    const hook = await serve((req, body, res) => {
      const payload = JSON.parse(body) as { receiver: string; alerts: Notification["alerts"] };
      notifications.push({ receiver: payload.receiver, path: req.url ?? "", alerts: payload.alerts });
      res.end("ok");
    });
    servers.push(hook.server);
    const { service, groups, amc } = planCheckout(hook.url);
    const page = groups
      .flatMap((g) => g.rules)
      .find(
        (r) =>
          "alert" in r &&
          r.alert === ALERT_NAMES.burn &&
          r.labels.severity === SEVERITY.page &&
          r.labels.slo === "availability",
      );
    expectedLabels = { alertname: ALERT_NAMES.burn, ...(page?.labels ?? {}) };

    const slos = declaredSlos(service);
    const series = slos.flatMap((slo) => counters(slo).map((c) => ({ c, slo: slo.kind, value: 0 })));
    const metrics = await serve((_req, _body, res) => {
      for (const s of series)
        s.value += s.c.perMinute(failing && s.slo === "availability" ? 1 : 0, REQUESTS_PER_SCRAPE);
      const names = [...new Set(series.map((s) => s.c.metric))];
      res.end(
        names
          .map(
            (n) =>
              `# TYPE ${n} counter\n${series
                .filter((s) => s.c.metric === n)
                .map((s) => `${s.c.series} ${s.value}`)
                .join("\n")}\n`,
          )
          .join(""),
      );
    });
    servers.push(metrics.server);

    const meta = amc.props.metadata as { namespace: string; name: string };
    monitoring = await startMonitoring({
      name: "live",
      alertmanager: alertmanagerYaml(meta.namespace, meta.name, amc.props.spec as unknown as CrSpec, {
        groupWait: "1s",
        groupInterval: "2s",
      }),
      prometheus: (dir) => ({
        global: { scrape_interval: "1s", evaluation_interval: "1s" },
        rule_files: [writeRulesFile(dir, SERVICE, scaleGroups(groups, 1 / 60))],
        scrape_configs: [
          {
            job_name: SERVICE,
            honor_labels: true,
            static_configs: [{ targets: [metrics.url.replace("http://", "")] }],
          },
        ],
      }),
      prometheusArgs: ["--rules.alert.resend-delay=1s"],
    });
    promUrl = monitoring.prometheusUrl;
    await waitFor("Prometheus to scrape checkout", 30_000, async () => {
      const r = (await getJson(`${promUrl}/api/v1/query?query=${encodeURIComponent('up{job="checkout"} == 1')}`)) as
        { data?: { result?: unknown[] } } | undefined;
      return (r?.data?.result?.length ?? 0) > 0 ? true : undefined;
    });
  }, 90_000);

  afterAll(async () => {
    await monitoring?.stop();
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  const pageFor = (status: string) => () =>
    notifications.find(
      (n) =>
        n.path === "/page" &&
        n.alerts.some(
          (a) => a.status === status && a.labels.alertname === ALERT_NAMES.burn && a.labels.slo === "availability",
        ),
    );

  it("pages the page receiver with the rule's labels when checkout starts failing, and resolves after recovery", async () => {
    await new Promise((r) => setTimeout(r, 5_000));
    // Only burn pages count here: compressed 60×, SLIMetricsAbsent's 2m wait is 2s, shorter than
    // Prometheus may take between its first rule evaluation and its first scrape.
    expect(
      notifications.filter((n) => n.path === "/page" && n.alerts.some((a) => a.labels.alertname === ALERT_NAMES.burn)),
    ).toEqual([]);
    failing = true;
    const fired = await waitFor("the page to reach the webhook", 60_000, pageFor("firing")).catch((e: Error) => {
      throw new Error(`${e.message}\nnotifications: ${JSON.stringify(notifications)}\n${monitoring?.log() ?? ""}`);
    });
    const alert = fired.alerts.find((a) => a.labels.alertname === ALERT_NAMES.burn && a.labels.slo === "availability");
    expect(alert?.labels).toEqual(expectedLabels);
    expect(fired.receiver).toBe("checkout/checkout/pager-payments");
    failing = false;
    const resolved = await waitFor("the page to resolve", 90_000, pageFor("resolved"));
    expect(
      resolved.alerts.find((a) => a.labels.alertname === ALERT_NAMES.burn && a.labels.slo === "availability")?.status,
    ).toBe("resolved");
  }, 180_000);
});
