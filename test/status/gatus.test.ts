import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { gatusYaml, renderGatus } from "../../components/domains/status/gatus/render.js";
import { gatusConfigSchema } from "../../components/domains/status/gatus/schema.js";
import { statusStackSchema } from "../../components/domains/status/settings.js";
import { pageChecks } from "../../components/domains/status/page.js";
import { exampleStack, planExamples } from "../support/project.js";
import { checksOf } from "./page-support.js";
import { withStatus } from "./support.js";

/** Golden Gatus file of the example services. Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/status/gatus.test.ts`. */
const GOLDEN = join(__dirname, "golden", "gatus-prod.yaml");

const ENDPOINT = { name: "orders", url: "https://orders.acme.example/ready", conditions: ["[STATUS] == 200"] };
/** The configuration with one endpoint, changed by `change`. */
const withEndpoint = (change: Record<string, unknown>) => ({ endpoints: [{ ...ENDPOINT, ...change }] });
const alert = (change: Record<string, unknown>) => withEndpoint({ alerts: [{ type: "slack", ...change }] });
const window = (change: Record<string, unknown>) =>
  withEndpoint({ "maintenance-windows": [{ start: "23:00", duration: "1h", ...change }] });

/** The endpoints rendered for the public spec with `changes`. */
const render = (changes: Record<string, unknown> = {}, stack = exampleStack("prod")) =>
  renderGatus(checksOf(changes, stack), stack.status);

describe("the Gatus schema", () => {
  it("accepts the configuration of Gatus's own examples", () => {
    const config = {
      metrics: true,
      alerting: { slack: { "webhook-url": "https://hooks.slack.com/x" } },
      maintenance: { start: "23:00", duration: "1h", timezone: "Europe/Amsterdam", every: ["Monday", "Thursday"] },
      endpoints: [
        {
          name: "website",
          group: "core",
          url: "https://twin.sh/health",
          interval: "5m",
          conditions: ["[STATUS] == 200", "[BODY].status == UP", "[RESPONSE_TIME] < 300"],
          alerts: [{ type: "slack", description: "healthcheck failed", "send-on-resolved": true }],
          client: { timeout: "10s", insecure: false },
          ui: { "hide-url": true },
        },
      ],
    };
    expect(gatusConfigSchema.safeParse(config).success).toBe(true);
  });

  it.each([
    ["an unknown top-level key", { ...withEndpoint({}), endpoint: [] }, ""],
    ["an unknown endpoint key (a typo)", withEndpoint({ intervall: "1m" }), "endpoints.0"],
    ["an unknown alert key", alert({ "failure-treshold": 2 }), "endpoints.0.alerts.0"],
    ["an unknown alert type", alert({ type: "pager" }), "endpoints.0.alerts.0.type"],
    [
      "an alert description with a double quote",
      alert({ description: 'say "down"' }),
      "endpoints.0.alerts.0.description",
    ],
    [
      "a reminder under 5m",
      alert({ "minimum-reminder-interval": "1m" }),
      "endpoints.0.alerts.0.minimum-reminder-interval",
    ],
    ["a failure threshold of 0", alert({ "failure-threshold": 0 }), "endpoints.0.alerts.0.failure-threshold"],
    ["an endpoint without conditions", withEndpoint({ conditions: [] }), "endpoints.0.conditions"],
    ["a condition without a comparator", withEndpoint({ conditions: ["[STATUS]"] }), "endpoints.0.conditions.0"],
    ["an endpoint without a URL", withEndpoint({ url: "" }), "endpoints.0.url"],
    ["an interval that is not a Go duration", withEndpoint({ interval: "1d" }), "endpoints.0.interval"],
    ["a window starting at 24:00", window({ start: "24:00" }), "endpoints.0.maintenance-windows.0.start"],
    ["a window of 25h", window({ duration: "25h" }), "endpoints.0.maintenance-windows.0.duration"],
    ["a window on a short day name", window({ every: ["Mon"] }), "endpoints.0.maintenance-windows.0.every.0"],
    ["an unknown window key", window({ days: ["Monday"] }), "endpoints.0.maintenance-windows.0"],
    ["two endpoints of one name in one group", { endpoints: [ENDPOINT, ENDPOINT] }, "endpoints.1.name"],
  ])("refuses %s", (_name, config, path) => {
    const result = gatusConfigSchema.safeParse(config);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toContain(path);
  });
});

