import { describe, expect, it } from "vitest";
import { at, Harness, notification, type AlertAt } from "./support.js";

/** One step of a scenario. */
type Step =
  | { readonly send: readonly AlertAt[] }
  | { readonly page: "down" | "refusing" | undefined }
  | { readonly advance: number }
  | { readonly restart: true };

/** What the status page shows at the end: each incident's state, impact and last timeline entry. */
interface Shown {
  readonly title: string;
  readonly state: string;
  readonly impact: string;
  readonly last?: string;
}

const down = (startsAt: number, endsAt?: number, region = "us-east-1"): AlertAt => ({
  startsAt,
  region,
  ...(endsAt === undefined ? {} : { endsAt }),
});

const SCENARIOS: readonly {
  readonly name: string;
  readonly steps: readonly Step[];
  readonly shown: readonly Shown[];
}[] = [
  {
    name: "a firing EndpointDown opens one incident, impact DOWN",
    steps: [{ send: [down(at(0))] }],
    shown: [{ title: "orders is down", state: "INVESTIGATING", impact: "DOWN" }],
  },
  {
    name: "a retried or repeated notification changes nothing",
    steps: [{ send: [down(at(0))] }, { send: [down(at(0))] }, { advance: 4 * 3_600_000 }, { send: [down(at(0))] }],
    shown: [{ title: "orders is down", state: "INVESTIGATING", impact: "DOWN" }],
  },
  {
    name: "the resolve closes it with the total downtime",
    steps: [{ send: [down(at(0))] }, { send: [down(at(0), at(3))] }, { send: [down(at(0), at(3))] }],
    shown: [
      {
        title: "orders is down",
        state: "RESOLVED",
        impact: "DOWN",
        last: "auto resolved at 2026-11-28T10:03:00.000Z, total downtime 3 minutes",
      },
    ],
  },
  {
    name: "an outage starting again within the flap window re-opens the same incident and adds up the downtime",
    steps: [
      { send: [down(at(0))] },
      { send: [down(at(0), at(2))] },
      { send: [down(at(5))] },
      { send: [down(at(5), at(8))] },
    ],
    shown: [
      {
        title: "orders is down",
        state: "RESOLVED",
        impact: "DOWN",
        last: "auto resolved at 2026-11-28T10:08:00.000Z, total downtime 5 minutes",
      },
    ],
  },
  {
    name: "an outage starting after the flap window opens a new incident",
    steps: [
      { send: [down(at(0))] },
      { send: [down(at(0), at(2))] },
      { send: [down(at(20))] },
      { send: [down(at(20), at(21))] },
    ],
    shown: [
      {
        title: "orders is down",
        state: "RESOLVED",
        impact: "DOWN",
        last: expect.stringMatching(/downtime 2 minutes$/),
      },
      { title: "orders is down", state: "RESOLVED", impact: "DOWN", last: expect.stringMatching(/downtime 1 minute$/) },
    ],
  },
  {
    name: "a restart between fire and resolve neither duplicates nor orphans the incident",
    steps: [{ send: [down(at(0))] }, { restart: true }, { send: [down(at(0))] }, { send: [down(at(0), at(2))] }],
    shown: [
      {
        title: "orders is down",
        state: "RESOLVED",
        impact: "DOWN",
        last: expect.stringMatching(/downtime 2 minutes$/),
      },
    ],
  },
  {
    name: "calls made while the status page is down are delivered in order once it is up",
    steps: [
      { page: "down" },
      { send: [down(at(0))] },
      { advance: 5_000 },
      { send: [down(at(0), at(1))] },
      { restart: true },
      { page: undefined },
      { advance: 120_000 },
    ],
    shown: [
      { title: "orders is down", state: "RESOLVED", impact: "DOWN", last: expect.stringMatching(/downtime 1 minute$/) },
    ],
  },
  {
    name: "the same outage seen from two regions is one incident, resolved when both resolve",
    steps: [
      { send: [down(at(0)), down(at(0), undefined, "eu-west-1")] },
      { send: [down(at(0), at(2))] },
      { send: [down(at(0), at(3), "eu-west-1")] },
    ],
    shown: [
      {
        title: "orders is down",
        state: "RESOLVED",
        impact: "DOWN",
        last: expect.stringMatching(/downtime 3 minutes$/),
      },
    ],
  },
  {
    name: "a degraded endpoint that goes down raises the impact, and lowers it when only the degradation is left",
    steps: [
      { send: [{ name: "EndpointDegraded", severity: "warning", startsAt: at(0) }] },
      { send: [down(at(1))] },
      { send: [down(at(1), at(2))] },
    ],
    shown: [
      { title: "orders is degraded", state: "IDENTIFIED", impact: "DEGRADED", last: "orders-public is now degraded." },
    ],
  },
  {
    name: "a critical ErrorBudgetBurn opens a DEGRADED incident on the service and a warning one is ignored",
    steps: [
      { send: [{ name: "ErrorBudgetBurn", severity: "warning", startsAt: at(0), component: "checkout" }] },
      { send: [{ name: "ErrorBudgetBurn", severity: "critical", startsAt: at(0) }] },
    ],
    shown: [{ title: "orders is degraded", state: "INVESTIGATING", impact: "DEGRADED" }],
  },
  {
    name: "a resolve of an alert the bridge never saw firing opens nothing",
    steps: [{ send: [down(at(0), at(1))] }],
    shown: [],
  },
];

