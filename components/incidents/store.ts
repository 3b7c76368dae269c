/**
 * The bridge's durable state in SQLite: incidents per component, the alerts (causes) that keep each
 * open, each as one sender (a region's Alertmanager) reported it, and the outbox of status-page calls
 * not yet delivered. One writer (the bridge); every change a
 * notification makes is one transaction, so a restart sees all of it or none of it.
 * @see https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md
 */

import Database from "better-sqlite3";
import type { Impact } from "./status-page.js";

/** An incident as the bridge keeps it. */
export interface IncidentRow {
  /** Local id. */
  readonly id: number;
  /** Status-page component (monitor tag). */
  readonly component: string;
  /** Current impact. */
  readonly impact: Impact;
  /** Id on the status page, once the open call was delivered. */
  readonly page_id: string | null;
  /** Start of the first outage, Unix ms. */
  readonly opened_at: number;
  /** End of the last outage, Unix ms; null while open. */
  readonly resolved_at: number | null;
  /** Start of the current outage, Unix ms; null while resolved. */
  readonly down_since: number | null;
  /** Downtime of the outages already over, ms. */
  readonly downtime_ms: number;
}

/** An alert, as one sender reported it, that opened or joined an incident. */
export interface CauseRow {
  /** The Alertmanager that reported it (its region; empty when the webhook URL names none). */
  readonly sender: string;
  /** Alertmanager fingerprint. */
  readonly fingerprint: string;
  /** The alert's `startsAt`, Unix ms (a new firing of the same series has a new start). */
  readonly starts_at: number;
  /** Incident it belongs to. */
  readonly incident_id: number;
  /** Alert name. */
  readonly alertname: string;
  /** Impact it gives. */
  readonly impact: Impact;
  /** Unix ms it resolved; null while firing. */
  readonly resolved_at: number | null;
}

/** A status-page call waiting in the outbox. */
export interface OutboxRow {
  /** Order of delivery. */
  readonly seq: number;
  /** Incident it is about. */
  readonly incident_id: number;
  /** Call: `open`, `update` or `impact`. */
  readonly kind: "open" | "update" | "impact";
  /** JSON arguments of the call. */
  readonly payload: string;
  /** 1 when the call must never be dropped (opens and state changes). */
  readonly essential: number;
  /** Failed attempts so far. */
  readonly attempts: number;
  /** Unix ms of the next attempt. */
  readonly next_at: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS incidents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  component TEXT NOT NULL,
  impact TEXT NOT NULL,
  page_id TEXT,
  opened_at INTEGER NOT NULL,
  resolved_at INTEGER,
  down_since INTEGER,
  downtime_ms INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS incidents_by_component ON incidents (component, id);
CREATE TABLE IF NOT EXISTS causes (
  sender TEXT NOT NULL DEFAULT '',
  fingerprint TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  incident_id INTEGER NOT NULL REFERENCES incidents (id),
  alertname TEXT NOT NULL,
  impact TEXT NOT NULL,
  group_key TEXT NOT NULL,
  resolved_at INTEGER,
  PRIMARY KEY (sender, fingerprint, starts_at)
);
CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  incident_id INTEGER NOT NULL REFERENCES incidents (id),
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  essential INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL
);`;

/** Version of {@link SCHEMA} (`PRAGMA user_version`); 0 is a database from before causes had a sender. */
const SCHEMA_VERSION = 1;

/** Rebuilds a version-0 causes table (keyed by fingerprint and start) with the sender in its key, every row under the empty sender. */
const ADD_SENDER = `
ALTER TABLE causes RENAME TO causes_v0;
${SCHEMA.slice(SCHEMA.indexOf("CREATE TABLE IF NOT EXISTS causes"), SCHEMA.indexOf("CREATE TABLE IF NOT EXISTS outbox"))}
INSERT INTO causes (sender, fingerprint, starts_at, incident_id, alertname, impact, group_key, resolved_at)
  SELECT '', fingerprint, starts_at, incident_id, alertname, impact, group_key, resolved_at FROM causes_v0;