describe("the Gatus rendering", () => {
  it.each([
    ["critical", "30s", 1, 2, "pagerduty"],
    ["standard", "1m", 2, 2, "pagerduty"],
    ["best-effort", "2m", 3, 1, "slack"],
  ])(
    "gives a %s endpoint its tier's interval %s, thresholds %i/%i and the %s provider",
    (tier, interval, fail, ok, type) => {
      const [endpoint] = render({ "metadata.tier": tier }).config.endpoints;
      expect(endpoint).toMatchObject({
        interval,
        alerts: [{ type, "failure-threshold": fail, "success-threshold": ok, "send-on-resolved": true }],
      });
    },
  );

  it("takes the providers from the stack's gatus settings", () => {
    const prod = exampleStack("prod");
    const stack = withStatus("prod", {
      ...prod.status,
      gatus: { pageAlert: "opsgenie", ticketAlert: "teams-workflows" },
    });
    expect(render({ "metadata.tier": "critical" }, stack).config.endpoints[0]?.alerts?.[0]?.type).toBe("opsgenie");
    expect(render({ "metadata.tier": "best-effort" }, stack).config.endpoints[0]?.alerts?.[0]?.type).toBe(
      "teams-workflows",
    );
  });

  it("refuses a provider Gatus does not know in the stack's gatus settings, naming the allowed ones", () => {
    const prod = exampleStack("prod");
    const result = statusStackSchema.safeParse({ prober: prod.status?.prober, gatus: { pageAlert: "pager" } });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ["gatus", "pageAlert"],
        message: expect.stringMatching(/^must be one of awsses, .*pagerduty/),
      }),
    ]);
  });

  it.each([
    [
      "any 2xx, a latency bound, https",
      { "spec.status": { latency: "250ms" } },
      ["[STATUS] >= 200", "[STATUS] < 300", "[RESPONSE_TIME] < 250", "[CERTIFICATE_EXPIRATION] > 168h"],
    ],
    [
      "one status code, no latency objective",
      { "spec.status": { endpoints: [{ name: "api", url: "https://orders.acme.example/", status: [204] }] } },
      ["[STATUS] == 204", "[CERTIFICATE_EXPIRATION] > 168h"],
    ],
    [
      "two status codes over http",
      { "spec.status": { endpoints: [{ name: "api", url: "http://orders.acme.example/", status: [200, 401] }] } },
      ["[STATUS] == any(200, 401)"],
    ],
    [
      "certificate warnings 3 days ahead",
      { "spec.status": { certificateExpiryDays: 3 } },
      ["[STATUS] >= 200", "[STATUS] < 300", "[CERTIFICATE_EXPIRATION] > 72h"],
    ],
  ])("checks an endpoint with %s by its conditions", (_name, changes, conditions) => {
    expect(render(changes).config.endpoints[0]?.conditions).toEqual(conditions);
  });

  it.each([
    [
      "a Sunday hour in Berlin",
      { name: "w", days: ["sun"], from: "04:00", to: "05:00" },
      { start: "04:00", duration: "1h", every: ["Sunday"] },
    ],
    [
      "an overnight window on weekdays",
      { name: "w", days: ["mon", "fri"], from: "22:30", to: "02:00" },
      { start: "22:30", duration: "3h30m", every: ["Monday", "Friday"] },
    ],
    ["whole Saturdays", { name: "w", days: ["sat"] }, { start: "00:00", duration: "24h", every: ["Saturday"] }],
    ["every night", { name: "w", from: "01:00", to: "01:45" }, { start: "01:00", duration: "45m" }],
  ])("turns %s into a Gatus window in the spec's time zone", (_name, w, expected) => {
    const { config, notes } = render({ "spec.status": { timezone: "Europe/Berlin", maintenance: [w] } });
    expect(config.endpoints[0]?.["maintenance-windows"]).toEqual([{ ...expected, timezone: "Europe/Berlin" }]);
    expect(notes).toEqual([]);
  });

  it("leaves a one-off window out with a note, because Gatus has only recurring windows", () => {
    const { config, notes } = render({
      "spec.status": { maintenance: [{ name: "migration", start: "2026-12-20T18:00", end: "2026-12-20T20:00" }] },
    });
    expect(config.endpoints[0]?.["maintenance-windows"]).toBeUndefined();
    expect(notes).toEqual([
      expect.stringMatching(
        /^service orders: maintenance window migration \(2026-12-20T18:00 to 2026-12-20T20:00\) is one-off; Gatus has only daily and weekly windows/,
      ),
    ]);
  });

  it("renders nothing for a stack that probes nothing", () => {
    const stack = withStatus("prod", undefined);
    const planned = planExamples("prod");
    expect(renderGatus(pageChecks(planned.plan, []), stack.status).config.endpoints).toEqual([]);
  });

  it("quotes times of day so YAML 1.1 readers do not read 04:00 as a number", () => {
    const text = gatusYaml(
      render({ "spec.status": { maintenance: [{ name: "w", from: "04:00", to: "05:00" }] } }).config,
    );
    expect(text).toContain('- start: "04:00"');
  });
});

describe("the Gatus file of the example services in prod", () => {
  const { plan, services } = planExamples("prod");
  const text = gatusYaml(renderGatus(pageChecks(plan, services), exampleStack("prod").status).config);

  it("validates against the Gatus schema", () => {
    expect(gatusConfigSchema.safeParse(parse(text)).success).toBe(true);
  });

  it("matches the golden file", () => {
    if (process.env["UPDATE_GOLDEN"] === "1") {
      mkdirSync(dirname(GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, text);
    }
    expect(existsSync(GOLDEN), `${GOLDEN} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(text).toBe(readFileSync(GOLDEN, "utf8"));
  });
});
