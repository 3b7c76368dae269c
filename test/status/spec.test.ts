import { describe, expect, it } from "vitest";
import { SpecError } from "../../components/core/spec/errors.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import { parseStackConfig } from "../../components/spec/stack.js";
import { exampleStack, loadObject } from "../support/project.js";
import { publicSpec, withStatus } from "./support.js";

/** `path: message` of every diagnostic of a spec loaded for a stack. */
function problems(changes: Record<string, unknown>, stack: StackConfig = exampleStack("prod")): string[] {
  return loadObject(publicSpec(changes), stack).diagnostics.map((d) => `${d.path}: ${d.message}`);
}

/** `path: message` of every diagnostic of the prod stack with its `reliability:status` replaced. */
function stackProblems(status: unknown): string[] {
  const { stack: _name, ...values } = structuredClone(exampleStack("prod"));
  try {
    parseStackConfig("prod", { ...values, status } as unknown as Record<string, unknown>, "stacks/Pulumi.prod.yaml");
    return [];
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return error.diagnostics.map((d) => `${d.path}: ${d.message}`);
  }
}

const WORKER_PROBES = { liveness: { exec: { command: ["/app/health"] } }, readiness: { tcp: {} } };

describe("spec.status", () => {
  it("accepts the public baseline with and without a status section", () => {
    expect(problems({})).toEqual([]);
    expect(
      problems({
        "spec.status": {
          component: "Orders API",
          group: "Shop",
          maintenance: [{ name: "patch", days: ["sun"], from: "04:00", to: "05:00" }],
        },
      }),
    ).toEqual([]);
  });

  it.each([
    {
      why: "an endpoint with both a url and a host",
      status: { endpoints: [{ name: "api", url: "https://a.example/", host: "a.example" }] },
      problem:
        'spec.status.endpoints[0]: must set exactly one of url or host (with path and scheme), got {"name":"api","url":"https://a.example/","host":"a.example"}',
    },
    {
      why: "an endpoint with a url and a path",
      status: { endpoints: [{ name: "api", url: "https://a.example/", path: "/ready" }] },
      problem:
        'spec.status.endpoints[0]: must not set path or scheme together with url (the url holds them), got {"name":"api","url":"https://a.example/","path":"/ready"}',
    },
    {
      why: "an HTTP method the checks do not use",
      status: { endpoints: [{ name: "api", url: "https://a.example/", method: "DELETE" }] },
      problem: 'spec.status.endpoints[0].method: must be one of GET, HEAD, POST, OPTIONS, got "DELETE"',
    },
    {
      why: "a status code that is not one",
      status: { endpoints: [{ name: "api", url: "https://a.example/", status: [700] }] },
      problem: "spec.status.endpoints[0].status[0]: must be an integer between 100 and 599, got 700",
    },
    {
      why: "an endpoint name that is not a DNS label",
      status: { endpoints: [{ name: "API", url: "https://a.example/" }] },
      problem:
        "spec.status.endpoints[0].name: must be lower-case letters, digits and '-', starting with a letter, at most 24 characters, got \"API\"",
    },
    {
      why: "a misspelt field",
      status: { intervall: "1m" },
      problem: 'spec.status.intervall: unknown field "intervall"; did you mean "interval"?',
    },
    {
      why: "an interval under 10s",
      status: { interval: "5s" },
      problem: 'spec.status.interval: must be a duration such as 30s, 5m or 1h30m between 10s and 1h, got "5s"',
    },
    {
      why: "a timeout as long as the interval",
      status: { timeout: "30s" },
      problem:
        "spec.status.timeout: must be shorter than the interval (30s) for endpoint public, because a check still running when the next is due is cut off (the prometheus-operator refuses a scrape timeout above the interval); got 30s",
    },
    {
      why: "an endpoint's own timeout as long as the interval",
      status: { interval: "20s", endpoints: [{ name: "api", url: "https://a.example/", timeout: "20s" }] },
      problem:
        "spec.status.endpoints[0].timeout: must be shorter than the interval (20s) for endpoint api, because a check still running when the next is due is cut off (the prometheus-operator refuses a scrape timeout above the interval); got 20s",
    },
    {
      why: "a latency bound above the timeout",
      status: { latency: "15s" },
      problem:
        "spec.status.latency: must be shorter than the timeout (10s) for endpoint public, because a check slower than the timeout fails instead of being slow; got 15s",
    },
    {
      why: "an unknown time zone",
      status: { timezone: "Europe/Atlantis" },
      problem:
        'spec.status.timezone: must be an IANA time zone name such as Europe/Berlin or America/New_York, got "Europe/Atlantis"',
    },
    {
      why: "a window both weekly and one-off",
      status: { maintenance: [{ name: "w", days: ["sun"], start: "2026-01-01" }] },
      problem:
        "spec.status.maintenance[0]: must be weekly (days and/or from and to) or one-off (start and end), got both in w",
    },
    {
      why: "a window neither weekly nor one-off",
      status: { maintenance: [{ name: "w" }] },
      problem:
        "spec.status.maintenance[0]: must be weekly (days and/or from and to) or one-off (start and end), got neither in w",
    },
    {
      why: "a weekly window with from but no to",
      status: { maintenance: [{ name: "w", from: "04:00" }] },
      problem: "spec.status.maintenance[0].to: must give from and to together, got only from in w",
    },
    {
      why: "a one-off window without an end",
      status: { maintenance: [{ name: "w", start: "2026-01-01" }] },
      problem: "spec.status.maintenance[0].end: must give start and end together in w",
    },
    {
      why: "a one-off window ending before it starts",
      status: { maintenance: [{ name: "w", start: "2026-01-02T10:00", end: "2026-01-02T09:00" }] },
      problem: 'spec.status.maintenance[0].end: must be after start (2026-01-02T10:00), got "2026-01-02T09:00"',
    },
    {
      why: "a window day that is not one",
      status: { maintenance: [{ name: "w", days: ["sunday"] }] },
      problem: 'spec.status.maintenance[0].days[0]: must be one of mon, tue, wed, thu, fri, sat, sun, got "sunday"',
    },
    {
      why: "two endpoints of one name",
      status: {
        endpoints: [
          { name: "api", url: "https://a.example/" },
          { name: "api", url: "https://b.example/" },
        ],
      },
      problem: 'spec.status.endpoints[1].name: must be unique among the service\'s endpoints, got "api" twice',
    },
    {
      why: "two windows of one name",
      status: {
        maintenance: [
          { name: "w", days: ["sat"] },
          { name: "w", days: ["sun"] },
        ],
      },
      problem:
        'spec.status.maintenance[1].name: must be unique among the service\'s maintenance windows, got "w" twice',
    },
  ])("rejects $why at the field", ({ status, problem }) => {
    expect(problems({ "spec.status": status })).toContain(problem);
  });

  it("rejects a status section on a worker that names no endpoint, since it has none by default", () => {
    expect(
      problems({ "spec.dns": undefined, "spec.workload.probes": WORKER_PROBES, "spec.status": { group: "Shop" } }),
    ).toContain(
      "spec.status: must list the endpoints to check, because the service has no public DNS name and its readiness probe is tcp, not http, so there is no default endpoint (set enabled: false to check nothing); got none",
    );
    expect(problems({ "spec.dns": undefined, "spec.workload.probes": WORKER_PROBES })).toEqual([]);
  });

  it("rejects a status section on a stack that configures no probers, and accepts it disabled there", () => {
    const bare = withStatus("prod", undefined);
    expect(problems({ "spec.status": { group: "Shop" } }, bare)).toEqual([
      "spec.status: must be planned with a stack that configures reliability:status (the blackbox exporters that probe from each region), because nothing else can check the endpoints; stack prod sets none (set enabled: false for this environment to check nothing); got 1 endpoint to probe",
    ]);
    expect(problems({ "spec.status": { enabled: false } }, bare)).toEqual([]);
    expect(problems({}, bare)).toEqual([]);
  });

  it("rejects a service region whose blackbox exporter the stack does not name", () => {
    const stack = withStatus("prod", {
      prober: { urls: { "us-east-1": "bb.use1:9115" }, scheme: "http", path: "/probe" },
      module: "http_2xx",
      labels: {},
      quorum: 2,
      preferredIpProtocol: "ip4",
    });
    expect(problems({}, stack)).toEqual([
      'spec.regions[1]: must have a blackbox exporter in stack prod (reliability:status.prober.urls lists us-east-1), because the endpoints are probed from every region the service runs in; got "eu-west-1"',
    ]);
  });
});