DROP TABLE causes_v0;`;

/** The bridge's database. */
export class IncidentStore {
  private readonly db: Database.Database;

  /** Opens (and creates) the database at `file` (`:memory:` for a throwaway one). */
  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = FULL");
    this.db.pragma("foreign_keys = ON");
    this.transaction(() => this.migrate());
  }

  /** Creates the tables, or brings those of an older version up to {@link SCHEMA_VERSION}. */
  private migrate(): void {
    const version = this.db.pragma("user_version", { simple: true }) as number;
    if (version > SCHEMA_VERSION)
      throw new Error(`database schema version ${version} is newer than this bridge's (${SCHEMA_VERSION})`);
    const hasCauses = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'causes'").get();
    if (hasCauses && version === 0) this.db.exec(ADD_SENDER);
    this.db.exec(SCHEMA);
    this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }

  /** Runs `work` as one transaction. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** The newest incident of a component. */
  latest(component: string): IncidentRow | undefined {
    return this.db.prepare("SELECT * FROM incidents WHERE component = ? ORDER BY id DESC LIMIT 1").get(component) as
      IncidentRow | undefined;
  }

  /** An incident by local id. */
  incident(id: number): IncidentRow | undefined {
    return this.db.prepare("SELECT * FROM incidents WHERE id = ?").get(id) as IncidentRow | undefined;
  }

  /** Every incident, oldest first. */
  incidents(): IncidentRow[] {
    return this.db.prepare("SELECT * FROM incidents ORDER BY id").all() as IncidentRow[];
  }

  /** Creates an incident open since `at` and returns it. */
  create(component: string, impact: Impact, at: number): IncidentRow {
    const { lastInsertRowid } = this.db
      .prepare("INSERT INTO incidents (component, impact, opened_at, down_since) VALUES (?, ?, ?, ?)")
      .run(component, impact, at, at);
    return this.incident(Number(lastInsertRowid)) as IncidentRow;
  }

  /** Changes fields of an incident. */
  change(id: number, fields: Partial<Omit<IncidentRow, "id" | "component">>): void {
    const keys = Object.keys(fields) as (keyof typeof fields)[];
    if (keys.length === 0) return;
    this.db
      .prepare(`UPDATE incidents SET ${keys.map((k) => `${k} = @${k}`).join(", ")} WHERE id = @id`)
      .run({ ...fields, id });
  }

  /** A cause by sender, fingerprint and start. */
  cause(sender: string, fingerprint: string, startsAt: number): CauseRow | undefined {
    return this.db
      .prepare("SELECT * FROM causes WHERE sender = ? AND fingerprint = ? AND starts_at = ?")
      .get(sender, fingerprint, startsAt) as CauseRow | undefined;
  }

  /** Records an alert that opened or joined an incident. */
  addCause(cause: Omit<CauseRow, "resolved_at"> & { readonly group_key: string }): void {
    this.db
      .prepare(
        "INSERT INTO causes (sender, fingerprint, starts_at, incident_id, alertname, impact, group_key) VALUES (@sender, @fingerprint, @starts_at, @incident_id, @alertname, @impact, @group_key)",
      )
      .run(cause);
  }

  /** Marks a cause resolved. */
  resolveCause(cause: Pick<CauseRow, "sender" | "fingerprint" | "starts_at">, at: number): void {
    this.db
      .prepare("UPDATE causes SET resolved_at = ? WHERE sender = ? AND fingerprint = ? AND starts_at = ?")
      .run(at, cause.sender, cause.fingerprint, cause.starts_at);
  }

  /** The latest end, Unix ms, of the incident's causes that resolved at or after `since`; undefined when none did. */
  lastEnd(incidentId: number, since: number): number | undefined {
    const row = this.db
      .prepare("SELECT max(resolved_at) AS at FROM causes WHERE incident_id = ? AND resolved_at >= ?")
      .get(incidentId, since) as { at: number | null };
    return row.at ?? undefined;
  }

  /** The causes of an incident still firing. */
  firing(incidentId: number): CauseRow[] {
    return this.db
      .prepare("SELECT * FROM causes WHERE incident_id = ? AND resolved_at IS NULL")
      .all(incidentId) as CauseRow[];
  }

  /** Queues a status-page call. */
  enqueue(call: Pick<OutboxRow, "incident_id" | "kind" | "payload" | "essential" | "next_at">): void {
    this.db
      .prepare(
        "INSERT INTO outbox (incident_id, kind, payload, essential, next_at) VALUES (@incident_id, @kind, @payload, @essential, @next_at)",
      )
      .run(call);
  }

  /** The calls waiting, in delivery order. */
  outbox(): OutboxRow[] {
    return this.db.prepare("SELECT * FROM outbox ORDER BY seq").all() as OutboxRow[];
  }

  /** The next call to deliver. */
  head(): OutboxRow | undefined {
    return this.db.prepare("SELECT * FROM outbox ORDER BY seq LIMIT 1").get() as OutboxRow | undefined;
  }

  /** How many calls wait. */
  depth(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM outbox").get() as { n: number }).n;
  }

  /** Removes a delivered (or dropped) call. */
  remove(seq: number): void {
    this.db.prepare("DELETE FROM outbox WHERE seq = ?").run(seq);
  }

  /** Postpones a call after a failed attempt. */
  postpone(seq: number, nextAt: number): void {
    this.db.prepare("UPDATE outbox SET attempts = attempts + 1, next_at = ? WHERE seq = ?").run(nextAt, seq);
  }

  /**
   * Removes the incident's resolve while it still waits in the outbox as the incident's last call (the
   * status page never showed it resolved); true when there was one.
   */
  withdrawResolve(incidentId: number): boolean {
    const last = this.db
      .prepare("SELECT seq, kind, payload FROM outbox WHERE incident_id = ? ORDER BY seq DESC LIMIT 1")
      .get(incidentId) as Pick<OutboxRow, "seq" | "kind" | "payload"> | undefined;
    if (last?.kind !== "update" || (JSON.parse(last.payload) as { state?: string }).state !== "RESOLVED") return false;
    this.remove(last.seq);
    return true;
  }

  /** Closes the database. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