describe("the incident bridge's state machine", () => {
  it.each(SCENARIOS)("$name", async ({ steps, shown }) => {
    const h = new Harness();
    for (const step of steps) {
      if ("send" in step) await h.send(notification(step.send));
      else if ("page" in step) h.page.failing = step.page;
      else if ("advance" in step) {
        h.clock += step.advance;
        await h.drain();
      } else h.restart();
      expect(h.page.open_().length).toBeLessThanOrEqual(1);
    }
    expect(
      h.page.incidents.map((i) => ({
        title: i.opening.title,
        state: i.state,
        impact: i.impact,
        ...(i.state === "INVESTIGATING" && i.timeline.length <= 1 ? {} : { last: i.timeline.at(-1)?.message }),
      })),
    ).toEqual(shown);
    expect(h.store.outbox()).toEqual([]);
    h.store.close();
  });

  it("labels a new incident as the founding cases did: incident, incident-down, the component's monitor, auto", async () => {
    const h = new Harness();
    await h.send(notification([down(at(0))]));
    expect(h.page.incidents[0]?.opening).toEqual({
      title: "orders is down",
      monitorTag: "orders-public",
      impact: "DOWN",
      startedAt: new Date(at(0)),
    });
    expect(h.page.incidents[0]?.timeline[0]?.message).toBe(
      "orders is down. Opened automatically; labels: incident, incident-down, orders-public, auto.",
    );
  });

  it("retries a status page that is down with a doubling delay and counts each retry", async () => {
    const h = new Harness();
    h.page.failing = "down";
    await h.send(notification([down(at(0))]));
    const delays: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const head = h.store.head();
      delays.push((head?.next_at ?? 0) - h.clock);
      h.clock = head?.next_at ?? h.clock;
      await h.drain();
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000]);
    expect(await h.counter("incident_bridge_status_page_retries_total")).toBe(5);
    expect(h.page.incidents).toEqual([]);
  });

  it("drops updates, never opens or resolves, when the outbox is full, and counts them", async () => {
    const h = new Harness(undefined, 15 * 60_000, 2);
    h.page.failing = "down";
    await h.send(notification([down(at(0))]));
    await h.send(
      notification([
        { name: "EndpointDegraded", severity: "warning", startsAt: at(0), component: "cart", endpoint: "cart" },
      ]),
    );
    await h.send(notification([down(at(0), at(4))]));
    expect(h.store.outbox().map((r) => `${r.kind}:${r.essential}`)).toEqual([
      "open:1",
      "update:0",
      "open:1",
      "update:1",
    ]);
    h.page.failing = undefined;
    h.clock += 60_000;
    await h.drain();
    expect(h.page.incidents.map((i) => `${i.opening.monitorTag}:${i.state}`)).toEqual([
      "orders-public:RESOLVED",
      "orders-cart:INVESTIGATING",
    ]);
  });

  it("drops the calls of an incident the status page refused to open, and counts them", async () => {
    const h = new Harness();
    h.page.failing = "refusing";
    await h.send(notification([down(at(0))]));
    expect(await h.counter("incident_bridge_status_page_calls_dropped_total", { reason: "refused" })).toBe(1);
    expect(await h.counter("incident_bridge_status_page_calls_dropped_total", { reason: "no_incident" })).toBe(1);
    expect(h.store.outbox()).toEqual([]);
  });
});
