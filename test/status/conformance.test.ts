/**
 * Probes against the vendored prometheus-operator CRD (v0.93.0) with unknown fields refused, against
 * what the operator refuses beyond its schema, and the blackbox modules against the exporter itself.
 */

import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { STATUS_NAMES } from "../../components/core/conventions.js";
import { parseDuration } from "../../components/core/units.js";
import { crdErrors } from "../conformance/crds.js";
import { renderedObjects } from "../conformance/rendered.js";
import { exampleStack, planObject, STACKS } from "../support/project.js";
import { blackboxCheck, probesIn, publicSpec, type ProbeObject } from "./support.js";

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const HOST = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?)$/;

/**
 * What the prometheus-operator refuses in a Probe beyond the CRD (`resource_selector.go`): a prober URL
 * that is not `host` or `host:port`, a scrape timeout above the interval, invalid static label names.
 * @see https://github.com/prometheus-operator/prometheus-operator/blob/v0.93.0/pkg/prometheus/resource_selector.go
 */
function operatorProblems(probe: ProbeObject): string[] {
  const out: string[] = [];
  const url = probe.spec.prober.url;
  const [, host = url, port] = /^(.*?)(?::(\d+))?$/.exec(url) ?? [];
  if (!HOST.test(host) || (port !== undefined && (Number(port) < 1 || Number(port) > 65535)))
    out.push(`spec.prober.url: ${JSON.stringify(url)} must be hostname or hostname:port`);
  const interval = parseDuration(probe.spec.interval ?? "30s") ?? 0;
  const timeout = parseDuration(probe.spec.scrapeTimeout ?? "10s") ?? 0;
  if (timeout > interval)
    out.push(
      `spec.scrapeTimeout: ${probe.spec.scrapeTimeout ?? ""} is above the interval ${probe.spec.interval ?? ""}`,
    );
  for (const name of Object.keys(probe.spec.targets.staticConfig.labels ?? {}))
    if (!LABEL_NAME.test(name)) out.push(`spec.targets.staticConfig.labels: invalid label ${JSON.stringify(name)}`);
  return out;
}

const VARIANTS = [
  ["the default endpoint", {}],
  [
    "declared endpoints with methods, codes, plain HTTP and own timeouts",
    {
      "spec.status": {
        interval: "1m",
        endpoints: [
          {
            name: "api",
            host: "api.orders.example",
            path: "/v1/ready",
            method: "HEAD",
            status: [200, 204],
            timeout: "5s",
          },
          { name: "web", url: "http://orders.example:8080/", latency: "2s" },
        ],
      },
    },
  ],
] as const;

function probesOf(changes: Record<string, unknown>): ProbeObject[] {
  return probesIn(planObject(publicSpec(changes), exampleStack("prod")), "us-east-1");
}

/** A planned Probe as the API server receives it. */
function asObject(probe: ProbeObject): Record<string, unknown> {
  return { apiVersion: "monitoring.coreos.com/v1", kind: "Probe", ...structuredClone(probe) };
}

describe("the planned Probes", () => {
  it.each(VARIANTS)(
    "validate against the vendored Probe CRD with unknown fields refused, and pass the operator's own checks, for %s",
    (_name, changes) => {
      for (const probe of probesOf(changes)) {
        expect(crdErrors(asObject(probe))).toEqual([]);
        expect(operatorProblems(probe)).toEqual([]);
      }
    },
  );

  it.each([
    [
      "a misspelt target list",
      (o: Record<string, unknown>) =>
        Object.assign((o["spec"] as { targets: { staticConfig: object } }).targets.staticConfig, {
          statics: ["https://x/"],
        }),
      /must NOT have additional properties.*statics/,
    ],
    [
      "a field the CRD does not have",
      (o: Record<string, unknown>) => Object.assign(o["spec"] as object, { timeout: "5s" }),
      /must NOT have additional properties.*timeout/,
    ],
    [
      "an interval that is not a duration",
      (o: Record<string, unknown>) => Object.assign(o["spec"] as object, { interval: "30 seconds" }),
      /\/spec\/interval must match pattern/,
    ],
    [
      "a prober scheme the CRD does not list",
      (o: Record<string, unknown>) => Object.assign((o["spec"] as { prober: object }).prober, { scheme: "tcp" }),
      /\/spec\/prober\/scheme must be equal to one of the allowed values/,
    ],
  ])("are refused by the CRD check with %s", (_name, plant, error) => {
    const object = asObject(probesOf({})[0] as ProbeObject);
    plant(object);
    expect(crdErrors(object).join("\n")).toMatch(error);
  });

  it.each([
    ["a prober URL with a scheme", { prober: { url: "http://bb:9115" } }, "must be hostname or hostname:port"],
    ["a scrape timeout above the interval", { scrapeTimeout: "40s" }, "is above the interval 30s"],
    [
      "a static label name with a dash",
      { targets: { staticConfig: { static: ["https://x/"], labels: { "probe-region": "x" } } } },
      'invalid label "probe-region"',
    ],
  ])("are refused by the operator's checks with %s", (_name, change, error) => {
    const probe = probesOf({})[0] as ProbeObject;
    const broken = {
      ...probe,
      spec: {
        ...probe.spec,
        ...change,
        prober: { ...probe.spec.prober, ...("prober" in change ? change.prober : {}) },
      },
    } as ProbeObject;
    expect(operatorProblems(broken).join("\n")).toContain(error);
  });

  it.each(STACKS.map((s) => [s]))("rendered for the %s stack each pass the operator's checks", (stack) => {
    const probes = renderedObjects(stack)
      .filter((r) => r.object.kind === "Probe")
      .map((r) => r.object as unknown as ProbeObject);
    expect(probes.flatMap(operatorProblems)).toEqual([]);
  });
});

describe("the planned blackbox modules", () => {
  it.each(STACKS.map((s) => [s]))(
    "of every ConfigMap rendered for the %s stack, and all of them merged, load in the blackbox exporter",
    (stack) => {
      const configs = renderedObjects(stack)
        .filter((r) => r.object.kind === "ConfigMap" && STATUS_NAMES.configKey in (r.object["data"] as object))
        .map((r) => (r.object["data"] as Record<string, string>)[STATUS_NAMES.configKey] ?? "");
      expect(configs.length).toBeGreaterThan(0);
      for (const config of configs) expect(blackboxCheck(config)).toMatchObject({ status: 0 });
      const merged = Object.assign({}, ...configs.map((c) => (parse(c) as { modules: object }).modules)) as object;
      expect(blackboxCheck(stringify({ modules: merged }))).toMatchObject({ status: 0 });
    },
  );

  it("are refused by the exporter with a misspelt field, so the check can fail", () => {
    const result = blackboxCheck("modules:\n  http_2xx:\n    prober: http\n    http:\n      methd: GET\n");
    expect(result.status).toBe(1);
    expect(result.output).toContain("field methd not found");
  });
});
