/**
 * Delivers the queued status-page calls in order, one at a time. A call that fails in a way that may
 * pass (network, timeout, 5xx, 429) stays at the head and is tried again after a delay that doubles up
 * to a ceiling; a call the page refuses (4xx) is dropped and counted. Nothing leaves the outbox before
 * the page accepted it, so a resolve survives any outage of the page and any restart of the bridge.
 */

import type { BridgeMetrics } from "./metrics.js";
import { StatusPageError, type Impact, type StatusPage, type UpdateState } from "./status-page.js";
import type { IncidentStore, OutboxRow } from "./store.js";

/** Retry timing and clock of the outbox. */
export interface OutboxOptions {
  /** First retry delay, ms. */
  readonly retryMinMs: number;
  /** Longest retry delay, ms. */
  readonly retryMaxMs: number;
  /** The clock, Unix ms. */
  readonly now: () => number;
  /** Where delivery problems are reported. */
  readonly log: (line: string) => void;
}

/** What one delivery attempt did. */
export type Attempt = "delivered" | "retrying" | "dropped" | "waiting" | "empty";

/** Delay before attempt `n + 1` after `n` failed ones. */
export function backoff(failed: number, options: Pick<OutboxOptions, "retryMinMs" | "retryMaxMs">): number {
  return Math.min(options.retryMaxMs, options.retryMinMs * 2 ** Math.max(0, failed - 1));
}

interface OpenCall {
  readonly title: string;
  readonly monitorTag: string;
  readonly impact: Impact;
  readonly startedAt: number;
}
interface UpdateCall {
  readonly message: string;
  readonly state: UpdateState;
  readonly at: number;
}
interface ImpactCall {
  readonly monitorTag: string;
  readonly impact: Impact;
}

/** The outbox worker. */
export class Outbox {
  private running: Promise<void> | undefined;
  private stopping = false;
  private wakeUp: (() => void) | undefined;

  constructor(
    private readonly store: IncidentStore,
    private readonly page: StatusPage,
    private readonly metrics: BridgeMetrics,
    private readonly options: OutboxOptions,
  ) {
    metrics.depth.set(store.depth());
  }

  /** Tries the call at the head of the outbox once, if it is due. */
  async attempt(): Promise<Attempt> {
    const head = this.store.head();
    if (!head) return "empty";
    if (head.next_at > this.options.now()) return "waiting";
    if (head.kind !== "open" && this.store.incident(head.incident_id)?.page_id == null) {
      this.drop(head, "no_incident", `incident ${head.incident_id} was never opened on the status page`);
      this.metrics.depth.set(this.store.depth());
      return "dropped";
    }
    try {
      await this.deliver(head);
      this.delivered(head);
      return "delivered";
    } catch (error) {
      const retryable = !(error instanceof StatusPageError) || error.retryable;
      if (retryable) {
        this.store.postpone(head.seq, this.options.now() + backoff(head.attempts + 1, this.options));
        this.metrics.retried.inc();
        this.options.log(`status page call ${head.kind} #${head.seq} failed, retrying: ${(error as Error).message}`);
        return "retrying";
      }
      this.drop(head, "refused", (error as Error).message);
      return "dropped";
    } finally {
      this.metrics.depth.set(this.store.depth());
    }
  }

  /** Starts delivering in the background until {@link stop}. */
  start(): void {
    this.stopping = false;
    this.running ??= this.loop();
  }

  /** Delivers a newly queued call now rather than at the next poll. */
  wake(): void {
    this.metrics.depth.set(this.store.depth());
    this.wakeUp?.();
  }

  /** Stops after the call in flight, if any. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.running;
    this.running = undefined;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      const result = await this.attempt();
      if (result === "delivered" || result === "dropped") continue;
      const head = this.store.head();
      const delay = head ? Math.min(1000, Math.max(0, head.next_at - this.options.now())) : 1000;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const incident = this.store.incident(row.incident_id);
    if (row.kind === "open") {
      const call = JSON.parse(row.payload) as OpenCall;
      const id = await this.page.open({ ...call, startedAt: new Date(call.startedAt) });
      this.store.change(row.incident_id, { page_id: id });
      return;
    }
    const pageId = incident?.page_id ?? "";
    if (row.kind === "impact") {
      const call = JSON.parse(row.payload) as ImpactCall;
      await this.page.setImpact(pageId, call.monitorTag, call.impact);
      return;
    }
    const call = JSON.parse(row.payload) as UpdateCall;
    await this.page.update(pageId, { message: call.message, state: call.state, at: new Date(call.at) });
  }

  /** Records a delivered call; a resolve withdrawn while in flight is followed by a re-open. */
  private delivered(row: OutboxRow): void {
    const state = row.kind === "update" ? (JSON.parse(row.payload) as UpdateCall).state : undefined;
    if (row.kind === "open") this.metrics.opened.inc();
    if (state === "RESOLVED") this.metrics.resolved.inc();
    if (state === "INVESTIGATING" && row.essential === 1) this.metrics.reopened.inc();
    this.store.transaction(() => {
      const withdrawn = !this.store.outbox().some((r) => r.seq === row.seq);
      this.store.remove(row.seq);
      const incident = this.store.incident(row.incident_id);
      if (withdrawn && state === "RESOLVED" && incident?.resolved_at === null)
        this.store.enqueue({
          incident_id: row.incident_id,
          kind: "update",
          payload: JSON.stringify({
            message: `${incident.component} fails again: incident re-opened.`,
            state: "INVESTIGATING",
            at: incident.down_since ?? this.options.now(),
          }),
          essential: 1,
          next_at: this.options.now(),
        });
    });
  }

  private drop(row: OutboxRow, reason: string, why: string): void {
    this.store.remove(row.seq);
    this.metrics.dropped.inc({ reason });
    this.options.log(`status page call ${row.kind} #${row.seq} dropped (${reason}): ${why}`);
  }
}
