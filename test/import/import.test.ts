import { describe, expect, it } from "vitest";
import { formatDiagnostic, SpecError } from "../../components/core/spec/errors.js";
import { importOpenSlo } from "../../components/import/openslo.js";
import { importSloth } from "../../components/import/sloth.js";
import type { ImportResult } from "../../components/import/types.js";
import { specText } from "../../components/import/write.js";
import { fixture, fixtures, loadImported } from "./support.js";

const CONVERT = { sloth: importSloth, openslo: importOpenSlo } as const;

const all = (["sloth", "openslo"] as const).flatMap((format) =>
  fixtures(format)
    .filter((f) => !f.endsWith(".md"))
    .map((f) => [format, f] as const),
);

/** The messages of an import's warnings, with their positions. */
const warningsOf = (r: ImportResult): string[] => r.warnings.map((w) => `${w.at.replace(/^.*?:/, "")} ${w.message}`);

describe("every published example", () => {
  it.each(all)("imports from %s %s as specs that validate", (format, path) => {
    const result = CONVERT[format](path, fixture(path));
    expect(result.services.length).toBeGreaterThan(0);
    expect(loadImported(result).diagnostics.map(formatDiagnostic)).toEqual([]);
  });
});

describe("the Sloth import", () => {
  const result = importSloth("sloth.yml", fixture("test/fixtures/import/sloth/kubernetes-apiserver.yml"));
  const spec = result.services[0]?.spec as {
    spec: { objectives: Record<string, unknown>; indicators: Record<string, { errors: string }> };
  };

  it("turns the availability and latency SLOs into objectives, with {{window}} in the queries", () => {
    expect(spec.spec.objectives).toEqual(
      expect.objectContaining({ availability: 99.9, latency: { threshold: "400ms", percent: 99 }, window: "30d" }),
    );
    expect(spec.spec.indicators["availability"]?.errors).toBe(
      'sum(rate(apiserver_request_total{code=~"(5..|429)"}[{{window}}]))',
    );
    expect(JSON.stringify(spec.spec.indicators)).not.toContain(".window");
  });

  it("reports at its position each thing with no equivalent", () => {
    expect(warningsOf(result)).toEqual(
      expect.arrayContaining([
        "23:12 label cluster has no equivalent (our alerts carry service, slo, severity, team, namespace and region)",
        expect.stringMatching(/^36:13 alert name K8sApiserverAvailabilityAlert has no equivalent/),
        expect.stringMatching(/^43:11 page alert labels severity=critical have no equivalent/),
      ]),
    );
  });

  it.each([
    ["raw-home-wifi.yml", /raw error-ratio SLI: our indicators are errors over total queries/],
    ["home-wifi.yml", /risk-wifi-client-satisfaction: a spec has one availability and one latency objective/],
    ["no-alerts.yml", /page and ticket alerts are both disabled/],
  ])("reports what %s has that a spec cannot say", (name, message) => {
    expect(importSloth(name, fixture(`test/fixtures/import/sloth/${name}`)).warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(message)]),
    );
  });

  it("marks with TODO comments the fields Sloth does not say", () => {
    const text = specText(result.services[0]!, ["header"]);
    for (const todo of [
      "# TODO: the owning team",
      "# TODO: critical, standard or best-effort",
      "# TODO: the regions",
      "# TODO: Sloth describes no workload",
    ])
      expect(text).toContain(todo);
  });

  it.each([
    [
      "an objective of 100",
      "version: prometheus/v1\nservice: a\nslos:\n  - name: x\n    objective: 100\n    sli: {}\n",
      "sloth.yml:5:16 slos[0].objective: must be below 100 percent",
    ],
    [
      "another version",
      "version: prometheus/v2\nservice: a\nslos: []\n",
      'sloth.yml:1:10 version: must be "prometheus/v1"',
    ],
    ["broken YAML", "version: [prometheus/v1\n", "sloth.yml:2:1"],
  ])("refuses %s with the position of the problem", (_what, text, message) => {
    expect(() => importSloth("sloth.yml", text)).toThrow(SpecError);
    try {
      importSloth("sloth.yml", text);
    } catch (error) {
      expect((error as SpecError).diagnostics.map(formatDiagnostic).join("\n")).toContain(message);
    }
  });
});

describe("the OpenSLO import", () => {
  it("resolves SLI, policy and condition references and turns a bad-over-total ratio into the availability indicator", () => {
    const result = importOpenSlo("o.yaml", fixture("test/fixtures/import/openslo/checkout-burn-rates.yaml"));
    const spec = result.services[0]?.spec as {
      metadata: { name: string };
      spec: { objectives: { availability: number; window: string }; indicators: unknown };
    };
    expect([spec.metadata.name, spec.spec.objectives.availability, spec.spec.objectives.window]).toEqual([
      "checkout",
      99.9,
      "30d",
    ]);
    expect(spec.spec.indicators).toEqual({
      availability: {
        errors: 'sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{window}}]))',
        total: 'sum(rate(http_requests_total{job="checkout"}[{{window}}]))',
      },
    });
  });

  it("wraps a counter's selectors in rate() over {{window}} and subtracts good from total", () => {
    const result = importOpenSlo("o.yaml", fixture("test/fixtures/import/openslo/inline-alert-policy.yaml"));
    const ind = (result.services[0]?.spec as { spec: { indicators: { availability: { errors: string } } } }).spec
      .indicators.availability;
    expect(ind.errors).toContain(
      '(sum(rate(localhost_server_requests{code="total",host="*",instance="127.0.0.1:9090"}[{{window}}])))\n-\n(',
    );
    expect(warningsOf(result)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^45:13 op lte alerts while the budget burns slowly/)]),
    );
  });

  it.each([
    ["occurences-slo.yaml", /a threshold metric has no equivalent/],
    ["ratio-timeslices.yaml", /RatioTimeslices has no equivalent/],
    ["timeslices-slo.yaml", /a calendar-aligned window has no equivalent/],
  ])("reports what %s has that a spec cannot say", (name, message) => {
    expect(importOpenSlo(name, fixture(`test/fixtures/import/openslo/${name}`)).warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(message)]),
    );
  });

  it.each([
    [
      "a target of 1",
      "apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: a }\nspec:\n  service: a\n  indicatorRef: x\n  budgetingMethod: Occurrences\n  objectives: [{ target: 1 }]\n",
      "o.yaml:8:26 spec.objectives[0].target: must be below 1",
    ],
    ["an unknown kind", "apiVersion: openslo/v1\nkind: Slo\n", "o.yaml:2:7 kind: must be an OpenSLO v1 document"],
  ])("refuses %s with the position of the problem", (_what, text, message) => {
    try {
      importOpenSlo("o.yaml", text);
      expect.unreachable();
    } catch (error) {
      expect((error as SpecError).diagnostics.map(formatDiagnostic).join("\n")).toContain(message);
    }
  });
});
