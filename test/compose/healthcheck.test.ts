import { describe, expect, it } from "vitest";
import { baseSpec, exampleStack, loadObject, setPath } from "../support/project.js";
import { composeSchemaErrors, formatErrors } from "./schema.js";
import { composeOf, named } from "./support.js";

const probes = "spec.workload.probes";

function healthcheckOf(changes: Readonly<Record<string, unknown>>) {
  const { document } = composeOf([named(baseSpec(), "orders", changes)]);
  expect(formatErrors(composeSchemaErrors(document))).toEqual([]);
  return document.services.orders?.healthcheck;
}

describe("the local health check runs the readiness probe's check inside the container", () => {
  it.each([
    [
      "an http probe with wget, which BusyBox and GNU wget both provide",
      { [`${probes}.readiness`]: { http: { path: "/ready" } } },
      ["CMD", "wget", "-q", "--spider", "http://127.0.0.1:8080/ready"],
    ],
    [
      "an http probe with curl when the spec names curl",
      { [`${probes}.readiness`]: { http: { path: "/ready" } }, "spec.workload.local": { httpClient: "curl" } },
      ["CMD", "curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/ready"],
    ],
    [
      "an https probe on its own port with headers, skipping certificate checks as the kubelet does",
      {
        [`${probes}.readiness`]: {
          http: { path: "/ready?deep=1", port: 8443, scheme: "HTTPS", headers: { "X-Probe": "local" } },
        },
      },
      [
        "CMD",
        "wget",
        "-q",
        "--spider",
        "--no-check-certificate",
        "--header",
        "X-Probe: local",
        "https://127.0.0.1:8443/ready?deep=1",
      ],
    ],
    [
      "the same https probe with curl",
      {
        [`${probes}.readiness`]: { http: { path: "/ready", scheme: "HTTPS", headers: { "X-Probe": "local" } } },
        "spec.workload.local.httpClient": "curl",
      },
      ["CMD", "curl", "-fsS", "-o", "/dev/null", "-k", "-H", "X-Probe: local", "https://127.0.0.1:8080/ready"],
    ],
    [
      "a tcp probe with nc -z, bounded by the probe timeout",
      { [`${probes}.readiness`]: { tcp: { port: 9000 } } },
      ["CMD", "nc", "-z", "-w", "2", "127.0.0.1", "9000"],
    ],
    [
      "a grpc probe with grpc_health_probe",
      { [`${probes}.readiness`]: { grpc: {} } },
      ["CMD", "grpc_health_probe", "-addr=127.0.0.1:8080", "-connect-timeout=2s", "-rpc-timeout=2s"],
    ],
    [
      "a grpc probe of a named service",
      { [`${probes}.readiness`]: { grpc: { port: 9090, service: "orders.v1.Orders" }, timeoutSeconds: 4 } },
      [
        "CMD",
        "grpc_health_probe",
        "-addr=127.0.0.1:9090",
        "-connect-timeout=4s",
        "-rpc-timeout=4s",
        "-service=orders.v1.Orders",
      ],
    ],
    [
      "an exec probe as its own command",
      { [`${probes}.readiness`]: { exec: { command: ["/app/check", "--ready"] } } },
      ["CMD", "/app/check", "--ready"],
    ],
    [
      "the declared local command instead of the probe's, for images without the client",
      {
        [`${probes}.readiness`]: { http: { path: "/ready" } },
        "spec.workload.local.healthcheck": { command: ["/app/healthcheck", "http://127.0.0.1:8080/ready"] },
      },
      ["CMD", "/app/healthcheck", "http://127.0.0.1:8080/ready"],
    ],
  ])("checks %s", (_name, changes, test) => {
    expect(healthcheckOf(changes)?.test).toEqual(test);
  });
});

describe("health-check timings come from the spec's probes", () => {
  it("uses the tier's readiness timing and startup budget when the spec sets none", () => {
    // standard tier: readiness every 10s, 2s timeout, 3 failures; 180s to start
    expect(healthcheckOf({})).toMatchObject({ interval: "10s", timeout: "2s", retries: 3, start_period: "180s" });
  });

  it.each([
    ["periodSeconds", { [`${probes}.readiness.periodSeconds`]: 7 }, { interval: "7s" }],
    ["timeoutSeconds", { [`${probes}.readiness.timeoutSeconds`]: 5 }, { timeout: "5s" }],
    ["failureThreshold", { [`${probes}.readiness.failureThreshold`]: 6 }, { retries: 6 }],
    ["maxStartupSeconds", { [`${probes}.startup`]: { maxStartupSeconds: 45 } }, { start_period: "45s" }],
  ])("follows the readiness probe's %s", (_field, changes, expected) => {
    expect(healthcheckOf(changes)).toMatchObject(expected);
  });

  it("follows the tier: a critical service checks every 5 seconds and gets 120 seconds to start", () => {
    expect(healthcheckOf({ "metadata.tier": "critical" })).toMatchObject({
      interval: "5s",
      timeout: "2s",
      retries: 3,
      start_period: "120s",
    });
  });

  it("follows the stack's environment overlay", () => {
    const spec = named(baseSpec(), "orders", {
      "spec.environments": {
        dev: { workload: { probes: { readiness: { http: { path: "/ready" }, periodSeconds: 3 } } } },
      },
    });
    expect(composeOf([spec], exampleStack("dev")).document.services.orders?.healthcheck.interval).toBe("3s");
    expect(composeOf([spec], exampleStack("prod")).document.services.orders?.healthcheck.interval).toBe("10s");
  });
});

describe("spec.workload.local", () => {
  it("names the allowed HTTP clients when the spec names another", () => {
    const { diagnostics } = loadObject(setPath(baseSpec(), "spec.workload.local.httpClient", "fetch"));
    expect(diagnostics.map((d) => d.message).join()).toMatch(/wget.*curl.*fetch/);
  });

  it.each([
    ["an unknown HTTP client", "spec.workload.local.httpClient", "fetch", "spec.workload.local.httpClient"],
    [
      "an empty health-check command",
      "spec.workload.local.healthcheck",
      { command: [] },
      "spec.workload.local.healthcheck.command",
    ],
    [
      "an unknown field",
      "spec.workload.local.healthcheck",
      { cmd: ["/app/check"] },
      "spec.workload.local.healthcheck.cmd",
    ],
  ])("rejects %s", (_name, path, value, errorPath) => {
    const { diagnostics } = loadObject(setPath(baseSpec(), path, value));
    expect(diagnostics.map((d) => d.path)).toContain(errorPath);
  });
});