describe("the reliability:status stack setting", () => {
  it("accepts a {region} template and fills in every default", () => {
    expect(stackProblems({ prober: { url: "bb.{region}.internal:9115" } })).toEqual([]);
    const { stack: _name, ...values } = structuredClone(exampleStack("prod"));
    const parsed = parseStackConfig(
      "prod",
      { ...values, status: { prober: { url: "bb.{region}:9115" } } } as unknown as Record<string, unknown>,
      "stacks/Pulumi.prod.yaml",
    );
    expect(parsed.status).toEqual({
      prober: { url: "bb.{region}:9115", scheme: "http", path: "/probe" },
      module: "http_2xx",
      labels: {},
      quorum: 2,
      preferredIpProtocol: "ip4",
    });
  });

  it.each([
    {
      why: "one prober for every region",
      status: { prober: { url: "blackbox-exporter.monitoring.svc:9115" } },
      problem:
        "status.prober.url: must contain {region}, because each region's Prometheus scrapes every region's prober to see the endpoint from every region (use urls to list them one by one)",
    },
    {
      why: "a prober URL with a scheme",
      status: { prober: { urls: { "us-east-1": "http://bb:9115" } } },
      problem:
        "status.prober.urls.us-east-1: must be a host name with an optional port and no scheme or path (the prometheus-operator refuses anything else), such as blackbox-exporter.monitoring.svc:9115",
    },
    {
      why: "both a template and a list",
      status: { prober: { url: "bb.{region}:9115", urls: { "us-east-1": "bb:9115" } } },
      problem: "status.prober: must set exactly one of url (a template with {region}) or urls (one per region)",
    },
    {
      why: "one exporter named for two regions",
      status: { prober: { urls: { "us-east-1": "bb:9115", "eu-west-1": "bb:9115" } } },
      problem:
        "status.prober: must give each region its own prober, because probes from one exporter are one vantage point however many regions name it",
    },
    {
      why: "a quorum of 0",
      status: { prober: { url: "bb.{region}:9115" }, quorum: 0 },
      problem: "status.quorum: must be an integer between 1 and 10",
    },
    {
      why: "a module name with a dash",
      status: { prober: { url: "bb.{region}:9115" }, module: "http-2xx" },
      problem: "status.module: must be a blackbox module name such as http_2xx (letters, digits and _)",
    },
    {
      why: "an unknown key",
      status: { prober: { url: "bb.{region}:9115" }, namespace: "monitoring" },
      problem:
        'status.namespace: unknown field "namespace"; allowed fields: prober, module, labels, quorum, preferredIpProtocol',
    },
  ])("rejects $why", ({ status, problem }) => {
    expect(stackProblems(status).join("\n")).toContain(problem);
  });
});
