import { describe, expect, it } from "vitest";
import { KENER_NAMES } from "../../components/core/status-page.js";
import { cronOf, evalOf, isManaged, monitorOf } from "../../components/domains/status/kener/monitors.js";
import type { ResolvedEndpoint } from "../../components/domains/status/resolved.js";
import { checksOf } from "./page-support.js";

const ENDPOINT: ResolvedEndpoint = {
  name: "public",
  url: "https://orders.acme.example/ready",
  method: "GET",
  statusCodes: [],
  tls: true,
  timeoutMs: 5_000,
  component: "orders",
  origin: [],
};

type Judge = (statusCode: number, responseTime: number) => Promise<{ status: string; latency: number }>;
/** Kener's evaluation function as Kener runs it: the text evaluated to a function. */
const judge = (endpoint: ResolvedEndpoint): Judge => new Function(`return ${evalOf(endpoint)};`)() as Judge;

describe("Kener monitors of the status checks", () => {
  it.each([
    [10_000, "* * * * *"],
    [30_000, "* * * * *"],
    [60_000, "* * * * *"],
    [90_000, "*/2 * * * *"],
    [120_000, "*/2 * * * *"],
    [900_000, "*/15 * * * *"],
    [3_600_000, "0 * * * *"],
  ])("checks every %ims with the cron %s (whole minutes, Kener's finest step)", (interval, cron) => {
    expect(cronOf(interval)).toBe(cron);
  });

  it.each([
    ["any 2xx and a 300ms bound", { latencyMs: 300 }, 204, 120, "UP"],
    ["any 2xx and a 300ms bound", { latencyMs: 300 }, 200, 301, "DEGRADED"],
    ["any 2xx and a 300ms bound", { latencyMs: 300 }, 503, 20, "DOWN"],
    ["any 2xx and no bound", {}, 200, 9_000, "UP"],
    ["any 2xx and no bound", {}, 302, 10, "DOWN"],
    ["only 200 and 204", { statusCodes: [200, 204] }, 204, 10, "UP"],
    ["only 200 and 204", { statusCodes: [200, 204] }, 201, 10, "DOWN"],
  ])("judges a check of an endpoint with %s: status %i in %ims is %s", async (_name, changes, code, ms, status) => {
    expect(await judge({ ...ENDPOINT, ...changes })(code, ms)).toEqual({ status, latency: ms });
  });

  it("gives a critical service's endpoint a monitor that confirms at the first failure, with the spec's request", () => {
    const [check] = checksOf({ "metadata.tier": "critical", "spec.status": { group: "Shop", timeout: "5s" } });
    const monitor = monitorOf(check!, "prod");
    expect(monitor).toMatchObject({
      tag: "orders-public",
      name: "orders",
      cron: "* * * * *",
      monitor_type: "API",
      confirmation_threshold: 1,
      type_data: {
        url: "https://orders.acme.example/ready",
        method: "GET",
        timeout: 5_000,
        allowSelfSignedCert: false,
      },
    });
    expect(monitor.description).toMatch(/^Shop \/ orders: GET https:\/\/orders.acme.example\/ready \(any 2xx\)\n/);
    expect(isManaged(monitor.description, "prod")).toBe(true);
    expect(isManaged(monitor.description, "staging")).toBe(false);
  });

  it.each([
    ["standard", 2, "* * * * *"],
    ["best-effort", 3, "*/2 * * * *"],
  ])("takes a %s service's failure threshold (%i) and interval (%s) from its tier", (tier, threshold, cron) => {
    const monitor = monitorOf(checksOf({ "metadata.tier": tier })[0]!, "prod");
    expect(monitor).toMatchObject({ confirmation_threshold: threshold, cron });
  });

  it("names two endpoints of one component apart, and tags each by service and endpoint", () => {
    const checks = checksOf({
      "spec.status": {
        endpoints: [
          { name: "api", url: "https://orders.acme.example/ready" },
          { name: "web", url: "http://www.orders.acme.example/", method: "HEAD", status: [200] },
        ],
      },
    });
    expect(checks.map((c) => monitorOf(c, "prod")).map((m) => [m.tag, m.name, m.type_data.method])).toEqual([
      ["orders-api", "orders (api)", "GET"],
      ["orders-web", "orders (web)", "HEAD"],
    ]);
  });

  it.each([
    ["the stack's mark as its last line", `Checks\n${KENER_NAMES.managedMarker("prod")}`, true],
    ["the stack's mark and a trailing newline", `${KENER_NAMES.managedMarker("prod")}\n`, true],
    ["another stack's mark", `Checks\n${KENER_NAMES.managedMarker("staging")}`, false],
    ["no description", null, false],
    ["the mark in the middle", `${KENER_NAMES.managedMarker("prod")}\nedited by hand`, false],
  ])("counts a monitor with %s as managed: %s", (_name, description, managed) => {
    expect(isManaged(description, "prod")).toBe(managed);
  });
});
