import type { ChangeSet, MonitorChange } from "../../components/domains/status/kener/sync.js";

/** What `status sync` did or would do. */
export interface SyncReport {
  /** The Kener site. */
  readonly kener: string;
  /** Whether nothing was changed on purpose. */
  readonly dryRun: boolean;
  /** Whether stale managed monitors are deactivated. */
  readonly prune: boolean;
  /** The change set. */
  readonly set: ChangeSet;
  /** Changes applied. */
  readonly applied: number;
}

const SIGN = { create: "+", update: "~", deactivate: "-" } as const;
const show = (value: unknown) => (value === undefined ? "(none)" : JSON.stringify(value));

function changeLines(change: MonitorChange): string[] {
  const head = `  ${SIGN[change.action]} ${change.action} ${change.tag} (${JSON.stringify(change.name)})`;
  if (change.action !== "update") return [head];
  return [head, ...change.fields.map((f) => `      ${f.field}: ${show(f.from)} → ${show(f.to)}`)];
}

function count(set: ChangeSet, action: MonitorChange["action"]): number {
  return set.changes.filter((c) => c.action === action).length;
}

function summary(report: SyncReport): string {
  const { set } = report;
  const counts = `${count(set, "create")} to create, ${count(set, "update")} to update, ${count(set, "deactivate")} to deactivate, ${set.unchanged.length} unchanged`;
  if (set.conflicts.length > 0)
    return `Kener ${report.kener}: ${counts}; ${set.conflicts.length} conflict${set.conflicts.length === 1 ? "" : "s"}, nothing changed`;
  if (report.dryRun) return `Kener ${report.kener}: ${counts} (dry run, nothing changed)`;
  if (set.changes.length === 0)
    return `Kener ${report.kener}: no changes, ${set.unchanged.length} monitor${set.unchanged.length === 1 ? "" : "s"} up to date`;
  return `Kener ${report.kener}: ${counts}; applied ${report.applied} change${report.applied === 1 ? "" : "s"}`;
}

/** The report as text: a summary line, then each change with its field differences. */
export function renderSyncText(report: SyncReport): string {
  const { set } = report;
  return [
    summary(report),
    ...set.changes.flatMap(changeLines),
    ...set.kept.map((tag) => `  = keep ${tag} (managed, no spec asks for it; --prune deactivates it)`),
    ...set.conflicts.map(
      (c) =>
        `  ! conflict ${c.tag}: the tag is taken by monitor ${JSON.stringify(c.name)}, which this stack's sync does not manage; rename or delete it in Kener`,
    ),
  ].join("\n");
}

/** The report as stable JSON. */
export function renderSyncJson(report: SyncReport): string {
  const { set } = report;
  return JSON.stringify(
    {
      kener: report.kener,
      dryRun: report.dryRun,
      prune: report.prune,
      applied: report.applied,
      changes: set.changes.map((c) =>
        c.action === "create"
          ? { action: c.action, tag: c.tag, name: c.name, monitor: c.monitor }
          : c.action === "update"
            ? { action: c.action, tag: c.tag, name: c.name, fields: c.fields, patch: c.patch }
            : { action: c.action, tag: c.tag, name: c.name },
      ),
      unchanged: set.unchanged,
      kept: set.kept,
      conflicts: set.conflicts,
    },
    null,
    2,
  );
}
