import { describe, expect, it } from "vitest";
import { baseSpec, exampleStack, loadObject, setPath } from "../support/project.js";

function withSlo(): Record<string, unknown> {
  const spec = baseSpec();
  setPath(spec, "spec.indicators", { availability: { errors: 'sum(rate(req_total{code=~"5.."}[{{window}}]))', total: "sum(rate(req_total[{{window}}]))" } });
  setPath(spec, "spec.alerting", { page: { receiver: "pager-catalog" }, ticket: { receiver: "chat-catalog" }, runbook: "https://runbooks.example/orders" });
  return spec;
}

const messages = (spec: Record<string, unknown>, stack = exampleStack("staging")) => loadObject(spec, stack).diagnostics.map((d) => `${d.path}: ${d.message}`);

describe("the alerting checks of a spec", () => {
  it("accept a spec whose SLO, indicators and receivers fit together", () => {
    expect(messages(withSlo())).toEqual([]);
  });

  it.each([
    [
      "a receiver the stack does not configure",
      (s: Record<string, unknown>) => setPath(s, "spec.alerting.page.receiver", "pager-nobody"),
      'spec.alerting.page.receiver: must be a receiver the stack staging configures under reliability:prometheus.receivers (pager-payments, chat-payments, pager-catalog, chat-catalog), because an AlertmanagerConfig may only route to receivers it defines itself; got "pager-nobody"',
    ],
    [
      "an objective too low for a total outage to page",
      (s: Record<string, unknown>) => setPath(s, "spec.objectives.availability", 90),
      "spec.objectives.availability: must be at least 93.056 so that a total outage (100% errors) exceeds the fastest page burn rate of 14.4× the error budget, got 90",
    ],
    [
      "a latency objective without a latency indicator",
      (s: Record<string, unknown>) => setPath(s, "spec.objectives.latency", { threshold: "300ms", percent: 99 }),
      "spec.indicators.latency: must be set when objectives.latency is declared (99% under 300ms), so the latency SLO can alert; got nothing",
    ],
    [
      "a latency indicator without a latency objective",
      (s: Record<string, unknown>) => setPath(s, "spec.indicators.latency", { errors: "sum(rate(slow_total[{{window}}]))", total: "sum(rate(req_total[{{window}}]))" }),
      "spec.objectives.latency: must be declared when indicators.latency is set (the indicator needs an objective to alert on), got nothing",
    ],
  ])("reject %s", (_what, change, message) => {
    expect(messages(change(withSlo()))).toEqual([message]);
  });
});
