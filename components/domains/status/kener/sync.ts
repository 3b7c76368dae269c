/**
 * The change set that brings Kener's monitors to the specs: create the missing ones, update the
 * fields this product owns where they differ (the rest, such as the dashboard's alert settings, is
 * left alone), and with `prune` deactivate the managed monitors no spec asks for any more (Kener's
 * API cannot delete a monitor; an inactive one keeps its history). Monitors without the managed mark
 * (or marked by another stack's sync) are never touched; one whose tag a check needs is a conflict. Pure.
 */

import type { ApiTypeData, Monitor, MonitorInput, MonitorPatch } from "./api.js";
import { isManaged } from "./monitors.js";

/** One field that differs: its path, what Kener has and what the spec wants. */
export interface FieldChange {
  /** Field path, such as `cron` or `type_data.url`. */
  readonly field: string;
  /** Kener's value (undefined when absent). */
  readonly from: unknown;
  /** The spec's value. */
  readonly to: unknown;
}

/** One change to Kener. */
export type MonitorChange =
  | { readonly action: "create"; readonly tag: string; readonly name: string; readonly monitor: MonitorInput }
  | {
      readonly action: "update";
      readonly tag: string;
      readonly name: string;
      readonly fields: readonly FieldChange[];
      readonly patch: MonitorPatch;
    }
  | { readonly action: "deactivate"; readonly tag: string; readonly name: string };

/** Everything the sync would do, and what it leaves alone. */
export interface ChangeSet {
  /** Changes, in check order, then deactivations. */
  readonly changes: readonly MonitorChange[];
  /** Tags already as the specs want them. */
  readonly unchanged: readonly string[];
  /** Managed monitors no spec asks for, kept because the run does not prune. */
  readonly kept: readonly string[];
  /** Tags a check needs that belong to a monitor the sync does not manage. */
  readonly conflicts: readonly { readonly tag: string; readonly name: string }[];
}

/** The `type_data` fields this product owns. */
const TYPE_DATA_FIELDS = ["url", "method", "headers", "body", "timeout", "allowSelfSignedCert", "eval"] as const;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The owned fields that differ between a monitor and what the spec wants, and the patch that fixes them. */
export function monitorDiff(existing: Monitor, wanted: MonitorInput): { fields: FieldChange[]; patch: MonitorPatch } {
  const fields: FieldChange[] = [];
  const top = [
    ["name", existing.name, wanted.name],
    ["description", existing.description, wanted.description],
    ["cron", existing.cron, wanted.cron],
    ["monitor_type", existing.monitor_type, wanted.monitor_type],
    ["confirmation_threshold", existing.confirmation_threshold, wanted.confirmation_threshold],
    ["status", existing.status, "ACTIVE"],
  ] as const;
  const patch: Record<string, unknown> = {};
  for (const [field, from, to] of top)
    if (!same(from, to)) {
      fields.push({ field, from: from ?? undefined, to });
      patch[field] = to;
    }
  const data: Partial<Record<keyof ApiTypeData, unknown>> = existing.type_data ?? {};
  for (const field of TYPE_DATA_FIELDS)
    if (!same(data[field], wanted.type_data[field]))
      fields.push({ field: `type_data.${field}`, from: data[field], to: wanted.type_data[field] });
  if (fields.some((f) => f.field.startsWith("type_data."))) patch["type_data"] = wanted.type_data;
  return { fields, patch: patch as MonitorPatch };
}

/** The change set from Kener's monitors to the ones the sync of `stack` wants. */
export function changeSet(
  wanted: readonly MonitorInput[],
  existing: readonly Monitor[],
  options: { readonly prune: boolean; readonly stack: string },
): ChangeSet {
  const managed = (m: Monitor) => isManaged(m.description, options.stack);
  const byTag = new Map(existing.map((m) => [m.tag, m]));
  const changes: MonitorChange[] = [];
  const unchanged: string[] = [];
  const conflicts: { tag: string; name: string }[] = [];
  for (const monitor of wanted) {
    const current = byTag.get(monitor.tag);
    if (!current) {
      changes.push({ action: "create", tag: monitor.tag, name: monitor.name, monitor });
    } else if (!managed(current)) {
      conflicts.push({ tag: monitor.tag, name: current.name });
    } else {
      const { fields, patch } = monitorDiff(current, monitor);
      if (fields.length === 0) unchanged.push(monitor.tag);
      else changes.push({ action: "update", tag: monitor.tag, name: monitor.name, fields, patch });
    }
  }
  const wantedTags = new Set(wanted.map((m) => m.tag));
  const stale = existing.filter((m) => !wantedTags.has(m.tag) && managed(m) && m.status !== "INACTIVE");
  if (options.prune) changes.push(...stale.map((m) => ({ action: "deactivate" as const, tag: m.tag, name: m.name })));
  return { changes, unchanged, kept: options.prune ? [] : stale.map((m) => m.tag), conflicts };
}
