import { describe, expect, it } from "vitest";
import type { StackConfig } from "../../components/core/stack/config.js";
import { baseSpec, exampleStack, loadObject, setPath } from "../support/project.js";

function withSlo(): Record<string, unknown> {
  const spec = baseSpec();
  setPath(spec, "spec.indicators", {
    availability: {
      errors: 'sum(rate(req_total{code=~"5.."}[{{window}}]))',
      total: "sum(rate(req_total[{{window}}]))",
    },
  });
  setPath(spec, "spec.alerting", {
    page: { receiver: "pager-catalog" },
    ticket: { receiver: "chat-catalog" },
    runbook: "https://runbooks.example/orders",
  });
  return spec;
}

/** The stack without `prometheus.defaultReceivers`. */
function withoutDefaultReceivers(stack: StackConfig): StackConfig {
  const { defaultReceivers: _omitted, ...prometheus } = stack.prometheus;
  return { ...stack, prometheus };
}

const messages = (spec: Record<string, unknown>, stack = exampleStack("staging")) =>
  loadObject(spec, stack).diagnostics.map((d) => `${d.path}: ${d.message}`);

describe("the alerting checks of a spec", () => {
  it("accept a spec whose SLO, indicators and receivers fit together", () => {
    expect(messages(withSlo())).toEqual([]);
  });

  it.each([
    [
      "a receiver the stack does not configure",
      (s: Record<string, unknown>) => setPath(s, "spec.alerting.page.receiver", "pager-nobody"),
      'spec.alerting.page.receiver: must be a receiver the stack staging configures under reliability:prometheus.receivers (pager-payments, chat-payments, pager-catalog, chat-catalog, pager-platform, chat-platform), because an AlertmanagerConfig may only route to receivers it defines itself; got "pager-nobody"',
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
      (s: Record<string, unknown>) =>
        setPath(s, "spec.indicators.latency", {
          errors: "sum(rate(slow_total[{{window}}]))",
          total: "sum(rate(req_total[{{window}}]))",
        }),
      "spec.objectives.latency: must be declared when indicators.latency is set (the indicator needs an objective to alert on), got nothing",
    ],
    [
      "objectives with no indicators at all",
      (s: Record<string, unknown>) => {
        delete (s.spec as Record<string, unknown>).indicators;
        return s;
      },
      "spec.indicators: must measure the objectives (availability 99.9%): set availability { errors, total } as PromQL with {{window}}, or none: { reason } to declare them unmeasured, because an objective nothing measures never alerts; got nothing",
    ],
    [
      "indicators that are both measured and declared unmeasured",
      (s: Record<string, unknown>) => setPath(s, "spec.indicators.none", { reason: "batch" }),
      'spec.indicators: must set either availability (with latency when objectives.latency is declared) or none: { reason } (the objectives are not measured), not both and not neither, got {"availability":{"errors":"sum(rate(req_total{code=~\\"5.....',
    ],
    [
      "an SLO window longer than the stack's Prometheus keeps",
      (s: Record<string, unknown>) => setPath(s, "spec.objectives.window", "35d"),
      "spec.objectives.window: must fit in the Prometheus retention of stack staging (reliability:prometheus.retention 35d) with an hour to spare, because ErrorBudgetExhausted reads the whole window and would never fire; got 5w (raise the retention to at least 5w1h or shorten the window)",
    ],
    [
      "no alerting on a stack without default receivers",
      (s: Record<string, unknown>) => {
        delete (s.spec as Record<string, unknown>).alerting;
        return s;
      },
      "spec.alerting: must be set (page and ticket receivers and a runbook), or the stack staging must name reliability:prometheus.defaultReceivers, because alerts nobody routes go wherever the cluster's default route sends them; got nothing",
      withoutDefaultReceivers(exampleStack("staging")),
    ],
  ])("reject %s", (_what, change, message, stack?: StackConfig) => {
    expect(messages(change(withSlo()), stack)).toEqual([message]);
  });

  it("accept objectives declared unmeasured with a reason, and route a spec without alerting to the stack's defaults", () => {
    const spec = withSlo();
    setPath(spec, "spec.indicators", { none: { reason: "batch jobs are measured by the nightly report" } });
    delete (spec.spec as Record<string, unknown>).alerting;
    expect(messages(spec)).toEqual([]);
  });
});
